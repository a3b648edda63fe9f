"""The supervision documents' steps, each declared once (see `xuncha.workflow.actions`):
draft → issued → answered → (returned to issued | closed); a draft may be edited or discarded.
The office of the issuing body manages a document; the addressed organisation answers it."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.supervision.enums import DocumentStatus
from xuncha.supervision.rules import is_office_for, may_answer, may_manage
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare

DOCUMENT = "supervision.SupervisionDocument"


def _in(*states):
    def guard(document) -> str | None:
        if document.is_archived:
            return gettext("This document has been discarded.")
        if document.status in states:
            return None
        status = document.get_status_display()
        return gettext("A document that is %(status)s cannot take this step.") % {"status": status}

    return guard


def _d():
    from xuncha.supervision import documents

    return documents


declare(
    Action(
        "document.edit",
        _("Edit draft"),
        DOCUMENT,
        _in(DocumentStatus.DRAFT),
        may_manage,
        "supervision.document.edited",
        style="secondary",
        perform=lambda o, by, d: _d().update_draft(o, by=by, **d),
    )
)
declare(
    Action(
        "document.issue",
        _("Number and issue"),
        DOCUMENT,
        _in(DocumentStatus.DRAFT),
        may_manage,
        "supervision.document.issued",
        next_actor=Role.LIAISON.value,
        perform=lambda o, by, d: _d().issue_document(o, by=by, on=d.get("on")),
    )
)
declare(
    Action(
        "document.discard",
        _("Discard the draft"),
        DOCUMENT,
        _in(DocumentStatus.DRAFT),
        may_manage,
        "supervision.document.discarded",
        requires=("reason",),
        style="danger",
        perform=lambda o, by, d: _d().discard_draft(o, by=by, reason=d.get("reason", "")),
    )
)
declare(
    Action(
        "document.answer",
        _("Send the answer"),
        DOCUMENT,
        _in(DocumentStatus.ISSUED),
        may_answer,
        "supervision.document.answered",
        next_actor=Role.OFFICE.value,
        requires=("text",),
        perform=lambda o, by, d: _d().answer_document(o, by=by, answer=d.get("answer", ""), on=d.get("answered_on")),
    )
)
declare(
    Action(
        "document.close",
        _("Accept the answer and close"),
        DOCUMENT,
        _in(DocumentStatus.ANSWERED),
        may_manage,
        "supervision.document.closed",
        perform=lambda o, by, d: _d().close_document(o, by=by, on=d.get("on")),
    )
)
declare(
    Action(
        "document.return",
        _("Return the answer"),
        DOCUMENT,
        _in(DocumentStatus.ANSWERED),
        may_manage,
        "supervision.document.answer_returned",
        next_actor=Role.LIAISON.value,
        requires=("reason",),
        style="secondary",
        perform=lambda o, by, d: _d().return_answer(o, by=by, reason=d.get("reason", "")),
    )
)

handoff.told_by_domain(DOCUMENT)  # issue, answer and return notify with the letter's own words

# --- interviews (约谈) -------------------------------------------------------------------------
# Recording one is a step on the inspection (the interview does not exist yet); correcting the
# record is a step on the interview. Both are the office's of the inspection's committee.

INSPECTION, INTERVIEW = "inspections.Inspection", "supervision.Interview"


def _inspection_open(inspection) -> str | None:
    return gettext("This inspection has been archived.") if inspection.is_archived else None


def _interview_kept(interview) -> str | None:
    return gettext("This interview record has been archived.") if interview.is_archived else None


def _i():
    from xuncha.supervision import interviews

    return interviews


declare(
    Action(
        "inspection.record_interview",
        _("Record an interview"),
        INSPECTION,
        _inspection_open,
        is_office_for,
        "supervision.interview.recorded",
        next_actor=Role.OFFICE.value,
        requires=("text",),
        perform=lambda o, by, d: _i().record_interview(o, by=by, **d),
    )
)
declare(
    Action(
        "interview.update",
        _("Correct the record"),
        INTERVIEW,
        _interview_kept,
        lambda user, interview: is_office_for(user, interview.inspection),
        "supervision.interview.updated",
        style="secondary",
        perform=lambda o, by, d: _i().update_interview(o, by=by, **d),
    )
)
handoff.page(INTERVIEW, lambda i: reverse("supervision:interview", args=[i.pk]))  # where a hand-off leads

# --- accountability outcomes (问责) --------------------------------------------------------------
# Recording one is a step on the inspection: the office names the person, the outcome (the clue
# dispositions' vocabulary, so the form follows), the date and deciding body, and the links.


def _a():
    from xuncha.supervision import accountability

    return accountability


def _may_record_accountability(user, inspection) -> bool:
    from xuncha.supervision.rules import may_record_accountability

    return may_record_accountability(user, inspection)


declare(
    Action(
        "inspection.record_accountability",
        _("Record a person held accountable"),
        INSPECTION,
        _inspection_open,
        _may_record_accountability,
        "supervision.accountability.recorded",
        style="secondary",
        perform=lambda o, by, d: _a().record_accountability(o, by=by, **d),
    )
)
