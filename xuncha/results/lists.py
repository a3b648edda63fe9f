"""The register of results-use documents, declared once for its page, its Excel export of
exactly the filtered rows and the API's /results. Rows come from `results_for_user`."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.results.enums import ResultKind, ResultStatus
from xuncha.results.queries import results_for_user
from xuncha.results.text import addressee_line


def overdue_q(today) -> Q:
    return Q(status=ResultStatus.ISSUED, reply_required=True, due_on__lt=today)


def _reply_state(rows, value):
    today = timezone.localdate()
    if value == "overdue":
        return rows.filter(overdue_q(today))
    if value == "awaiting":
        return rows.filter(status=ResultStatus.ISSUED, reply_required=True).exclude(overdue_q(today))
    if value == "replied":
        return rows.filter(status=ResultStatus.REPLIED)
    return rows


def reply_states():
    return [("awaiting", _("Awaiting reply")), ("overdue", _("Reply overdue")), ("replied", _("Replied"))]


RESULTS = declare(
    ListSpec(
        name="results",
        label=_("Use of results"),
        base=results_for_user,
        filters=(
            Filter("term", _("Term"), "id", lambda d, v: d.filter(term_id=v)),
            Filter("kind", _("Kind"), "choice", lambda d, v: d.filter(kind=v), choices=lambda: ResultKind.choices),
            Filter("year", _("Year"), "id", lambda d, v: d.filter(year=v)),
            Filter(
                "status", _("Status"), "choice", lambda d, v: d.filter(status=v), choices=lambda: ResultStatus.choices
            ),
            Filter("reply", _("Reply"), "choice", _reply_state, choices=reply_states),
            Filter("inspection", _("Inspection"), "id", lambda d, v: d.filter(inspections=v)),
            Filter("q", _("Text"), "text", lambda d, v: d.filter(Q(title__icontains=v) | Q(number__icontains=v))),
        ),
        columns=(
            Column("id", _("No."), lambda d: d.pk, kind="number", width=8),
            Column("number", _("Number"), lambda d: d.number, width=20),
            Column("kind", _("Kind"), lambda d: str(d.get_kind_display()), width=14),
            Column("title", _("Title"), lambda d: d.title, width=40),
            Column("recipients", _("Addressed to"), addressee_line, width=30),
            Column("status", _("Status"), lambda d: str(d.get_status_display()), width=10),
            Column("issued_on", _("Issued on"), lambda d: d.issued_on, kind="date", width=12),
            Column("due_on", _("Reply due"), lambda d: d.due_on, kind="date", width=12),
            Column("replied_on", _("Replied on"), lambda d: d.replied_on, kind="date", width=12),
        ),
        ordering=(F("issued_on").desc(nulls_first=True), "-pk"),
        sorts={"issued_on": ("issued_on",), "due_on": ("due_on",), "status": ("status",), "kind": ("kind",)},
    )
)
