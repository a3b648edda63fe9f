"""The register's steps, each declared once (see `xuncha.workflow.actions`): a draft is edited,
numbered and issued, or discarded; a recipient replies where a reply is required."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.results.enums import ResultStatus
from xuncha.results.rules import may_manage, may_reply
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare

RESULT = "results.ResultDocument"


def _in(*states, reply: bool = False):
    def guard(document) -> str | None:
        if document.is_archived:
            return gettext("This document has been discarded.")
        if reply and not document.reply_required:
            return gettext("This document asks for no reply.")
        if document.status in states:
            return None
        status = document.get_status_display()
        return gettext("A document that is %(status)s cannot take this step.") % {"status": status}

    return guard


def _d():
    from xuncha.results import domain

    return domain


declare(
    Action(
        "result.edit",
        _("Edit draft"),
        RESULT,
        _in(ResultStatus.DRAFT),
        may_manage,
        "results.document.edited",
        style="secondary",
        perform=lambda o, by, d: _d().update_draft(o, by=by, **d),
    )
)
declare(
    Action(
        "result.issue",
        _("Number and issue"),
        RESULT,
        _in(ResultStatus.DRAFT),
        may_manage,
        "results.document.issued",
        next_actor=(Role.LIAISON.value, Role.RESPONSIBLE_UNIT.value),
        perform=lambda o, by, d: _d().issue_result(o, by=by, on=d.get("on")),
    )
)
declare(
    Action(
        "result.discard",
        _("Discard the draft"),
        RESULT,
        _in(ResultStatus.DRAFT),
        may_manage,
        "results.document.discarded",
        requires=("reason",),
        style="danger",
        perform=lambda o, by, d: _d().discard_draft(o, by=by, reason=d.get("reason", "")),
    )
)
declare(
    Action(
        "result.reply",
        _("Send the reply"),
        RESULT,
        _in(ResultStatus.ISSUED, reply=True),
        may_reply,
        "results.document.replied",
        next_actor=Role.OFFICE.value,
        requires=("text",),
        perform=lambda o, by, d: _d().reply_to_result(o, by=by, reply=d.get("reply", ""), on=d.get("replied_on")),
    )
)

handoff.told_by_domain(RESULT)  # issue and reply notify with the document's own words
