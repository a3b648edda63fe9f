from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import get_for_user_or_404, restrict
from xuncha.followup.domain import current_term
from xuncha.followup.figures import recheck_counts
from xuncha.followup.forms import FollowUpForm, VerdictForm
from xuncha.followup.models import ReCheck
from xuncha.followup.rules import may_record_verdict
from xuncha.inspections.queries import inspections_for_user
from xuncha.plans.queries import terms_for_user
from xuncha.rectification.models import Rebound
from xuncha.workflow import actions
from xuncha.workflow.steps import require_allowed, take_step


@require_http_methods(["GET", "POST"])
def create_follow_up(request, pk: int):
    """The office starts a 回头看 of an earlier inspection (the declared step)."""
    earlier = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    require_allowed(request, "inspection.create_follow_up", earlier)
    terms = terms_for_user(request.user).filter(owner=earlier.term.owner_id)
    initial = {"term": current_term(earlier.term.owner) or earlier.term}
    form = FollowUpForm(request.POST or None, earlier=earlier, terms=terms, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = take_step(request, "inspection.create_follow_up", earlier, form=form, success=_("Follow-up started."))
        if made is not None:
            return redirect("followup:rechecks", pk=made.pk)
    title = _("Start a follow-up inspection")
    return render(request, "followup/create.html", {"form": form, "title": title, "inspection": earlier})


def recheck_list(request, pk: int):
    """The follow-up's re-check items with their verdicts and the counts. Who may record a
    verdict depends on the follow-up inspection only: asked once for the page, not per row."""
    inspection = get_for_user_or_404(
        inspections_for_user(request.user, include_archived=True).select_related("follows_up", "term"),
        request.user,
        pk=pk,
    )
    rechecks = restrict(ReCheck.objects.filter(inspection=inspection), request.user)
    rows = list(
        rechecks.select_related("problem__organisation", "new_problem", "checked_by", "rebound").prefetch_related(
            "evidence"
        )
    )
    for row in rows:
        row.inspection = inspection  # shared: the guard reads the inspection, not a query per row
    step = actions.get("recheck.record_verdict")
    may_record = bool(rows) and may_record_verdict(request.user, rows[0])
    earlier = inspection.follows_up
    context = {
        "inspection": inspection,
        "earlier": earlier,
        "rows": [(r, may_record and step.guard(r) is None) for r in rows],
        "counts": recheck_counts(rechecks),
        "earlier_rebounds": Rebound.objects.filter(problem__inspection=earlier).count() if earlier else None,
        "form": VerdictForm(),
    }
    return render(request, "followup/rechecks.html", context)


@require_POST
def record_verdict(request, pk: int):
    recheck = get_for_user_or_404(ReCheck.objects.select_related("inspection", "problem"), request.user, pk=pk)
    form = VerdictForm(request.POST, request.FILES)
    take_step(request, "recheck.record_verdict", recheck, form=form, success=_("Verdict recorded."))
    return redirect(reverse("followup:rechecks", args=[recheck.inspection_id]) + f"#recheck-{recheck.pk}")
