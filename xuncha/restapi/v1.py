"""REST API version 1 (django-ninja; OpenAPI schema at /api/v1/openapi.json).

Built from the declarations, so that it cannot drift from the pages:
* every declared list (`xuncha.lists`) is a GET endpoint with the list's filters as query
  parameters and its columns as the fields of each item, read through the same
  `ListSpec.rows` as the page and its Excel export;
* every declared action (`xuncha.workflow.actions`) of an object the API exposes is a POST
  endpoint `/<objects>/{id}/<verb>`, taken through the same `take` as the page's form;
* details read through the same permission-scoped querysets.
An object out of the caller's scope is 404; a step the caller may not take is 403; a step its
state does not allow, or bad input, is 400 with the reasons; an edit based on a stale version
is 409 with what changed.
"""

import importlib
import importlib.util
from datetime import date, datetime
from decimal import Decimal
from functools import wraps

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from ninja import NinjaAPI, Query
from pydantic import create_model

from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.lists.declarations import REGISTRY as LISTS
from xuncha.restapi import exposure
from xuncha.restapi.auth import SessionAuth, TokenAuth, TokenRateThrottle, signed_in


def _signed_in_only(view):
    """The schema and its docs page, like everything else here, only for a signed-in caller (a
    live token or the browser's session); anybody else gets 401."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not signed_in(request):
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        return view(request, *args, **kwargs)

    return wrapped


api = NinjaAPI(
    title="Xuncha API",
    version="v1",
    description="巡察监督综合平台 API. Authenticate with a personal token (`Authorization: Bearer xc_…`).",
    urls_namespace="api_v1",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[TokenRateThrottle()],
    # Swagger UI at /api/v1/docs from django-ninja's own static files (`ninja` is an installed
    # app, so no CDN; its init script is a file, so the CSP's script-src 'self' allows it)
    docs_url="/docs",
    docs_decorator=_signed_in_only,
)


def _messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": _messages(exc)}, status=400)


@api.exception_handler(PermissionDenied)
def _refused(request, exc):
    return api.create_response(request, {"detail": "You may not take this step."}, status=403)


@api.exception_handler(Http404)
def _missing(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(ConcurrentEditError)
def _stale(request, exc):
    changes = [{"field": c.field, "label": str(c.label), "theirs": str(c.theirs)} for c in exc.changes]
    return api.create_response(
        request,
        {"detail": "Somebody changed this record since your version.", "version": exc.current.version,
         "changes": changes},
        status=409,
    )


# --- lists ------------------------------------------------------------------------------------

PYTHON_TYPES = {"text": str, "date": date, "datetime": datetime, "number": int}


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def _list_endpoint(spec):
    Item = create_model(
        f"{spec.name.title()}Item",
        **{c.name: (PYTHON_TYPES.get(c.kind, str) | None, None) for c in spec.columns},
    )
    Page = create_model(f"{spec.name.title()}Page", count=(int, ...), items=(list[Item], ...))
    Filters = create_model(
        f"{spec.name.title()}Filters",
        **{f.name: (str | None, None) for f in spec.filters},
        **({"sort": (str | None, None)} if spec.sorts else {}),
        limit=(int, 50),
        offset=(int, 0),
    )

    def endpoint(request, filters: Query[Filters]):
        params = {k: v for k, v in filters.model_dump().items() if v is not None and k not in {"limit", "offset"}}
        if bad := spec.invalid(params):
            raise ValidationError([f"Invalid value for filter: {name}" for name in bad])
        if spec.sort_invalid(params):
            raise ValidationError([f"Unknown sort: {params['sort']}"])
        limit, offset = max(1, min(filters.limit, 500)), max(0, filters.offset)
        rows = spec.rows(request.user, params)
        page = spec.page_of(request.user, rows, offset, offset + limit)
        items = [{c.name: _plain(v) for c, v in zip(spec.columns, spec.cells(row), strict=True)} for row in page]
        return {"count": rows.count(), "items": items}

    api.get(
        f"/{spec.name}",
        response=Page,
        operation_id=f"list_{spec.name}",
        summary=f"List {spec.name} (the page's filters; the Excel export's columns)",
    )(endpoint)


def _register_lists():
    for spec in LISTS.values():
        _list_endpoint(spec)


def _discover(module: str) -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("xuncha.") and importlib.util.find_spec(f"{config.name}.{module}"):
            importlib.import_module(f"{config.name}.{module}")


def build():
    """Register the endpoints of every declaration (called once the apps have declared them)."""
    if getattr(api, "_built", False):
        return api
    _discover("lists")  # each app's declared lists (`xuncha/<app>/lists.py`), whatever imported them so far
    _register_lists()
    _discover("endpoints")  # each app's own endpoints (`xuncha/<app>/endpoints.py`)
    exposure.register(api)
    api._built = True
    return api


def urls():
    """The API's URL patterns. They are exempt from the site's login redirect: the API answers
    401 itself, and a token (not a session) may be how the caller logs in."""
    patterns, app_name, namespace = build().urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
