"""People held accountable (问责): the list with its figures (by outcome and form, each a link
to the rows it counts), its Excel export, and recording one on an inspection."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, get_for_user_or_404
from xuncha.inspections.queries import inspections_for_user
from xuncha.lists.excel import list_download
from xuncha.lists.sorting import list_page
from xuncha.supervision.accountability import accountability_figures
from xuncha.supervision.enums import DocumentKind, DocumentStatus
from xuncha.supervision.forms import AccountabilityForm
from xuncha.supervision.lists import ACCOUNTABILITY
from xuncha.supervision.queries import documents_for_user
from xuncha.web.pages import int_param, int_param_post
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step


def accountability_list(request):
    rows = ACCOUNTABILITY.rows(request.user, request.GET)
    inspection = None
    if (inspection_id := int_param(request, "inspection")) is not None:
        inspection = inspections_for_user(request.user).filter(pk=inspection_id).first()
    keep = {k: v for k, v in request.GET.items() if k in {"inspection", "term", "organisation"} and v}
    return render(
        request,
        "supervision/accountability.html",
        {
            **list_page(request, ACCOUNTABILITY, rows),
            "figures": accountability_figures(rows),
            "base_query": "&".join(f"{k}={v}" for k, v in keep.items()),
            "inspection": inspection,
            "may_record": inspection is not None
            and offered(request.user, inspection, "inspections.Inspection").record_accountability is not None,
        },
    )


def accountability_export(request):
    rows = ACCOUNTABILITY.details(ACCOUNTABILITY.rows(request.user, request.GET, Action.EXPORT))
    return list_download(ACCOUNTABILITY, ACCOUNTABILITY.shown(request.user, rows, "exported"), request=request)


@require_http_methods(["GET", "POST"])
def accountability_create(request):
    from xuncha.findings.models import Problem
    from xuncha.people.queries import people_for_user

    inspection = get_for_user_or_404(
        inspections_for_user(request.user),
        request.user,
        pk=int_param(request, "inspection") or int_param_post(request, "inspection") or 0,
    )
    require_allowed(request, "inspection.record_accountability", inspection)
    form = AccountabilityForm(
        request.POST or None,
        people=people_for_user(request.user).order_by("organisation__path", "name"),
        problems=Problem.objects.filter(inspection=inspection).order_by("position"),
        documents=documents_for_user(request.user)
        .filter(inspection=inspection, kind=DocumentKind.ACCOUNTABILITY)
        .exclude(status=DocumentStatus.DRAFT),
    )
    if request.method == "POST" and form.is_valid():
        recorded = take_step(request, "inspection.record_accountability", inspection, form=form, success=_("Recorded."))
        if recorded:
            return redirect(f"{reverse('supervision:accountability')}?inspection={inspection.pk}")
    return render(
        request,
        "web/_simple_form.html",
        {"form": form, "title": _("Record a person held accountable"), "inspection": inspection},
    )
