"""Shared mechanics of list pages: pagination and the query-string of the current filters."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.utils.functional import cached_property

from xuncha.web.inputs import parse_id


def paginate(request, queryset, per_page: int | None = None):
    paginator = Paginator(queryset, per_page or settings.XUNCHA_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def int_param(request, name: str) -> int | None:
    """An id from the query string, or None when absent, malformed or out of the database's
    range (a filter then does not apply; see xuncha.web.inputs.parse_id)."""
    return parse_id(request.GET.get(name))


def int_param_post(request, name: str) -> int | None:
    """An id from the posted form, or None as int_param."""
    return parse_id(request.POST.get(name))


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` rows: over a province's million measures an exact
    COUNT(*) costs more than the page itself (56 ms for 10,000 rows at scale 20 on PostgreSQL,
    `xuncha bench run`), and nobody reads forty pages of a ledger: past the cap the page asks
    to narrow the filters, and exact totals are on the dashboard and figures pages."""

    cap = 2_000

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            rows = rows.order_by()  # counting needs no order: without it the database stops at the cap
        return rows[: self.cap + 1].count()

    def page(self, number):
        """The page's rows in two steps when they come from a query: the keys of the page in
        order, then those rows with what they join. Sorting narrow keys instead of whole wide
        rows is what makes a page of a province's ledger cheap (SQLite sorts every matching
        row with all its columns: 80 ms against 23 ms at scale 1, `xuncha bench run`)."""
        page = super().page(number)  # its rows: the whole query, sliced, not yet run
        rows = self.object_list
        if not isinstance(rows, QuerySet) or rows._iterable_class is not ModelIterable or rows.query.combinator:
            return page  # lists, values(), union(): as Django does
        keys = list(page.object_list.values_list("pk", flat=True))
        found = {row.pk: row for row in _by_keys(rows, keys)}
        page.object_list = [found[key] for key in keys if key in found]
        return page

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def _by_keys(rows: QuerySet, keys: list) -> QuerySet:
    """The rows of `rows` whose keys are `keys`, which were read from `rows` itself in this
    request: loaded as `rows` loads them (columns, joins, prefetches) without running its
    filters again, whose scope subqueries cost more to compile and run than the 50 rows
    (issue 19). A query with annotations, extra columns or DISTINCT keeps its filters: what it
    computes may depend on them."""
    query = rows.query
    if query.annotations or query.extra or query.distinct or query.extra_tables:
        return rows.filter(pk__in=keys)
    fresh = rows.model._base_manager.using(rows.db).filter(pk__in=keys)
    fresh.query.select_related = query.select_related
    fresh.query.deferred_loading = query.deferred_loading
    fresh._prefetch_related_lookups = rows._prefetch_related_lookups
    return fresh


def paginate_capped(request, queryset, per_page: int | None = None):
    paginator = CappedPaginator(queryset, per_page or settings.XUNCHA_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def choose_first(request, *, title, name: str, label, options, cancel: str):
    """The first step of a form that belongs to something the user has not chosen yet (a new
    inspection in a term, a petition of an inspection): a short page that asks which one and
    comes back to the same address with `?<name>=<pk>`, the other query parameters kept.
    `options` are (pk, text) pairs the user may choose from."""
    from django.shortcuts import render

    kept = [(key, value) for key, value in request.GET.items() if key != name]
    return render(
        request,
        "web/choose.html",
        {"title": title, "name": name, "label": label, "options": options, "kept": kept, "cancel": cancel},
    )
