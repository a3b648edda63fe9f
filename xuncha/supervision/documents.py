"""The life of a supervision document: draft → issued → answered → closed (enums.py).

Which kind may be sent when is in timing.py; it is checked when drafting and again on the
issue date.

Permissions are the caller's business (views ask rules.py); these functions guard the
workflow, lock the row, write the audit event and queue notifications in one transaction.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from xuncha.accounts.enums import Role
from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import archive, save_versioned
from xuncha.inspections.words import words_of
from xuncha.orgs.models import Organisation
from xuncha.rectification.models import Measure, Plan
from xuncha.supervision.configuration import settings_for_term
from xuncha.supervision.document_text import generate_body, title_for
from xuncha.supervision.enums import DOCUMENT_TRANSITIONS, DocumentStatus
from xuncha.supervision.models import SupervisionDocument
from xuncha.supervision.notifications import notify
from xuncha.supervision.timing import check_kind
from xuncha.workflow.actions import check

INSPECTED = {Role.LIAISON, Role.RESPONSIBLE_UNIT}


def _resolve_plan(inspection, *, addressee, plan, measures) -> Plan | None:
    plans = {m.plan_id for m in measures}
    if any(m.plan.inspection_id != inspection.pk for m in measures):
        raise ValidationError(
            {"measures": ValidationError(_("A measure belongs to another inspection."), code="foreign_measure")}
        )
    if len(plans) > 1 or (plan is not None and plans and plans != {plan.pk}):
        raise ValidationError(
            {"measures": ValidationError(_("The measures must come from one rectification plan."), code="plans")}
        )
    if plan is None and measures:
        plan = measures[0].plan
    if plan is None:
        plan = Plan.objects.active().filter(inspection=inspection, organisation=addressee).first()
    if plan is not None and plan.inspection_id != inspection.pk:
        raise ValidationError(_("The plan belongs to another inspection."), code="foreign_plan")
    return plan


def check_addressee(inspection, *, addressee, measures, plan=None) -> None:
    """The addressee is an inspected organisation (or inside one) or a unit of a linked measure.
    Where the document is about a plan or its measures, only that plan's organisation: an
    inspection of several organisations must not send one organisation's measures to another."""
    plans = {m.plan.organisation.path for m in measures} | ({plan.organisation.path} if plan is not None else set())
    inspected = plans or [t.organisation.path for t in inspection.targets.select_related("organisation")]
    units = {m.lead_unit_id for m in measures} | {u.pk for m in measures for u in m.units.all()}
    if addressee.pk in units or any(addressee.path.startswith(path) for path in inspected):
        return
    raise ValidationError(
        {
            "addressee": ValidationError(
                _("Address the document to an inspected organisation or a unit of the measures."), code="addressee"
            )
        }
    )


def draft_document(
    inspection, *, by, kind: str, addressee, plan=None, measures=(), today: date | None = None
) -> SupervisionDocument:
    """A draft with its title and Chinese text generated from the data, to be edited and issued."""
    today = today or timezone.localdate()
    measures = list(  # fresh rows: the guards read the stored status, never a stale copy
        Measure.objects.filter(pk__in=[m.pk for m in measures])
        .select_related("plan__inspection", "plan__organisation", "lead_unit")
        .prefetch_related("units")
        .order_by("plan_id", "number")
    )
    plan = _resolve_plan(inspection, addressee=addressee, plan=plan, measures=measures)
    check_addressee(inspection, addressee=addressee, measures=measures, plan=plan)
    check_kind(kind, inspection=inspection, plan=plan, measures=measures, on=today)
    config = settings_for_term(inspection.term)
    due_on = today + timedelta(days=config.answer_days)
    with transaction.atomic():
        document = SupervisionDocument(
            inspection=inspection,
            plan=plan,
            kind=kind,
            issuer=inspection.term.owner,
            issuer_name=config.issuer_name,
            addressee=addressee,
            title=title_for(kind, inspection),
            body=generate_body(kind, inspection, measures, today=today, due_on=due_on, issuer_name=config.issuer_name),
            due_on=due_on,
            created_by=by if getattr(by, "pk", None) else None,
        )
        document.full_clean()
        document.save()
        document.measures.set(measures)
        record_event(
            "supervision.document.drafted",
            actor=by,
            obj=document,
            data={"kind": kind, "inspection": inspection.pk, "measures": [m.pk for m in measures]},
        )
        return document


# each declared step moves a document along one edge of DOCUMENT_TRANSITIONS
STEP_EDGES = {
    "document.issue": (DocumentStatus.DRAFT, DocumentStatus.ISSUED),
    "document.answer": (DocumentStatus.ISSUED, DocumentStatus.ANSWERED),
    "document.return": (DocumentStatus.ANSWERED, DocumentStatus.ISSUED),
    "document.close": (DocumentStatus.ANSWERED, DocumentStatus.CLOSED),
}


def _locked(document: SupervisionDocument, *, by, step: str) -> SupervisionDocument:
    """Lock the row, check the declared step (who may take it) and its edge (source → to)
    against the stored status and the table: two edges may share a target (issue and return
    both lead to issued)."""
    source, to = STEP_EDGES[step]
    if to not in DOCUMENT_TRANSITIONS[source]:
        raise ValueError(f"{source} → {to} is not an edge of the document workflow")
    locked = SupervisionDocument.objects.select_for_update().get(pk=document.pk)
    check(step, by, locked)
    if locked.is_archived or locked.status != source:
        raise ValidationError(
            _("A document that is %(status)s cannot become %(to)s.")
            % {"status": locked.get_status_display(), "to": DocumentStatus(to).label},
            code="status",
        )
    return locked


def update_draft(document: SupervisionDocument, *, by, expected_version: int, **changes) -> SupervisionDocument:
    """Edit title, text or answer due date of a draft (refused once issued, or when stale)."""
    unknown = set(changes) - {"title", "body", "due_on"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        check("document.edit", by, SupervisionDocument.objects.select_for_update().get(pk=document.pk))
        saved = save_versioned(document, expected_version=expected_version, changes=changes)
        record_event("supervision.document.edited", actor=by, obj=saved, data={"fields": sorted(changes)})
        return saved


def _people_for(document, roles, organisation) -> list:
    """Holders of `roles` over `organisation` who may open the document."""
    from xuncha.accounts.models import User
    from xuncha.accounts.permissions import Action, can
    from xuncha.supervision.recipients import grant_holders

    condition = grant_holders(roles, [organisation])
    if condition is None:
        return []
    users = User.objects.filter(condition, is_active=True, roles_suspended_at__isnull=True).order_by("username")
    return [u for u in users if can(u, Action.VIEW, document)]


def _notify_addressee(document, *, title: str, body: str = "") -> None:
    _send(document, _people_for(document, INSPECTED, document.addressee), title=title, body=body)


def _notify_office(document, *, title: str) -> None:
    _send(document, _people_for(document, {Role.OFFICE}, document.issuer), title=title)


def _send(document, users, *, title: str, body: str = "") -> None:
    url = reverse("supervision:document", args=[document.pk])
    say = words_of(document).say  # 巡视 for a provincial inspection's documents
    notify(users, title=say(title), body=body, url=url, document=document)  # the body is typed text


def _params(document) -> dict:
    return {
        "kind": document.get_kind_display(),
        "number": document.number,
        "organisation": document.addressee.name,
        "due": document.due_on.isoformat() if document.due_on else "",
    }


def issue_document(document: SupervisionDocument, *, by, on: date | None = None) -> SupervisionDocument:
    """Number and issue a draft. Numbers run per issuing body, prefix and year; the issuing
    body's row is locked while the next serial is taken, so two issues never share one."""
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _locked(document, by=by, step="document.issue")
        check_kind(
            locked.kind, inspection=locked.inspection, plan=locked.plan, measures=list(locked.measures.all()), on=on
        )
        if locked.due_on is not None and locked.due_on < on:
            raise ValidationError(
                {
                    "due_on": ValidationError(
                        _("The answer would be due before the document is issued; change the due date first."),
                        code="due_before_issue",
                    )
                }
            )
        config = settings_for_term(locked.inspection.term)
        list(Organisation.objects.select_for_update().filter(pk=locked.issuer_id).values_list("pk", flat=True))
        last = SupervisionDocument.objects.filter(
            issuer_id=locked.issuer_id, prefix=config.number_prefix, year=on.year
        ).aggregate(m=Max("serial"))["m"]
        locked.prefix, locked.year, locked.serial = config.number_prefix, on.year, (last or 0) + 1
        locked.number = f"{locked.prefix}〔{locked.year}〕{locked.serial}号"
        locked.status, locked.issued_on = DocumentStatus.ISSUED, on
        locked.due_on = locked.due_on or on + timedelta(days=config.answer_days)
        locked.issuer_name = locked.issuer_name or config.issuer_name
        locked.version += 1
        locked.full_clean()
        locked.save()
        record_event("supervision.document.issued", actor=by, obj=locked, data={"number": locked.number})
        with translation.override(settings.LANGUAGE_CODE):
            title = _("%(kind)s %(number)s has been issued to %(organisation)s; answer by %(due)s.") % _params(locked)
        _notify_addressee(locked, title=title)
        return locked


def answer_document(document: SupervisionDocument, *, by, answer: str, on: date | None = None) -> SupervisionDocument:
    if not answer.strip():
        raise ValidationError({"answer": ValidationError(_("Write the answer."), code="answer")})
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _locked(document, by=by, step="document.answer")
        if on < locked.issued_on:
            raise ValidationError(
                {"answered_on": ValidationError(_("The answer cannot predate the document."), code="date")}
            )
        locked.status, locked.answer, locked.answered_on = DocumentStatus.ANSWERED, answer.strip(), on
        locked.answered_by = by if getattr(by, "pk", None) else None
        locked.version += 1
        locked.full_clean()
        locked.save()
        record_event("supervision.document.answered", actor=by, obj=locked)
        with translation.override(settings.LANGUAGE_CODE):
            title = _("%(organisation)s answered %(kind)s %(number)s.") % _params(locked)
        _notify_office(locked, title=title)
        return locked


def return_answer(document: SupervisionDocument, *, by, reason: str) -> SupervisionDocument:
    """The office finds the answer wanting: the document is open again, awaiting a new answer."""
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("Say why the answer is returned."), code="reason")})
    with transaction.atomic():
        locked = _locked(document, by=by, step="document.return")
        locked.status, locked.return_reason = DocumentStatus.ISSUED, reason.strip()
        locked.version += 1
        locked.save()
        record_event("supervision.document.answer_returned", actor=by, obj=locked)
        with translation.override(settings.LANGUAGE_CODE):
            title = _("The answer to %(kind)s %(number)s was returned.") % _params(locked)
        _notify_addressee(locked, title=title, body=reason.strip())
        return locked


def close_document(document: SupervisionDocument, *, by, on: date | None = None) -> SupervisionDocument:
    with transaction.atomic():
        locked = _locked(document, by=by, step="document.close")
        locked.status, locked.closed_on = DocumentStatus.CLOSED, on or timezone.localdate()
        locked.version += 1
        locked.save()
        record_event("supervision.document.closed", actor=by, obj=locked)
        return locked


def discard_draft(document: SupervisionDocument, *, by, reason: str) -> SupervisionDocument:
    """A draft that will not be issued is archived (never deleted); issued documents stay."""
    with transaction.atomic():
        check("document.discard", by, SupervisionDocument.objects.select_for_update().get(pk=document.pk))
        archived = archive(document, by=by, reason=reason)
        record_event("supervision.document.discarded", actor=by, obj=archived)
        return archived
