from xuncha.accounts.permissions import Action, restrict
from xuncha.audit.domain import record_events
from xuncha.clues.models import Clue, CluePerson


def clues_for_user(user, action: Action = Action.VIEW):
    return restrict(Clue.objects.active(), user, action).select_related(
        "inspection", "inspection__term__owner", "receiving_body"
    )


def clue_persons_for_user(user):
    return restrict(CluePerson.objects.all(), user).select_related("clue", "clue__inspection")


def log_clue_reads(user, clues, how: str) -> None:
    """Every read of clues goes to the access log: one event per committee of the clues shown,
    naming them (`audit.domain.record_events`)."""
    record_events(f"clues.clue.{how}", actor=user, objs=clues)


def receiving_bodies_for(user):
    """Receiving bodies the user may name at transfer (page and API): discipline commissions and
    organisation departments in the user's scope. An id outside it is unknown."""
    from xuncha.orgs.enums import OrgKind
    from xuncha.orgs.queries import organisations_for_user

    return (
        organisations_for_user(user)
        .filter(kind__in=[OrgKind.DISCIPLINE_COMMISSION, OrgKind.ORGANISATION_DEPARTMENT])
        .order_by("path")
    )
