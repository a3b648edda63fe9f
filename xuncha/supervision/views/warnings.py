"""Warning pages: every warning the user may see, or one inspection's, with colour badges and
filters by step and measure."""

from django.db.models import Count
from django.shortcuts import render

from xuncha.supervision.enums import WarningStep
from xuncha.supervision.queries import inspection_for_warnings, warnings_for_user
from xuncha.web.pages import int_param, paginate


def warning_list(request, pk: int | None = None):
    inspection = inspection_for_warnings(request.user, pk) if pk is not None else None
    warnings = warnings_for_user(request.user).annotate(recipient_count=Count("notifications"))
    if inspection is not None:
        warnings = warnings.filter(measure__plan__inspection=inspection)
    elif (inspection_id := int_param(request, "inspection")) is not None:
        warnings = warnings.filter(measure__plan__inspection_id=inspection_id)
    step = request.GET.get("step", "")
    if step in WarningStep.values:
        warnings = warnings.filter(step=step)
    if (measure := int_param(request, "measure")) is not None:
        warnings = warnings.filter(measure_id=measure)
    counts = dict(
        warnings_for_user(request.user)
        .filter(**({"measure__plan__inspection": inspection} if inspection else {}))
        .order_by()
        .values_list("step")
        .annotate(n=Count("pk"))
    )
    page, query = paginate(request, warnings.order_by("-reached_on", "-pk"))
    return render(
        request,
        "supervision/warnings.html",
        {
            "inspection": inspection,
            "page": page,
            "query": query,
            "step": step,
            "steps": [(s, s.label, counts.get(s.value, 0)) for s in WarningStep.ordered()],
        },
    )
