"""Who sees and keeps campaigns.

* The lead committee's office keeps the campaign (names it, adds and takes out inspections); its
  office, leadership and reviewers in scope read it.
* A lower level's office reads a campaign one of its own inspections joined (市区联动): the
  campaign's page then counts only what that office sees, its own share.
Figures are always counted from the inspections the reader may see (`xuncha.campaigns.figures`)."""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, policy, scope_q
from xuncha.campaigns.models import Campaign, CampaignInspection
from xuncha.inspections.rules import committee_q

READERS = {Role.OFFICE, Role.LEADERSHIP, Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER}


def _any(parts):
    result = None
    for part in parts:
        if part is not None:
            result = part if result is None else result | part
    return result


def campaign_q(user, action: Action, prefix: str = "") -> Q | None:
    if action not in (Action.VIEW, Action.EXPORT):
        return scope_q(user, {Role.OFFICE}, f"{prefix}owner__path")
    joined = None
    if (own := committee_q(user, {Role.OFFICE})) is not None:
        from xuncha.inspections.models import Inspection

        joined = Q(
            **{
                f"{prefix}pk__in": CampaignInspection.objects.filter(
                    archived_at__isnull=True, inspection__in=Inspection.objects.filter(own).values("pk")
                ).values("campaign_id")
            }
        )
    return _any([scope_q(user, READERS, f"{prefix}owner__path"), joined])


@policy(Campaign)
def campaign_policy(user, action):
    return campaign_q(user, action)


@policy(CampaignInspection)
def link_policy(user, action):
    return campaign_q(user, action, "campaign__")


def campaign_owners(user):
    """Committees whose campaigns the user may lead: those whose terms the office plans."""
    from xuncha.plans.queries import committee_choices

    return committee_choices(user)


def may_read_campaigns(user) -> bool:
    """The campaigns page exists for the roles that may read one."""
    from xuncha.accounts.permissions import has_role

    return has_role(user, *READERS)
