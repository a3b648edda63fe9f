"""What the platform answers while its database cannot be reached.

Every page then fails with a database error, wherever it first touches the database (the
session, the user, the menu, the view). Django hands such an uncaught error to `handler500`;
ours answers a database error (OperationalError, InterfaceError: refused, dropped, timed out)
with a 503 page in the user's language, a retry hint and Retry-After, and any other error with
the branded 500 page (`web/errors.py`). The page is rendered without the request's context processors, so it reads
nothing from the database (no session, user or menu).

`/healthz` asks `database_reachable()`, so a load balancer or systemd watchdog sees the outage.
"""

import sys

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.utils import translation

from xuncha.web.errors import came_from, plain_server_error

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_reachable(alias: str = DEFAULT_DB_ALIAS) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_ERRORS:
        return False
    return True


def unavailable_response(request) -> HttpResponse:
    """In the request's language when LocaleMiddleware chose it before the failure, otherwise in
    the platform's (the session, read first, may be what failed)."""
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    with translation.override(language):
        content = loader.get_template("web/unavailable.html").render(
            {"retry_after": RETRY_AFTER_SECONDS, "back": came_from(request)}
        )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: called by Django inside the `except` of the failed request."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return unavailable_response(request)
    return plain_server_error(request)
