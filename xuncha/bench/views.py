"""The floors of `xuncha bench http`, mounted beside /bench/hello only when XUNCHA_BENCH_HELLO is on.

They say what any page must pay before doing its own work, so that a page's throughput can be
read against what is possible at all, not only against the bare view:

* `layout`: the site's layout (menu, user, messages) around an empty page;
* `rows`: the layout around 50 measures of the user's scope (one query through the permission
  module, no filter, no joins beyond the plan's inspection), five plain columns each.
"""

from django.shortcuts import render

from xuncha.rectification.queries import measures_for_user


def layout(request):
    return render(request, "bench/layout.html")


def rows(request):
    measures = measures_for_user(request.user).select_related("plan__inspection").order_by("-pk")[:50]
    return render(request, "bench/rows.html", {"measures": measures})
