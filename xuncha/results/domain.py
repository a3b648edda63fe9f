"""The life of a results-use document: draft → issued → (replied, where a reply is required).

Permissions are the declared actions' business (`actions.py`, checked here under the row's
lock); drafting is the office's of the term's committee (`rules.may_draft`). Every write is
transactional, audited, and tells whoever acts next.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import archive, save_versioned
from xuncha.orgs.models import Organisation
from xuncha.results.enums import RESULT_TRANSITIONS, ResultKind, ResultStatus
from xuncha.results.models import ResultDocument
from xuncha.results.rules import REPLIERS, may_draft
from xuncha.results.text import prefix_for, reminder_letter_text
from xuncha.workflow.actions import check

DEFAULT_REPLY_DAYS = 15


def _check_links(term, *, inspections, problems) -> None:
    if any(i.term_id != term.pk for i in inspections):
        raise ValidationError({"inspections": _("An inspection belongs to another term.")}, code="term")
    chosen = {i.pk for i in inspections}
    if any(p.inspection_id not in chosen and p.inspection.term_id != term.pk for p in problems):
        raise ValidationError({"problems": _("A problem belongs to another term.")}, code="term")


def _check_recipients(*, recipients, leaders) -> None:
    if not recipients and not leaders:
        raise ValidationError(
            {"recipients": _("Address the document to an organisation or a named leader.")}, code="recipients"
        )


def draft_result(
    term,
    *,
    by,
    kind: str,
    title: str,
    body: str,
    recipients=(),
    leaders=(),
    inspections=(),
    problems=(),
    clues=(),
    reply_required: bool | None = None,
    due_on: date | None = None,
    today: date | None = None,
) -> ResultDocument:
    """A draft in the term's register; the number is given at issue."""
    if getattr(by, "pk", None) is not None and not may_draft(by, term):
        raise PermissionDenied
    today = today or timezone.localdate()
    kind = ResultKind(kind)
    recipients, leaders, inspections, problems = list(recipients), list(leaders), list(inspections), list(problems)
    clues = list(clues)
    _check_recipients(recipients=recipients, leaders=leaders)
    _check_links(term, inspections=inspections, problems=problems)
    if any(c.inspection.term_id != term.pk for c in clues):
        raise ValidationError({"clues": _("A clue belongs to another term.")}, code="term")
    reply_required = kind.asks_reply if reply_required is None else reply_required
    if reply_required and due_on is None:
        due_on = today + timedelta(days=DEFAULT_REPLY_DAYS)
    from xuncha.supervision.configuration import settings_for_term

    with transaction.atomic():
        document = ResultDocument(
            term=term,
            kind=kind,
            issuer=term.owner,
            issuer_name=settings_for_term(term).issuer_name,
            title=title.strip(),
            body=body.strip(),
            reply_required=reply_required,
            due_on=due_on if reply_required else None,
            created_by=by if getattr(by, "pk", None) else None,
        )
        document.full_clean()
        document.save()
        document.recipients.set(recipients)
        document.leaders.set(leaders)
        document.inspections.set(inspections)
        document.problems.set(problems)
        document.clues.set(clues)
        record_event(  # counts only: the audit log never names a clue's content
            "results.document.drafted",
            actor=by,
            obj=document,
            data={
                "kind": kind.value,
                "inspections": [i.pk for i in inspections],
                "problems": len(problems),
                "clues": len(clues),
            },
        )
        return document


def principal_leaders(organisation):
    """The inspected organisation's principal and responsible leaders as the people register
    knows them: its own cadres (not its subunits'), most senior first."""
    from xuncha.people.models import Person

    people = Person.objects.active().filter(organisation=organisation)
    secretaries = [p for p in people.order_by("pk") if "书记" in (p.position or "")]
    return secretaries or list(people.order_by("pk")[:2])


def draft_reminder_letter(inspection, *, by, today: date | None = None) -> ResultDocument:
    """One click at feedback: the 提醒函 to the inspected organisation and its principal and
    responsible leaders, with the standard text, ready to edit and issue."""
    if inspection.feedback_on is None:
        raise ValidationError(_("The reminder letter is given at feedback; this inspection has none yet."))
    from xuncha.supervision.configuration import settings_for_term

    today = today or timezone.localdate()
    due_on = max(today, inspection.feedback_on) + timedelta(days=30)
    targets = [t.organisation for t in inspection.targets.select_related("organisation")]
    leaders = [p for org in targets for p in principal_leaders(org)]
    title, body = reminder_letter_text(
        inspection, due_on=due_on, issuer_name=settings_for_term(inspection.term).issuer_name
    )
    return draft_result(
        inspection.term,
        by=by,
        kind=ResultKind.REMINDER_LETTER,
        title=title,
        body=body,
        recipients=targets,
        leaders=leaders,
        inspections=[inspection],
        reply_required=True,
        due_on=due_on,
        today=today,
    )


STEP_EDGES = {
    "result.issue": (ResultStatus.DRAFT, ResultStatus.ISSUED),
    "result.reply": (ResultStatus.ISSUED, ResultStatus.REPLIED),
}


def _locked(document, *, by, step: str) -> ResultDocument:
    source, to = STEP_EDGES[step]
    if to not in RESULT_TRANSITIONS[source]:
        raise ValueError(f"{source} → {to} is not an edge of the register's workflow")
    locked = ResultDocument.objects.select_for_update().get(pk=document.pk)
    check(step, by, locked)
    return locked


EDITABLE = {"title", "body", "due_on", "reply_required"}


def update_draft(document, *, by, expected_version: int, recipients=None, leaders=None, **changes) -> ResultDocument:
    """Edit a draft's text, reply requirement and recipients (refused once issued, or when stale)."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = ResultDocument.objects.select_for_update().get(pk=document.pk)
        check("result.edit", by, locked)
        if recipients is not None or leaders is not None:
            _check_recipients(
                recipients=list(recipients if recipients is not None else locked.recipients.all()),
                leaders=list(leaders if leaders is not None else locked.leaders.all()),
            )
        required = changes.get("reply_required", locked.reply_required)
        if required and changes.get("due_on", locked.due_on) is None:
            raise ValidationError({"due_on": _("Give the date the reply is due.")}, code="due_on")
        if not required:
            changes["due_on"] = None
        saved = save_versioned(locked, expected_version=expected_version, changes=changes)
        if recipients is not None:
            saved.recipients.set(recipients)
        if leaders is not None:
            saved.leaders.set(leaders)
        fields = sorted(changes) + [n for n, v in (("recipients", recipients), ("leaders", leaders)) if v is not None]
        record_event("results.document.edited", actor=by, obj=saved, data={"fields": fields})
        return saved


def issue_result(document, *, by, on: date | None = None) -> ResultDocument:
    """Number and issue a draft: serials run per issuing body, kind mark and year; the issuing
    body's row is locked while the next one is taken, so two issues never share a number."""
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _locked(document, by=by, step="result.issue")
        if locked.reply_required and locked.due_on is not None and locked.due_on < on:
            raise ValidationError(
                {"due_on": _("The reply would be due before the document is issued; change the due date first.")},
                code="due_before_issue",
            )
        list(Organisation.objects.select_for_update().filter(pk=locked.issuer_id).values_list("pk", flat=True))
        prefix = prefix_for(locked.term, locked.kind)
        last = ResultDocument.objects.filter(issuer_id=locked.issuer_id, prefix=prefix, year=on.year).aggregate(
            m=Max("serial")
        )["m"]
        locked.prefix, locked.year, locked.serial = prefix, on.year, (last or 0) + 1
        locked.number = f"{prefix}〔{on.year}〕{locked.serial}号"
        locked.status, locked.issued_on = ResultStatus.ISSUED, on
        locked.version += 1
        locked.full_clean()
        locked.save()
        record_event("results.document.issued", actor=by, obj=locked, data={"number": locked.number})
        with translation.override(settings.LANGUAGE_CODE):
            title = _("%(kind)s %(number)s has been issued to you.") % _params(locked)
            if locked.reply_required:
                title += " " + _("Reply by %(due)s.") % _params(locked)
        _send(locked, _recipient_users(locked), title=title)
        return locked


def reply_to_result(document, *, by, reply: str, on: date | None = None) -> ResultDocument:
    """The recipient's answer: its text and date are kept; the office is told."""
    if not (reply or "").strip():
        raise ValidationError({"reply": _("Write the reply.")}, code="reply")
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _locked(document, by=by, step="result.reply")
        if on < locked.issued_on:
            raise ValidationError({"replied_on": _("The reply cannot predate the document.")}, code="date")
        if on > timezone.localdate():
            raise ValidationError({"replied_on": _("The reply cannot be dated in the future.")}, code="date")
        locked.status, locked.reply, locked.replied_on = ResultStatus.REPLIED, reply.strip(), on
        locked.replied_by = by if getattr(by, "pk", None) else None
        locked.version += 1
        locked.full_clean()
        locked.save()
        record_event("results.document.replied", actor=by, obj=locked)
        with translation.override(settings.LANGUAGE_CODE):
            title = _("%(kind)s %(number)s has been replied to.") % _params(locked)
        _send(locked, _office_users(locked), title=title)
        return locked


def discard_draft(document, *, by, reason: str) -> ResultDocument:
    """A draft that will not be issued is archived (never deleted); issued documents stay."""
    with transaction.atomic():
        check("result.discard", by, ResultDocument.objects.select_for_update().get(pk=document.pk))
        archived = archive(document, by=by, reason=reason)
        record_event("results.document.discarded", actor=by, obj=archived)
        return archived


def _params(document) -> dict:
    return {
        "kind": document.get_kind_display(),
        "number": document.number,
        "due": document.due_on.isoformat() if document.due_on else "",
    }


def _users(condition):
    from xuncha.accounts.models import User

    if condition is None:
        return User.objects.none()
    return User.objects.filter(condition, is_active=True, roles_suspended_at__isnull=True).order_by("username")


def _recipient_users(document) -> list:
    from django.db.models import Q

    from xuncha.accounts.permissions import Action, can
    from xuncha.supervision.recipients import grant_holders

    condition = grant_holders(REPLIERS, document.recipients.all())
    persons = [p.pk for p in document.leaders.all()]
    if persons:
        by_person = Q(person__in=persons)
        condition = by_person if condition is None else condition | by_person
    return [u for u in _users(condition) if can(u, Action.VIEW, document)]


def _office_users(document) -> list:
    from xuncha.accounts.enums import Role
    from xuncha.accounts.permissions import Action, can
    from xuncha.supervision.recipients import grant_holders

    return [u for u in _users(grant_holders({Role.OFFICE}, [document.issuer])) if can(u, Action.VIEW, document)]


def _send(document, users, *, title: str) -> None:
    from xuncha.supervision.notifications import notify

    notify(users, title=title, url=reverse("results:detail", args=[document.pk]))
