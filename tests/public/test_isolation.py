"""The public site (xuncha.settings_public, xuncha.public.site_urls) serves the 码上巡 pages and
nothing of the staff site: every route of the staff URL configuration, filled in with sample
values, is unknown to it, and every route it has leads to a public view.

In development the staff site also mounts the public pages at /m/ (XUNCHA_PUBLIC_ON_STAFF_SITE):
those routes are the only ones the two configurations share. The root is the other address they
share, with a different page behind it (the workbench there, the public landing here)."""

import importlib
import sys
import types
import uuid

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, clear_url_caches, include, path, resolve
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern, _route_to_regex

PUBLIC_URLCONF = "xuncha.public.site_urls"
STAFF_URLCONF = "xuncha.urls"
PUBLIC_VIEWS = {"xuncha.public.views", "xuncha.surveys.public_views"}  # the questionnaires at /m/<code>/q/

SAMPLES = {
    IntConverter: 1,
    StringConverter: "x",
    SlugConverter: "x",
    UUIDConverter: uuid.UUID(int=1),
    PathConverter: "x/y",
}


def example_path(route: str) -> str:
    """A concrete path for a route (`a/<int:pk>/b/`): each converter's sample value put in.
    A converter without a sample fails here, so that no route is skipped unseen."""
    _regex, converters = _route_to_regex(route, is_endpoint=False)
    parts, rest = [], route
    while "<" in rest:
        head, _, tail = rest.partition("<")
        parameter, _, rest = tail.partition(">")
        name = parameter.rpartition(":")[2]
        converter = converters[name]
        assert type(converter) in SAMPLES, f"no sample value for {type(converter).__name__} in {route!r}"
        parts += [head, converter.to_url(SAMPLES[type(converter)])]
    return "/" + "".join([*parts, rest])


def routes(urlconf, prefix: str = "") -> list[tuple[str, URLPattern]]:
    """Every endpoint of `urlconf` (a module name or an URLResolver) with its full route,
    includes, API routers and namespaces walked through."""
    from django.urls import get_resolver

    resolver = get_resolver(urlconf) if isinstance(urlconf, str) else urlconf
    found = []
    for entry in resolver.url_patterns:
        assert isinstance(entry.pattern, RoutePattern), f"a regular-expression route: {entry.pattern!r}"
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += routes(entry, route)
        else:
            found.append((route, entry))
    return found


def view_module(match_or_pattern) -> str:
    func = match_or_pattern.func if hasattr(match_or_pattern, "func") else match_or_pattern.callback
    func = getattr(func, "view_class", func)
    return func.__module__


def staff_paths_the_public_site_resolves(public_urlconf: str = PUBLIC_URLCONF) -> list[str]:
    """The example path of each staff route that `public_urlconf` resolves, but for the public
    pages both mount and the root (the public landing there)."""
    leaks = []
    for route, pattern in routes(STAFF_URLCONF):
        if view_module(pattern) in PUBLIC_VIEWS:
            continue  # /m/…: the public pages the staff site mounts in development
        example = example_path(route)
        try:
            match = resolve(example, urlconf=public_urlconf)
        except Resolver404:
            continue
        if example == "/" and match.url_name == "public_landing":
            continue
        leaks.append(example)
    return leaks


def test_the_staff_url_configuration_is_walked_whole():
    """A positive control: the walk sees the staff routes the other tests rely on."""
    examples = {example_path(route) for route, _ in routes(STAFF_URLCONF)}
    assert len(examples) > 200
    for expected in ("/login/", "/petitions/", "/clues/", "/clues/1/", "/accounts/users/", "/audit/", "/healthz"):
        assert expected in examples
    assert any(p.startswith("/api/v1/") for p in examples) and any(p.startswith("/api/tokens/") for p in examples)
    assert any(p.startswith("/m/") for p in examples), "development mounts the public pages on the staff site"
    assert all(resolve(p, urlconf=STAFF_URLCONF) for p in examples)  # every example is a real staff path


def test_the_public_site_resolves_no_staff_url():
    assert staff_paths_the_public_site_resolves() == []


def test_the_check_catches_a_staff_url_added_to_the_public_site():
    """The check can fail: the public configuration with the clues' pages added leaks them."""
    leaky = types.ModuleType("tests.public._leaky_site_urls")
    leaky.urlpatterns = [
        *importlib.import_module(PUBLIC_URLCONF).urlpatterns,
        path("clues/", include("xuncha.clues.urls")),
    ]
    sys.modules[leaky.__name__] = leaky
    try:
        leaks = staff_paths_the_public_site_resolves(leaky.__name__)
    finally:
        del sys.modules[leaky.__name__]
        clear_url_caches()
    assert "/clues/" in leaks and "/clues/1/" in leaks
    assert all(p.startswith("/clues/") for p in leaks)


def test_every_public_route_leads_to_a_public_view():
    public = routes(PUBLIC_URLCONF)
    assert {example_path(route) for route, _ in public} >= {"/", "/m/track/", "/m/x/", "/m/x/report/"}
    assert {view_module(pattern) for _, pattern in public} == PUBLIC_VIEWS
    site_urls = importlib.import_module(PUBLIC_URLCONF)
    # the shared handlers, which render the public site's own templates (tests/public/test_public_site.py)
    assert site_urls.handler404 == site_urls.handler403 == "xuncha.web.errors.page_not_found"


def _public_settings():
    settings_public = importlib.import_module("xuncha.settings_public")
    return override_settings(
        ROOT_URLCONF=PUBLIC_URLCONF,
        MIDDLEWARE=settings_public.MIDDLEWARE,
        TEMPLATES=settings_public.TEMPLATES,
        XUNCHA_PUBLIC_SITE=True,
    )


STAFF_PATHS = [
    "/login/",
    "/logout/",
    "/healthz",
    "/todo/",
    "/petitions/",
    "/petitions/1/",
    "/clues/",
    "/clues/1/",
    "/accounts/",
    "/audit/",
    "/ledger/",
    "/files/1/",
    "/api/v1/",
    "/api/v1/measures/",
    "/api/tokens/",
    "/api/docs",
    "/admin/",
    "/i18n/setlang/",
    "/me/password/",
    "/bench/hello",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_PATHS)
def test_staff_paths_are_not_found_on_the_public_site(url):
    with _public_settings():
        assert Client().get(url).status_code == 404
        assert Client().post(url, {"username": "office", "password": "x"}).status_code == 404


@pytest.mark.django_db
def test_every_staff_route_is_not_found_on_the_public_site():
    """The same through the whole stack of the public site (its middleware and 404 page), for
    the example path of every staff route."""
    examples = sorted(
        {example_path(route) for route, pattern in routes(STAFF_URLCONF) if view_module(pattern) not in PUBLIC_VIEWS}
    )
    assert len(examples) > 200
    client = Client()
    with _public_settings():
        answered = {url: client.get(url).status_code for url in examples if url != "/"}
    assert {url: status for url, status in answered.items() if status != 404} == {}
    # positive control: the staff site answers the same paths (with its login page first)
    staff = Client()  # a client keeps the middleware it first loaded: a new one for the staff site
    assert staff.get("/clues/").status_code == 302 and staff.get("/login/").status_code == 200


def test_the_public_site_opens_no_session_nor_the_staff_sites_session_cache():
    settings_public = importlib.import_module("xuncha.settings_public")
    assert not [m for m in settings_public.MIDDLEWARE if "session" in m.lower()]
    assert "sessions" not in settings_public.CACHES  # the staff site's pickled sessions
    assert settings_public.SESSION_ENGINE == "django.contrib.sessions.backends.db"
