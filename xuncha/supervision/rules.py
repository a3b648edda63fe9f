"""Who sees and does what in supervision.

* Warnings: whoever may see the measure (rectification's rules): the office, reviewers,
  leadership and team of the inspection, the inspected organisation, the measure's units.
* Notifications: their recipient only.
* Ladder and numbering settings of a term: read by the term's readers, changed by its office.
* Supervision documents: the office of the issuing committee drafts, edits, issues and closes
  them and sees drafts. Reviewers and leadership read issued documents, over the issuing
  committee or over the addressed organisation. The addressed organisation (liaison and
  responsible-unit accounts in scope of it) reads and answers its own issued documents;
  nobody else on the inspected side sees them.
* Interviews: written by the office of the inspection's committee; read like issued documents
  (oversight over the committee or the interviewed organisation, and that organisation itself).
Administrators (三员) hold no casework role and see nothing here.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, in_scope, policy, scope_q
from xuncha.rectification.models import Measure
from xuncha.rectification.rules import measure_q
from xuncha.supervision.enums import DocumentStatus
from xuncha.supervision.models import (
    Accountability,
    Interview,
    MeasureWarning,
    Notification,
    SupervisionDocument,
    SupervisionSettings,
    WarningRule,
)

OVERSIGHT = {Role.OFFICE, Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER, Role.LEADERSHIP}
READERS = {Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER, Role.LEADERSHIP}
INSPECTED = {Role.LIAISON, Role.RESPONSIBLE_UNIT}


def _any(*parts: Q | None) -> Q | None:
    result = None
    for part in parts:
        if part is not None:
            result = part if result is None else result | part
    return result


def _reading(action: Action) -> bool:
    return action in (Action.VIEW, Action.EXPORT)


@policy(MeasureWarning)
def warning_policy(user, action):
    if not _reading(action):
        return None  # warnings are written by the scheduled job only
    q = measure_q(user, Action.VIEW)
    return None if q is None else Q(measure__in=Measure.objects.filter(q).values("pk"))


@policy(Notification)
def notification_policy(user, action):
    return Q(user=user) if action in (Action.VIEW, Action.CHANGE) else None


def _term_rows(user, action: Action) -> Q | None:
    roles = OVERSIGHT if _reading(action) else {Role.OFFICE}
    return scope_q(user, roles, "term__owner__path")


@policy(WarningRule)
def rule_policy(user, action):
    return _term_rows(user, action)


@policy(SupervisionSettings)
def settings_policy(user, action):
    return _term_rows(user, action)


def document_q(user, action: Action) -> Q | None:
    office = scope_q(user, {Role.OFFICE}, "issuer__path")
    if not _reading(action):
        return office
    issued = ~Q(status=DocumentStatus.DRAFT)
    readers = _any(scope_q(user, READERS, "issuer__path"), scope_q(user, READERS | INSPECTED, "addressee__path"))
    return _any(office, readers & issued if readers is not None else None)


@policy(SupervisionDocument)
def document_policy(user, action):
    return document_q(user, action)


@policy(Interview)
def interview_policy(user, action):
    office = scope_q(user, {Role.OFFICE}, "inspection__term__owner__path")
    if not _reading(action):
        return office
    return _any(
        office,
        scope_q(user, READERS, "inspection__term__owner__path"),
        scope_q(user, READERS | INSPECTED, "organisation__path"),
    )


def is_office_for(user, inspection) -> bool:
    return in_scope(user, {Role.OFFICE}, inspection.term.owner.path)


def may_answer(user, document: SupervisionDocument) -> bool:
    """The addressed organisation answers (the state guard is the declared action's)."""
    return in_scope(user, INSPECTED, document.addressee.path)


def may_manage(user, document: SupervisionDocument) -> bool:
    return in_scope(user, {Role.OFFICE}, document.issuer.path)


def answer_overdue(document, *, today) -> bool:
    """An issued document whose answer is past its due date."""
    return document.status == DocumentStatus.ISSUED and document.due_on is not None and today > document.due_on


def returned_reason(document) -> str:
    """Why the last answer was returned, while a new answer is awaited."""
    return document.return_reason if document.status == DocumentStatus.ISSUED else ""


# --- accountability outcomes (问责) --------------------------------------------------------------
# Recorded by the office of the inspection's committee or of a committee over the inspected
# organisation (the people are usually held accountable there: seed 001's 思明区委 补充问责17人
# after a provincial 巡视); read by oversight over either, and never by the inspected side.


def _target_paths(inspection) -> list[str]:
    return [t.organisation.path for t in inspection.targets.select_related("organisation")]


def may_record_accountability(user, inspection) -> bool:
    paths = [inspection.term.owner.path, *_target_paths(inspection)]
    return any(in_scope(user, {Role.OFFICE}, path) for path in paths)


@policy(Accountability)
def accountability_policy(user, action):
    roles = OVERSIGHT if _reading(action) else {Role.OFFICE}
    return _any(
        scope_q(user, roles, "inspection__term__owner__path"),
        scope_q(user, roles, "person__organisation__path"),
    )
