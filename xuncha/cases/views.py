"""Typical cases: the library (list with figures, Excel), one case with its uses, drafting one
from a problem or a concluded clue, editing, publishing, recording uses, archiving."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.cases.forms import CaseForm, UseForm
from xuncha.cases.lists import CASES, tag_choices
from xuncha.cases.models import CaseUse
from xuncha.cases.queries import case_figures, cases_for_user
from xuncha.cases.rules import may_read_cases
from xuncha.clues.queries import clues_for_user
from xuncha.findings.models import Problem
from xuncha.inspections.forms import ReasonForm
from xuncha.lists.excel import list_download
from xuncha.orgs.queries import organisations_for_user
from xuncha.plans.queries import terms_for_user
from xuncha.web.pages import paginate
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step


def case_list(request):
    if not may_read_cases(request.user):
        raise Http404
    rows = CASES.rows(request.user, request.GET)
    page, query = paginate(request, CASES.details(rows))
    return render(
        request,
        "cases/list.html",
        {
            "page": page,
            "rows": CASES.shown(request.user, page.object_list),
            "query": query,
            "figures": case_figures(rows),
            "terms": terms_for_user(request.user).order_by("-starts_on"),
            "tags": tag_choices(),
            "statuses": CASES.filters[2].choices(),
        },
    )


def case_export(request):
    if not may_read_cases(request.user):
        raise Http404
    rows = CASES.details(CASES.rows(request.user, request.GET, Action.EXPORT))
    return list_download(CASES, CASES.shown(request.user, rows, "exported"), request=request)


def _case(request, pk):
    return get_for_user_or_404(cases_for_user(request.user).prefetch_related("tags"), request.user, pk=pk)


def case_detail(request, pk: int):
    case = _case(request, pk)
    user = request.user
    actions = offered(user, case, "cases.TypicalCase")
    source = None
    if case.clue_id and clues_for_user(user).filter(pk=case.clue_id).exists():
        source = ("clue", case.clue_id)
    elif case.problem_id and restrict(Problem.objects.filter(pk=case.problem_id), user).exists():
        source = ("problem", case.problem_id)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "actions": actions,
            "source": source,
            "uses": restrict(CaseUse.objects.filter(case=case), user).select_related("organisation"),
            "use_form": UseForm(organisations=organisations_for_user(user), initial={"used_on": timezone.localdate()})
            if actions.record_use
            else None,
            "history": history_entries(case, user=user),
        },
    )


@require_http_methods(["GET", "POST"])
def case_edit(request, pk: int):
    case = _case(request, pk)
    require_allowed(request, "case.edit", case)
    initial = {
        "version": case.version,
        "title": case.title,
        "summary": case.summary,
        "lesson": case.lesson,
        "tags": "、".join(t.name for t in case.tags.all()),
    }
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "version": form.cleaned_data.get("version") or case.version}
        try:
            if take_step(request, "case.edit", case, data=data, success=_("Saved.")) is not None:
                return redirect("cases:detail", pk=case.pk)
        except ConcurrentEditError:
            form.add_error(None, _("Someone changed this case meanwhile. Reload and try again."))
    return render(request, "cases/form.html", {"form": form, "title": _("Edit the typical case")})


@require_POST
def case_publish(request, pk: int):
    case = _case(request, pk)
    take_step(request, "case.publish", case, success=_("Published for warning education."))
    return redirect("cases:detail", pk=case.pk)


@require_POST
def use_add(request, pk: int):
    case = _case(request, pk)
    form = UseForm(request.POST, organisations=organisations_for_user(request.user))
    take_step(request, "case.record_use", case, form=form, success=_("Use recorded."))
    return redirect("cases:detail", pk=case.pk)


@require_POST
def case_archive(request, pk: int):
    case = _case(request, pk)
    if take_step(request, "case.archive", case, form=ReasonForm(request.POST), success=_("Case archived.")):
        return redirect("cases:list")
    return redirect("cases:detail", pk=case.pk)


@require_POST
def draft_from_problem(request, pk: int):
    problem = get_for_user_or_404(Problem.objects.select_related("inspection__term"), request.user, pk=pk)
    case = take_step(
        request, "problem.draft_case", problem, success=_("Case drafted; read it through before publishing.")
    )
    return redirect("cases:edit", pk=case.pk) if case else redirect("rectification:problem", pk=problem.pk)


@require_POST
def draft_from_clue(request, pk: int):
    clue = get_for_user_or_404(clues_for_user(request.user).prefetch_related("persons"), request.user, pk=pk)
    case = take_step(request, "clue.draft_case", clue, success=_("Case drafted; read it through before publishing."))
    return redirect("cases:edit", pk=case.pk) if case else redirect("clues:detail", pk=clue.pk)
