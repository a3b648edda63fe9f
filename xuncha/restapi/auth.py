"""How the API knows who calls: a personal token (`Authorization: Bearer xc_…`) or the
browser's session with its CSRF token. A read-only token may only read; every token is rate
limited (HTTP 429, `XUNCHA_API_RATE`, per token; in the cache, so per process with the default
local-memory cache and shared across workers with a shared one)."""

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import SimpleRateThrottle

from xuncha.accounts.models import ApiToken
from xuncha.accounts.tokens import authenticate

SAFE = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = authenticate(token)
        if found is None:
            return None
        if request.method not in SAFE and found.scope != ApiToken.Scope.WRITE:
            raise HttpError(403, "This token is read-only.")
        request.user = found.user
        request.api_token = found
        return found.user


def signed_in(request: HttpRequest) -> bool:
    """Is the caller signed in, by the browser's session or by a live token (of any scope)?"""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and authenticate(secret.strip()) is not None


class SessionAuth(APIKeyCookie):
    """The browser's login session; unsafe methods need the CSRF token (django-ninja checks it)."""

    param_name = "sessionid"

    def __init__(self):
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (sessions are not limited here: django-axes guards the login)."""

    scope = "token"

    def __init__(self):
        super().__init__("600/min")

    def allow_request(self, request) -> bool:
        from django.conf import settings

        self.rate = settings.XUNCHA_API_RATE  # read per request: the setting may change in tests
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        return None if token is None else f"xuncha-api-token-{token.pk}"
