"""The evaluation's steps, declared once (xuncha.workflow.actions): the office submits its
evaluation, signs it off or returns it to draft, and for a 差 orders the consequences."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.evaluation.enums import ConsequenceKind, EvaluationStatus, Grade
from xuncha.evaluation.rules import may_change
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare, unless


def _in(status):
    return lambda e: unless(e.status == status, gettext("Not in this state."))


def _submittable(evaluation) -> str | None:
    from xuncha.evaluation.scoring import unscored

    if evaluation.status != EvaluationStatus.DRAFT:
        return gettext("Not in this state.")
    missing = unscored(evaluation)
    return unless(
        not missing,
        gettext("%(n)s indicators scored by hand have no score yet (巡后 in a scheme scored before and after).")
        % {"n": missing},
    )


def _poor_without(kind):
    def guard(evaluation):
        if evaluation.status != EvaluationStatus.SIGNED_OFF or evaluation.signed_grade != Grade.POOR:
            return gettext("Only an evaluation signed off as 差 calls for it.")
        return unless(
            not evaluation.consequences.filter(kind=kind).exists(), gettext("It has been ordered already.")
        )

    return guard


def _submit(evaluation, by, data):
    from xuncha.evaluation.domain import submit_evaluation

    return submit_evaluation(evaluation, by=by)


def _return(evaluation, by, data):
    from xuncha.evaluation.domain import return_evaluation

    return return_evaluation(evaluation, by=by, reason=data.get("reason", ""))


def _sign_off(evaluation, by, data):
    from xuncha.evaluation.domain import sign_off_evaluation

    return sign_off_evaluation(evaluation, by=by)


def _order(kind):
    def perform(evaluation, by, data):
        from xuncha.evaluation.domain import order_consequence

        return order_consequence(evaluation, by=by, kind=kind)

    return perform


declare(Action(
    "evaluation.submit", _("Submit for sign-off"), "evaluation.Evaluation", _submittable, may_change,
    "evaluation.evaluation.submitted", next_actor=Role.OFFICE, perform=_submit,
))
declare(Action(
    "evaluation.sign_off", _("Sign off"), "evaluation.Evaluation", _in(EvaluationStatus.SUBMITTED), may_change,
    "evaluation.evaluation.signed_off", perform=_sign_off,
))
declare(Action(
    "evaluation.return", _("Return to draft"), "evaluation.Evaluation", _in(EvaluationStatus.SUBMITTED), may_change,
    "evaluation.evaluation.returned", requires=("reason",), style="danger", perform=_return,
))
declare(Action(
    "evaluation.order_interview", _("Order an interview of the head (约谈)"), "evaluation.Evaluation",
    _poor_without(ConsequenceKind.INTERVIEW), may_change, "evaluation.evaluation.consequence_ordered",
    next_actor=Role.OFFICE, style="secondary", perform=_order(ConsequenceKind.INTERVIEW),
))
declare(Action(
    "evaluation.order_follow_up", _("Order a follow-up inspection (回头看)"), "evaluation.Evaluation",
    _poor_without(ConsequenceKind.FOLLOW_UP), may_change, "evaluation.evaluation.consequence_ordered",
    next_actor=Role.OFFICE, style="secondary", perform=_order(ConsequenceKind.FOLLOW_UP),
))


def _page(evaluation):
    from django.urls import reverse

    return reverse("evaluation:detail", args=[evaluation.pk])


handoff.page("evaluation.Evaluation", _page)  # where a hand-off leads
