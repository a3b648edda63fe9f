"""The error pages: 403, 404, 500, 503 (`web/outage.py`) and the expired form (CSRF).

Each is rendered from `web/errors/layout.html` without the request's context processors, so it
reads nothing from the database and shows whatever failed; each offers a way back: the page
the user came from (only when it is one of ours) and the home page. Django calls these only
with DEBUG off (`xuncha/urls.py` names them; `CSRF_FAILURE_VIEW` in settings).
"""

from django.http import HttpResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


def came_from(request) -> str:
    """The referring page when it is on this site (never an address elsewhere), else ""."""
    referer = request.META.get("HTTP_REFERER", "") if request is not None else ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def error_page(request, template: str, status: int, **context) -> HttpResponse:
    content = loader.get_template(template).render({"back": came_from(request), **context})
    response = HttpResponse(content, status=status)
    response["Cache-Control"] = "no-store"
    return response


def page_not_found(request, exception=None):
    """handler404: the same page for a missing record and one out of the user's scope."""
    return error_page(request, "web/errors/404.html", 404)


def permission_denied(request, exception=None):
    """handler403."""
    return error_page(request, "web/errors/403.html", 403)


def plain_server_error(request):
    """The 500 page (`outage.server_error` answers database errors with 503 first)."""
    return error_page(request, "web/errors/500.html", 500)


@requires_csrf_token
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent with an old or missing token (the page was open across a
    logout or login, or the cookie expired). Offers to reload the form it came from."""
    return error_page(request, "web/errors/csrf.html", 403)
