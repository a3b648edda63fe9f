"""Who may do what with questionnaires.

* The office owns questionnaires: office users whose scope covers the questionnaire's owner
  organisation build and edit it; every office user reads (and copies) the shipped templates.
* A window (a questionnaire opened on an inspected organisation's 码上巡 page) is opened and
  closed by the office that runs the inspection (`may_change_inspection`); its figures are read
  by that office and by the inspection's team.
* Free-text answers are read by the office alone: not by the team, never by the inspected
  organisation (whose liaison, like anyone outside the inspecting committee, gets a 404).
* Responses and answers are never listed on their own: they are read through a window.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, can, has_role, policy, restrict, scope_q
from xuncha.inspections.rules import committee_q, may_change_inspection, team_inspection_ids
from xuncha.surveys.models import Answer, Option, Question, Questionnaire, Response, Window


def questionnaire_q(user, action: Action) -> Q | None:
    owned = scope_q(user, {Role.OFFICE}, "owner__path")
    if action in (Action.VIEW, Action.EXPORT) and has_role(user, Role.OFFICE):
        shipped = Q(is_template=True, owner__isnull=True)
        return shipped if owned is None else owned | shipped
    return owned


@policy(Questionnaire)
def questionnaire_policy(user, action):
    return questionnaire_q(user, action)


def _via_questionnaire(user, action, prefix: str) -> Q | None:
    q = questionnaire_q(user, action)
    return None if q is None else Q(**{f"{prefix}__in": Questionnaire.objects.filter(q).values("pk")})


@policy(Question)
def question_policy(user, action):
    return _via_questionnaire(user, action, "questionnaire")


@policy(Option)
def option_policy(user, action):
    return _via_questionnaire(user, action, "question__questionnaire")


def window_q(user, action: Action) -> Q | None:
    office = committee_q(user, {Role.OFFICE}, "page__inspection__")
    if action not in (Action.VIEW, Action.EXPORT) or not has_role(user, Role.TEAM_MEMBER):
        return office
    team = Q(page__inspection__in=team_inspection_ids(user))
    return team if office is None else office | team


@policy(Window)
def window_policy(user, action):
    return window_q(user, action)


@policy(Response)
def response_policy(user, action):
    return None


@policy(Answer)
def answer_policy(user, action):
    return None


def may_edit(user, questionnaire: Questionnaire) -> bool:
    return can(user, Action.CHANGE, questionnaire)


def may_open_on(user, questionnaire: Questionnaire, inspection) -> bool:
    """The office that owns the questionnaire and runs the inspection opens one on the other."""
    return may_edit(user, questionnaire) and may_change_inspection(user, inspection)


def openable_inspections(user):
    """The inspections `user` may open a questionnaire on: those they may change that have a
    published 码上巡 page."""
    from xuncha.inspections.models import Inspection

    return restrict(Inspection.objects.all(), user, Action.CHANGE).filter(
        public_pages__withdrawn_at__isnull=True
    ).distinct()


def may_open(user, questionnaire: Questionnaire) -> bool:
    """The step `questionnaire.open` is offered: `may_open_on` holds for at least one inspection
    (the page then lists exactly those, `openable_inspections`; the domain checks `may_open_on`
    for the one chosen)."""
    return may_edit(user, questionnaire) and openable_inspections(user).exists()


def may_read_windows_of(user, inspection) -> bool:
    """Whether `user` reads the questionnaires opened on `inspection`'s pages (the office that
    runs it, its team), whether any is opened yet or not: `window_q` for this inspection."""
    from xuncha.inspections.models import Inspection

    office = committee_q(user, {Role.OFFICE})
    parts = [] if office is None else [office]
    if has_role(user, Role.TEAM_MEMBER):
        parts.append(Q(pk__in=team_inspection_ids(user)))
    if not parts:
        return False
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return Inspection.objects.filter(q, pk=inspection.pk).exists()


def may_manage_window(user, window: Window) -> bool:
    return can(user, Action.CHANGE, window)


def may_read_texts(user, window: Window) -> bool:
    """Free-text answers: the office that runs the inspection, nobody else."""
    return may_manage_window(user, window)


def may_use_questionnaires(user) -> bool:
    """The questionnaire pages (list, building, opening) are the office's."""
    return has_role(user, Role.OFFICE)
