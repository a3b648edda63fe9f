"""The pages of the HTTP benchmark (`benchmarks.http`), mounted under /bench/ only when
settings.XUNCHA_BENCH is on (benchmarks/urls.py).

`hello` is the baseline: the whole stack (middleware, session, login) and no work. The floors
say what any page must pay before doing its own work, so that a page's throughput can be read
against what is possible at all, not only against the bare view:

* `layout`: the site's layout (menu, user, messages) around an empty page;
* `rows`: the layout around the first page of the user's measures in ledger order, read as the
  ledger reads it (`CappedPaginator`: a capped count, the page's keys, then those 50 rows with
  their plan's inspection), through the permission module, no filter, four plain columns,
  formatted in the template (`date`, `truncatechars`, `get_status_display` per row);
* `prepared`: the same 50 rows, prepared in the view (labels, dates and shortened texts made
  once per row in Python, as the site's lists do), so that the template only places them. It
  is the floor a list page is measured against (`make bench` prints each main page's server
  CPU per request as a multiple of this floor's).
"""

from django.http import HttpResponse
from django.shortcuts import render

from xuncha.rectification.queries import measures_for_user
from xuncha.web.pages import CappedPaginator


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


def layout(request):
    return render(request, "bench/layout.html")


def rows(request):
    return render(request, "bench/rows.html", {"measures": CappedPaginator(_measures(request.user), 50).page(1)})


def _measures(user):
    return measures_for_user(user).select_related("plan__inspection").order_by("-plan_id", "number")


def prepared(request):
    from xuncha.rectification.enums import MeasureStatus

    labels = {value: str(label) for value, label in MeasureStatus.choices}  # translated once
    rows = [
        (
            m.plan.inspection.title,
            m.number,
            m.content if len(m.content) <= 60 else f"{m.content[:59]}…",
            m.deadline.isoformat() if m.deadline else "—",
            labels.get(m.status, m.status),
        )
        for m in CappedPaginator(_measures(request.user), 50).page(1)
    ]
    return render(request, "bench/prepared.html", {"rows": rows})
