"""The clue workflow's steps, each declared once (see `xuncha.workflow.actions`):

received ──sign×2 (two distinct people)──▶ dual_signed ──transfer──▶ transferred
  ──confirm receipt──▶ acknowledged ──record handling──▶ ──conclude──▶ concluded ──report back

and, per person once the clue is handled, record the outcome (记录处理结果: 立案 and/or the
outcome, the form following from it), open on a concluded clue too.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.clues.enums import ClueStatus
from xuncha.clues.rules import may_handle, may_sign, may_transfer
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare, unless

CLUE = "clues.Clue"


def _signable(clue) -> str | None:
    return unless(clue.status == ClueStatus.RECEIVED, gettext("This clue already has both signatures."))


def _may_sign(user, clue) -> bool:
    """The office or a signing team member, once: the second signature must be someone else's."""
    return may_sign(user, clue) and not clue.signatures.filter(signer=user).exists()


def _transferable(clue) -> str | None:
    if clue.status == ClueStatus.RECEIVED:
        return gettext("A clue is transferred only after two different people have signed it.")
    return unless(clue.status == ClueStatus.DUAL_SIGNED, gettext("This clue has already been transferred."))


def _acknowledgeable(clue) -> str | None:
    return unless(clue.status == ClueStatus.TRANSFERRED, gettext("Only a transferred clue can be acknowledged."))


def _handleable(clue) -> str | None:
    if clue.status != ClueStatus.ACKNOWLEDGED:
        return gettext("Confirm receipt before recording how the clue is handled.")
    return unless(not clue.handling_method, gettext("The handling method has already been recorded."))


def _concludable(clue) -> str | None:
    ready = clue.status == ClueStatus.ACKNOWLEDGED and bool(clue.handling_method)
    return unless(ready, gettext("Record the handling method before concluding."))


def _outcome_recordable(clue) -> str | None:
    handled = clue.status == ClueStatus.CONCLUDED or (
        clue.status == ClueStatus.ACKNOWLEDGED and bool(clue.handling_method)
    )
    return unless(handled, gettext("Record the handling method before recording outcomes."))


def _reportable(clue) -> str | None:
    if clue.status != ClueStatus.CONCLUDED:
        return gettext("Report back once the clue is concluded.")
    return unless(clue.reported_back_on is None, gettext("The result has already been reported back."))


def _d():
    from xuncha.clues import domain

    return domain


RECEIVER = tuple(sorted(Role.reviewers()))  # the receiving body acts next, whichever kind it is

declare(Action(
    "clue.sign", _("Sign"), CLUE, _signable, _may_sign, "clues.clue.signed", next_actor=Role.OFFICE.value,
    perform=lambda o, by, d: _d().sign_clue(o, by=by),
))
declare(Action(
    "clue.transfer", _("Transfer"), CLUE, _transferable, may_transfer, "clues.clue.transferred",
    next_actor=RECEIVER,
    perform=lambda o, by, d: _d().transfer_clue(
        o, by=by, receiving_body=d.get("receiving_body"), receiving_kind=d.get("receiving_kind", ""), on=d.get("on")
    ),
))
declare(Action(
    "clue.acknowledge", _("Confirm receipt"), CLUE, _acknowledgeable, may_handle, "clues.clue.acknowledged",
    perform=lambda o, by, d: _d().acknowledge_receipt(o, by=by, on=d.get("on")),
))
declare(Action(
    "clue.handling", _("Record handling"), CLUE, _handleable, may_handle, "clues.clue.handling_recorded",
    perform=lambda o, by, d: _d().record_handling(o, by=by, method=d.get("method", ""), note=d.get("note", "")),
))
declare(Action(
    "clue.conclude", _("Conclude"), CLUE, _concludable, may_handle, "clues.clue.concluded",
    next_actor=Role.OFFICE.value,
    perform=lambda o, by, d: _d().conclude_clue(
        o, by=by, on=d.get("on"), conclusion=d.get("conclusion", ""), dispositions=d.get("dispositions", {})
    ),
))
declare(Action(
    "clue.record_outcome", _("Record the outcome"), CLUE, _outcome_recordable, may_handle,
    "clues.clue.outcome_recorded",
    perform=lambda o, by, d: _d().record_outcome(
        o, by=by, person=d.get("person"), disposition=d.get("disposition", ""),
        case_filed_on=d.get("case_filed_on"), note=d.get("note") or None,  # blank: the note stays
    ),
))
declare(Action(
    "clue.report_back", _("Report the result back"), CLUE, _reportable, may_handle, "clues.clue.reported_back",
    next_actor=Role.OFFICE.value,
    perform=lambda o, by, d: _d().report_back(o, by=by, on=d.get("on")),
))

handoff.page(CLUE, lambda c: reverse("clues:detail", args=[c.pk]), name=str)  # where a hand-off leads
