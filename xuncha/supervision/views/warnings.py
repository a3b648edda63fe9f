"""Warning pages: every warning the user may see, or one inspection's, with colour badges and
the declared list's filters (step, measure, organisation, dates), sorting and Excel export."""

from django.db.models import Count
from django.shortcuts import render

from xuncha.lists.excel import list_download
from xuncha.lists.sorting import list_page
from xuncha.supervision.enums import WarningStep
from xuncha.supervision.lists import WARNINGS
from xuncha.supervision.queries import inspection_for_warnings, warnings_for_user


def warning_list(request, pk: int | None = None):
    inspection = inspection_for_warnings(request.user, pk) if pk is not None else None
    params = request.GET.copy()
    if inspection is not None:
        params["inspection"] = str(inspection.pk)
    warnings = WARNINGS.rows(request.user, params)
    counts = dict(
        warnings_for_user(request.user)
        .filter(**({"measure__plan__inspection": inspection} if inspection else {}))
        .order_by()
        .values_list("step")
        .annotate(n=Count("pk"))
    )
    step = WARNINGS.parse(params).get("step", "")
    context = list_page(request, WARNINGS, warnings)
    return render(
        request,
        "supervision/warnings.html",
        {
            **context,
            "inspection": inspection,
            "export_query": params.urlencode(),
            "step": step,
            "steps": [(s, s.label, counts.get(s.value, 0)) for s in WarningStep.ordered()],
        },
    )


def warning_export(request):
    rows = WARNINGS.details(WARNINGS.rows(request.user, request.GET))
    return list_download(WARNINGS, WARNINGS.shown(request.user, rows, "exported"), request=request)
