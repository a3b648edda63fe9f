"""A strict Content-Security-Policy: our templates carry no inline scripts or styles."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

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


class RefuseNulMiddleware:
    """A NUL character (\\x00) in a query string or a posted value is refused before any view
    runs, with a page that says what it is (400). PostgreSQL cannot store or even compare it,
    and no one types it: it comes from text copied out of another program. Forms say the same
    per field (xuncha.web.forms.NUL_MESSAGE) for data that reaches them by other ways."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = list(request.GET.lists())
        if request.method == "POST":
            values += list(request.POST.lists())
        if any("\x00" in key or any("\x00" in value for value in vals) for key, vals in values):
            from django.shortcuts import render

            from xuncha.web.forms import NUL_MESSAGE

            return render(request, "web/bad_input.html", {"message": NUL_MESSAGE}, status=400)
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages, exports and downloads of a logged-in person are kept by no cache: neither a shared
    proxy nor the browser's back button or disk cache after logout (`Cache-Control: no-store`).
    Anything sent as an attachment (an export, an evidence file, a revealed identity) gets the
    same header whoever asks. Static files are served before this (WhiteNoise, or the static
    view in development) and keep their own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        private = user is not None and user.is_authenticated
        attachment = response.get("Content-Disposition", "").startswith("attachment")
        if (private or attachment) and not request.path.startswith(_static_prefix()):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response


def _static_prefix() -> str:
    from django.conf import settings

    return settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL


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


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese for everyone unless the person chose English: the language the browser asks for
    (Accept-Language) is ignored, only the choice remembered by the language switch (its
    cookie) counts. An office's machines are often set up in English; its staff work in Chinese."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
