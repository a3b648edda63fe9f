"""A declared list's page: the page of rows as shown, the query string for the pagination
and the sort links of the table's header (`web/_sort.html`)."""

from xuncha.lists.declarations import ListSpec
from xuncha.web.pages import paginate


def list_page(request, spec: ListSpec, rows, how: str = "listed") -> dict:
    """The context a list template needs: `page` (its rows prepared as the list shows them),
    `query` (the filters, for pagination and the export link), `sort` and `sort_query` (the
    filters without the sort, for the header's links)."""
    page, query = paginate(request, spec.details(rows))
    page.object_list = spec.shown(request.user, page.object_list, how)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    sort = "" if spec.sort_invalid(request.GET) else request.GET.get("sort", "")
    return {"page": page, "query": query, "sort": sort, "sort_query": params.urlencode()}
