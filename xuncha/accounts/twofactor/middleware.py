"""A session without its second factor opens only the second-factor pages.

After the password step, `request.user.is_verified()` (django-otp's OTPMiddleware) is false
until the holder typed a code. Then:

* a user with an authenticator is sent to the code page (`two_factor:verify`);
* a user without one whose role requires it (`Role.two_factor_required()`) is sent to the
  enrolment page, before anything else;
* anyone else goes on: two-factor login is optional for them.

Logging out, the language switch and the health check stay open. The forced password change
(`xuncha.accounts.middleware`, earlier in MIDDLEWARE) comes first only for a user without an
authenticator: a holder who has one gives the code before choosing the new password, so whoever
reset the password (the system administrator) cannot choose the holder's "own" password, or
reach anything, without the holder's phone. The session API answers 403 instead of a redirect. API tokens are another
path: they are made only on a page behind this middleware, so only from a verified session.
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from xuncha.accounts.twofactor.domain import has_two_factor, requires_two_factor

ALWAYS_OPEN = frozenset({"logout", "set_language", "healthz", "login"})
VERIFY_VIEWS = frozenset({"two_factor:verify"})
ENROL_VIEWS = frozenset({"two_factor:enrol", "two_factor:enrol_qr"})
API_NAMESPACES = frozenset({"api", "api_v1"})


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        name = match.view_name if match is not None else ""
        if name in ALWAYS_OPEN:
            return None
        enrolled = has_two_factor(user)
        if name == "password_change" and user.must_change_password and not enrolled:
            return None
        if enrolled:
            target, open_views = "two_factor:verify", VERIFY_VIEWS
            message = _("Enter the code from your authenticator app before using the platform.")
        elif requires_two_factor(user):
            target, open_views = "two_factor:enrol", ENROL_VIEWS
            message = _("Set up two-factor login before using the platform.")
        else:
            return None
        if name in open_views:
            return None
        if match is not None and match.namespace in API_NAMESPACES:
            return JsonResponse({"detail": message}, status=403)
        url = reverse(target)
        if getattr(request, "htmx", False):
            from django.http import HttpResponseForbidden
            from django_htmx.http import HttpResponseClientRedirect

            if (request.htmx.current_url_abs_path or "").startswith(url):
                return HttpResponseForbidden()  # already there: a redirect would reload it for ever
            return HttpResponseClientRedirect(url)
        if request.method == "GET" and target == "two_factor:verify" and request.get_full_path() != "/":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return redirect(url)
