"""The appraisal's steps, declared once (xuncha.workflow.actions): the upper office scores an
item (with a reason and evidence) while it is being scored, signs it off once every item is
scored, and reopens a signed-off appraisal with a reason."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.appraisal.enums import AppraisalStatus
from xuncha.appraisal.rules import may_keep
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare, unless

APPRAISAL = "appraisal.Appraisal"


def _being_scored(appraisal):
    return unless(appraisal.status == AppraisalStatus.DRAFT, gettext("Not in this state."))


def _complete(appraisal):
    from xuncha.appraisal.models import AppraisalItem

    if appraisal.status != AppraisalStatus.DRAFT:
        return gettext("Not in this state.")
    missing = AppraisalItem.objects.filter(section__scheme=appraisal.scheme_id).exclude(
        pk__in=appraisal.scores.values("item")
    ).count()
    return unless(not missing, gettext("%(n)s items have no score yet.") % {"n": missing})


def _signed(appraisal):
    return unless(appraisal.status == AppraisalStatus.SIGNED_OFF, gettext("Not in this state."))


def _d():
    from xuncha.appraisal import domain

    return domain


declare(Action(
    "appraisal.score", _("Score an item"), APPRAISAL, _being_scored, may_keep, "appraisal.appraisal.scored",
    style="secondary",
    perform=lambda o, by, d: _d().score_item(
        o, by=by, item=d.get("item"), score=d.get("score"), reason=d.get("reason", ""),
        evidence=d.get("evidence", ()),
    ),
))
declare(Action(
    "appraisal.sign_off", _("Sign off the appraisal"), APPRAISAL, _complete, may_keep,
    "appraisal.appraisal.signed_off", perform=lambda o, by, d: _d().sign_off(o, by=by),
))
declare(Action(
    "appraisal.reopen", _("Reopen"), APPRAISAL, _signed, may_keep, "appraisal.appraisal.reopened",
    requires=("reason",), style="danger",
    perform=lambda o, by, d: _d().reopen(o, by=by, reason=d.get("reason", "")),
))


def _page(appraisal):
    from django.urls import reverse

    return reverse("appraisal:detail", args=[appraisal.pk])


handoff.page(APPRAISAL, _page)
