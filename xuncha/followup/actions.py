"""The follow-up steps, each declared once (`xuncha.workflow.actions`):

* `inspection.create_follow_up` on an earlier inspection: the office starts its 回头看, when the
  earlier feedback has problems to re-check;
* `recheck.record_verdict` on one re-check item: the office records 整改到位 / 不到位 / 反弹.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.followup.enums import ReCheckStatus
from xuncha.followup.rules import may_record_verdict
from xuncha.inspections.actions import active
from xuncha.inspections.rules import may_change_inspection
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare, unless

INSPECTION, RECHECK = "inspections.Inspection", "followup.ReCheck"


def _d():
    from xuncha.followup import domain

    return domain


def _followable(inspection) -> str | None:
    if (why := active(inspection)) is not None:
        return why
    return unless(inspection.problems.exists(), gettext("This inspection has no feedback problems to re-check."))


def _pending(recheck) -> str | None:
    if (why := active(recheck.inspection)) is not None:
        return why
    return unless(recheck.status == ReCheckStatus.PENDING, gettext("This problem has already been re-checked."))


declare(Action(
    "inspection.create_follow_up", _("Start a follow-up inspection"), INSPECTION, _followable,
    may_change_inspection, "followup.inspection.created", style="secondary",
    perform=lambda o, by, d: _d().create_follow_up(
        o, by=by, term=d.get("term"), round=d.get("round"), organisations=d.get("organisations") or None,
        title=d.get("title", ""), team_name=d.get("team_name", ""), entry_on=d.get("entry_on"),
    ),
))
declare(Action(
    "recheck.record_verdict", _("Record the verdict"), RECHECK, _pending, may_record_verdict,
    "followup.recheck.recorded",
    perform=lambda o, by, d: _d().record_verdict(
        o, by=by, verdict=d.get("verdict", ""), note=d.get("note", ""), uploads=d.get("evidence", ()),
    ),
))

handoff.page(RECHECK, lambda r: reverse("followup:rechecks", args=[r.inspection_id]))
