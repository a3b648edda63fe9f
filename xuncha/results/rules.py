"""Who sees and does what in the register of results-use documents.

* The office of the issuing committee drafts, edits, issues and discards them, and sees drafts.
* Reviewers and leadership over the issuing committee read issued documents (the committee's
  own oversight: a 专题报告 goes up to the committee).
* A recipient reads the issued documents addressed to it: users holding the liaison,
  responsible-unit, reviewer or leadership role over one of the recipient organisations, and a
  user whose person is one of the named recipient leaders. Nobody else on the inspected side
  sees anything: an inspected organisation never sees a 专题报告 about it unless it is addressed.
* The reply (where one is required) is given by a recipient: the liaison or responsible-unit
  accounts over a recipient organisation, or a named recipient leader.
Administrators (三员) hold no casework role and see nothing here.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, in_scope, policy, scope_paths, scope_q
from xuncha.results.enums import ResultStatus
from xuncha.results.models import ResultDocument

READERS = {Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER, Role.LEADERSHIP}
REPLIERS = {Role.LIAISON, Role.RESPONSIBLE_UNIT}


def _addressed_q(user) -> Q | None:
    """Documents addressed to an organisation the user acts for, or to the user's own person."""
    parts = []
    paths = scope_paths(user, READERS | REPLIERS)
    if paths:
        inside = Q()
        for path in paths:
            inside |= Q(organisation__path__startswith=path)
        through = ResultDocument.recipients.through.objects.filter(inside)
        parts.append(Q(pk__in=through.values("resultdocument_id")))
    if getattr(user, "person_id", None):
        leaders = ResultDocument.leaders.through.objects.filter(person_id=user.person_id)
        parts.append(Q(pk__in=leaders.values("resultdocument_id")))
    if not parts:
        return None
    result = parts[0]
    for part in parts[1:]:
        result |= part
    return result


def result_q(user, action: Action) -> Q | None:
    office = scope_q(user, {Role.OFFICE}, "issuer__path")
    if action not in (Action.VIEW, Action.EXPORT):
        return office
    readers = [q for q in (scope_q(user, READERS, "issuer__path"), _addressed_q(user)) if q is not None]
    issued = None
    if readers:
        issued = readers[0]
        for q in readers[1:]:
            issued |= q
        issued &= ~Q(status=ResultStatus.DRAFT)
    if office is None:
        return issued
    return office if issued is None else office | issued


@policy(ResultDocument)
def result_policy(user, action):
    return result_q(user, action)


def may_draft(user, term) -> bool:
    """The office of the term's committee writes its register."""
    return in_scope(user, {Role.OFFICE}, term.owner.path)


def may_manage(user, document: ResultDocument) -> bool:
    return in_scope(user, {Role.OFFICE}, document.issuer.path)


def may_reply(user, document: ResultDocument) -> bool:
    """A recipient organisation's liaison or responsible-unit account, or a named leader."""
    if getattr(user, "person_id", None) and document.leaders.filter(pk=user.person_id).exists():
        return True
    paths = scope_paths(user, REPLIERS)
    return bool(paths) and any(org.path.startswith(p) for org in document.recipients.all() for p in paths)


def reply_overdue(document, *, today) -> bool:
    """An issued document whose required reply is past its due date."""
    return (
        document.status == ResultStatus.ISSUED
        and document.reply_required
        and document.due_on is not None
        and today > document.due_on
    )
