"""Who a warning about a measure goes to, for each kind of recipient of the ladder.

* handler (经办): users holding the responsible-unit role over the measure's lead unit or any of
  its responsible units: the people who carry the measure out.
* responsible leader (责任领导): the measure's leader is free text ("区委副书记", "张明",
  "张明、李华"), so it is reached in two ways: the plan organisation's liaison users, who pass
  it on, and any user whose linked person works in the plan organisation's subtree and whose
  name is written in the leader field as a name of its own, separated by 、，,；; / or spaces
  (a name run into a title, "区委副书记张明", is not matched: guessing would reach namesakes).
* lead unit (牵头单位): users holding the responsible-unit or liaison role over the lead unit;
  when no lead unit is set, over each responsible unit.
* principal leader (主要负责人): users holding the leadership role over the plan organisation.
* office (巡察办): users holding the office role over the term's committee.

A grant "covers" an organisation when it is scoped to it or to one of its ancestors, as
everywhere in the permission module: the district's liaison acts for its streets too, so it
hears of a street-led measure's red warning as the lead unit's. Grants limited to one inspection, archived grants,
inactive accounts and accounts with suspended roles are left out. Last, every recipient must be
able to open the measure: a warning never tells anyone about a measure they cannot see (so a
leader matched by name needs a grant that shows the measure, e.g. leadership or liaison).
"""

import re
from collections.abc import Iterable

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.accounts.permissions import Action, can
from xuncha.supervision.enums import Recipient

NAME_SEPARATORS = re.compile(r"[\s、，,；;/／]+")


def covering_paths(path: str) -> list[str]:
    """The paths of an organisation and of all its ancestors ("/1/4/" → ["/1/", "/1/4/"])."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def grant_holders(roles: Iterable[Role], organisations: Iterable) -> Q | None:
    paths = {p for org in organisations if org is not None for p in covering_paths(org.path)}
    if not paths:
        return None
    grants = RoleGrant.objects.active().filter(
        role__in=list(roles),
        inspection__isnull=True,
        organisation__path__in=paths,
        organisation__archived_at__isnull=True,
    )
    return Q(pk__in=grants.values("user_id"))


def leader_names(text: str) -> set[str]:
    return {token for token in NAME_SEPARATORS.split(text or "") if token}


def _named_leaders(measure) -> Q | None:
    from xuncha.people.models import Person

    names = leader_names(measure.leader)
    if not names:
        return None
    persons = Person.objects.active().filter(
        name__in=names, organisation__path__startswith=measure.plan.organisation.path
    )
    return Q(person__in=persons.values("pk"))


def _kind_q(kind: str, measure) -> list[Q | None]:
    plan = measure.plan
    units = list(measure.units.all())
    if kind == Recipient.HANDLER:
        return [grant_holders({Role.RESPONSIBLE_UNIT}, [measure.lead_unit, *units])]
    if kind == Recipient.RESPONSIBLE_LEADER:
        return [grant_holders({Role.LIAISON}, [plan.organisation]), _named_leaders(measure)]
    if kind == Recipient.LEAD_UNIT:
        leads = [measure.lead_unit] if measure.lead_unit_id else units
        return [grant_holders({Role.RESPONSIBLE_UNIT, Role.LIAISON}, leads)]
    if kind == Recipient.PRINCIPAL_LEADER:
        return [grant_holders({Role.LEADERSHIP}, [plan.organisation])]
    if kind == Recipient.OFFICE:
        return [grant_holders({Role.OFFICE}, [plan.inspection.term.owner])]
    raise ValueError(f"unknown recipient kind {kind!r}")


def recipients_for(measure, kinds: Iterable[str]) -> list[User]:
    """The users to notify about `measure` for the recipient `kinds`, each once, by username."""
    condition = None
    for kind in kinds:
        for part in _kind_q(kind, measure):
            if part is not None:
                condition = part if condition is None else condition | part
    if condition is None:
        return []
    users = User.objects.filter(condition, is_active=True, roles_suspended_at__isnull=True).order_by("username")
    return [user for user in users if can(user, Action.VIEW, measure)]
