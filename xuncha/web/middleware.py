"""A strict Content-Security-Policy: our templates carry no inline scripts or styles."""

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response


class SessionIdleMiddleware:
    """The sliding idle timeout (XUNCHA_SESSION_IDLE_MINUTES) without a database write on every
    request: a logged-in session is saved, and so its expiry pushed back, at most once per
    refresh interval. Saving on every request (SESSION_SAVE_EVERY_REQUEST) cost about half of a
    bare page's server time in `xuncha bench run`.

    The interval is a minute, but never more than a tenth of the idle timeout: activity that
    falls inside the interval does not move the expiry, so with a 1-minute timeout a minute-long
    interval would end sessions that were busy all along. The timeout is therefore exact to
    within the interval (a minute, or 10 % of a short timeout)."""

    MAX_REFRESH_SECONDS = 60
    KEY = "_xuncha_touched"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def refresh_seconds(cls) -> int:
        from django.conf import settings

        return max(1, min(cls.MAX_REFRESH_SECONDS, settings.SESSION_COOKIE_AGE // 10))

    def __call__(self, request):
        from django.contrib.auth import SESSION_KEY

        session = request.session
        if session.get(SESSION_KEY) is not None:
            now = int(clock())
            if now - session.get(self.KEY, 0) >= self.refresh_seconds():
                session[self.KEY] = now  # marks the session modified: SessionMiddleware saves it
        return self.get_response(request)


def stamp_session_on_login(sender, request, user, **kwargs) -> None:
    """Logging in saves the session anyway: stamp it then, not on the first page after."""
    if request is not None and hasattr(request, "session"):
        request.session[SessionIdleMiddleware.KEY] = int(clock())


def clock() -> float:
    import time

    return time.time()
