"""The supervision lists: deadline warnings, supervision documents (督办函, 告诫书…) and
interviews (约谈), each declared once for its page, its Excel export of exactly the filtered
rows and the API's /warnings, /documents and /interviews. Rows come from the permission-scoped
queries (`supervision.queries`), so the page, the file and the API show the same rows."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.orgs.models import Organisation
from xuncha.supervision.enums import DocumentKind, DocumentStatus, WarningStep
from xuncha.supervision.queries import (
    accountabilities_for_user,
    documents_for_user,
    interviews_for_user,
    warnings_for_user,
)


def _subtree(path_field: str):
    def apply(rows, pk):
        path = Organisation.objects.filter(pk=pk).values_list("path", flat=True).first()
        return rows.filter(**{f"{path_field}__startswith": path}) if path else rows.none()

    return apply


def _names(people) -> str:
    return "、".join(p.name for p in people)


WARNINGS = declare(
    ListSpec(
        name="warnings",
        label=_("Deadline warnings"),
        base=lambda user, action: warnings_for_user(user),  # read-only rows: the view scope serves the export
        filters=(
            Filter("inspection", _("Inspection"), "id", lambda w, v: w.filter(measure__plan__inspection_id=v)),
            Filter("step", _("Step"), "choice", lambda w, v: w.filter(step=v), choices=lambda: WarningStep.choices),
            Filter("measure", _("Measure"), "id", lambda w, v: w.filter(measure_id=v)),
            Filter("organisation", _("Inspected organisation"), "id", _subtree("measure__plan__organisation__path")),
            Filter("reached_from", _("Reached from"), "date", lambda w, v: w.filter(reached_on__gte=v)),
            Filter("reached_to", _("Reached to"), "date", lambda w, v: w.filter(reached_on__lte=v)),
        ),
        columns=(
            Column("id", _("No."), lambda w: w.pk, kind="number", width=8),
            Column("step", _("Step"), lambda w: str(w.get_step_display()), width=8),
            Column("inspection", _("Inspection"), lambda w: w.measure.plan.inspection.title, width=30),
            Column("organisation", _("Inspected organisation"), lambda w: w.measure.plan.organisation.name, width=22),
            Column("measure", _("Measure"), lambda w: f"{w.measure.number}. {w.measure.content}", width=50),
            Column(
                "lead_unit",
                _("Lead unit"),
                lambda w: w.measure.lead_unit.name if w.measure.lead_unit_id else "",
                width=20,
            ),
            Column("deadline", _("Deadline"), lambda w: w.deadline, kind="date", width=12),
            Column("reached_on", _("Reached on"), lambda w: w.reached_on, kind="date", width=12),
            Column("recipients", _("Recipients"), lambda w: w.recipient_count, kind="number", width=10),
        ),
        ordering=("-reached_on", "-pk"),
        sorts={"reached_on": ("reached_on",), "deadline": ("deadline",), "step": ("step",)},
        details=lambda warnings: warnings.annotate(recipient_count=Count("notifications")),
    )
)


DOCUMENTS = declare(
    ListSpec(
        name="documents",
        label=_("Supervision documents"),
        base=documents_for_user,
        filters=(
            Filter("inspection", _("Inspection"), "id", lambda d, v: d.filter(inspection_id=v)),
            Filter("kind", _("Kind"), "choice", lambda d, v: d.filter(kind=v), choices=lambda: DocumentKind.choices),
            Filter(
                "status",
                _("Status"),
                "choice",
                lambda d, v: d.filter(status=v),
                choices=lambda: DocumentStatus.choices,
            ),
            Filter("addressee", _("Addressed to"), "id", _subtree("addressee__path")),
            Filter("q", _("Text"), "text", lambda d, v: d.filter(Q(title__icontains=v) | Q(number__icontains=v))),
            Filter("issued_from", _("Issued from"), "date", lambda d, v: d.filter(issued_on__gte=v)),
            Filter("issued_to", _("Issued to"), "date", lambda d, v: d.filter(issued_on__lte=v)),
        ),
        columns=(
            Column("id", _("No."), lambda d: d.pk, kind="number", width=8),
            Column("number", _("Number"), lambda d: d.number, width=20),
            Column("kind", _("Kind"), lambda d: str(d.get_kind_display()), width=10),
            Column("title", _("Title"), lambda d: d.title, width=36),
            Column("inspection", _("Inspection"), lambda d: d.inspection.title, width=30),
            Column("addressee", _("Addressed to"), lambda d: d.addressee.name, width=22),
            Column("status", _("Status"), lambda d: str(d.get_status_display()), width=10),
            Column("issued_on", _("Issued on"), lambda d: d.issued_on, kind="date", width=12),
            Column("due_on", _("Answer due"), lambda d: d.due_on, kind="date", width=12),
            Column("answered_on", _("Answered on"), lambda d: d.answered_on, kind="date", width=12),
            Column("closed_on", _("Closed on"), lambda d: d.closed_on, kind="date", width=12),
        ),
        ordering=(F("issued_on").desc(nulls_first=True), "-pk"),
        sorts={"issued_on": ("issued_on",), "due_on": ("due_on",), "status": ("status",), "kind": ("kind",)},
    )
)


INTERVIEWS = declare(
    ListSpec(
        name="interviews",
        label=_("Interviews"),
        base=interviews_for_user,
        filters=(
            Filter("inspection", _("Inspection"), "id", lambda i, v: i.filter(inspection_id=v)),
            Filter("organisation", _("Organisation"), "id", _subtree("organisation__path")),
            Filter(
                "q",
                _("Text"),
                "text",
                lambda i, v: i.filter(
                    Q(reason__icontains=v) | Q(interviewees__name__icontains=v) | Q(interviewers__name__icontains=v)
                ).distinct(),
            ),
            Filter("held_from", _("Held from"), "date", lambda i, v: i.filter(held_on__gte=v)),
            Filter("held_to", _("Held to"), "date", lambda i, v: i.filter(held_on__lte=v)),
        ),
        columns=(
            Column("id", _("No."), lambda i: i.pk, kind="number", width=8),
            Column("held_on", _("Held on"), lambda i: i.held_on, kind="date", width=12),
            Column("inspection", _("Inspection"), lambda i: i.inspection.title, width=30),
            Column("organisation", _("Organisation"), lambda i: i.organisation.name, width=22),
            Column("place", _("Place"), lambda i: i.place, width=16),
            Column("interviewers", _("Interviewers"), lambda i: _names(i.interviewers.all()), width=20),
            Column("interviewees", _("Interviewees"), lambda i: _names(i.interviewees.all()), width=20),
            Column("reason", _("Reason"), lambda i: i.reason, width=40),
        ),
        ordering=("-held_on", "-pk"),
        sorts={"held_on": ("held_on",)},  # interviews_for_user prefetches the people
    )
)


def _of_form(rows, value):
    from xuncha.clues.enums import dispositions_of_form

    return rows.filter(disposition__in=dispositions_of_form(value))


def _forms():
    from xuncha.clues.enums import FORM_LABELS

    return [(str(f), label) for f, label in FORM_LABELS.items()]


def _dispositions():
    from xuncha.clues.enums import Disposition

    return Disposition.choices


ACCOUNTABILITY = declare(
    ListSpec(
        name="accountability",
        label=_("People held accountable"),
        base=lambda user, action: accountabilities_for_user(user, action),
        filters=(
            Filter("inspection", _("Inspection"), "id", lambda a, v: a.filter(inspection_id=v)),
            Filter("term", _("Term"), "id", lambda a, v: a.filter(inspection__term_id=v)),
            Filter("disposition", _("Outcome"), "choice", lambda a, v: a.filter(disposition=v), choices=_dispositions),
            Filter("form", _("Form"), "choice", lambda a, v: _of_form(a, int(v)), choices=_forms),
            Filter("organisation", _("Organisation"), "id", _subtree("person__organisation__path")),
        ),
        columns=(
            Column("id", _("No."), lambda a: a.pk, kind="number", width=8),
            Column("person", _("Person held accountable"), lambda a: a.person.name, width=12),
            Column("position", _("Position"), lambda a: a.person.position, width=24),
            Column("organisation", _("Organisation"), lambda a: a.person.organisation.name, width=24),
            Column("disposition", _("Outcome"), lambda a: str(a.get_disposition_display()), width=16),
            Column("form", _("Form"), lambda a: str(a.form_label), width=10),
            Column("decided_on", _("Decided on"), lambda a: a.decided_on, kind="date", width=12),
            Column("deciding_body", _("Deciding body"), lambda a: a.deciding_body, width=24),
            Column("inspection", _("Inspection"), lambda a: a.inspection.title, width=30),
            Column(
                "document", _("Accountability letter"), lambda a: a.document.number if a.document_id else "", width=20
            ),
        ),
        ordering=("-decided_on", "-pk"),
        sorts={"decided_on": ("decided_on",), "disposition": ("disposition",)},
    )
)
