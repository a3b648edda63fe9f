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
    REFRESH_SECONDS. Saving on every request (SESSION_SAVE_EVERY_REQUEST) cost about half of a
    bare page's server time in `xuncha bench run`; the timeout is now exact to within a minute."""

    REFRESH_SECONDS = 60
    KEY = "_xuncha_touched"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib.auth import SESSION_KEY

        session = request.session
        if session.get(SESSION_KEY) is not None:
            now = int(clock())
            if now - session.get(self.KEY, 0) >= self.REFRESH_SECONDS:
                session[self.KEY] = now  # marks the session modified: SessionMiddleware saves it
        return self.get_response(request)


def stamp_session_on_login(sender, request, user, **kwargs) -> None:
    """Logging in saves the session anyway: stamp it then, not on the first page after."""
    if request is not None and hasattr(request, "session"):
        request.session[SessionIdleMiddleware.KEY] = int(clock())


def clock() -> float:
    import time

    return time.time()


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is too large from its Content-Length, before anything reads
    the body: a multipart request (a form with files) may carry XUNCHA_REQUEST_MAX_MB, any other
    DATA_UPLOAD_MAX_MEMORY_SIZE. Django itself bounds only the form fields of a multipart
    request, not its files, and answers an oversize form with a bare 400; this answers 413 with
    a page in the user's language saying what the limit is. (The WSGI server reads no more than
    Content-Length, so a body cannot be longer than it claims.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        limit = settings.XUNCHA_REQUEST_MAX_MB * 1024 * 1024 if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return _too_large(request, limit)
        return self.get_response(request)


def _too_large(request, limit: int):
    from django.conf import settings
    from django.shortcuts import render

    context = {"limit_mb": max(limit // (1024 * 1024), 1), "file_limit_mb": settings.XUNCHA_UPLOAD_MAX_MB}
    return render(request, "web/too_large.html", context, status=413)
