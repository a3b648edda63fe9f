"""The pages of the HTTP benchmark (`benchmarks.http`), mounted under /bench/ only when
settings.XUNCHA_BENCH is on (benchmarks/urls.py).

`hello` is the baseline: the whole stack (middleware, session, login) and no work. The floors
say what any page must pay before doing its own work, so that a page's throughput can be read
against what is possible at all, not only against the bare view:

* `layout`: the site's layout (menu, user, messages) around an empty page;
* `rows`: the layout around the first page of the user's measures in ledger order, read as the
  ledger reads it (`CappedPaginator`: a capped count, the page's keys, then those 50 rows with
  their plan's inspection), through the permission module, no filter, four plain columns.
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
    measures = measures_for_user(request.user).select_related("plan__inspection").order_by("-plan_id", "number")
    return render(request, "bench/rows.html", {"measures": CappedPaginator(measures, 50).page(1)})
