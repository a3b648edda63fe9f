"""Shared mechanics of list pages: pagination and the query-string of the current filters."""

from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int | None = None):
    paginator = Paginator(queryset, per_page or settings.XUNCHA_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def int_param(request, name: str) -> int | None:
    """A whole-number query parameter, or None when absent or malformed (a filter then does not apply)."""
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() else None


def int_param_post(request, name: str) -> int | None:
    raw = request.POST.get(name, "")
    return int(raw) if raw.isdigit() else None
