"""A password someone else chose opens only the password page.

After an account is created by, or its password reset by, another person
(`User.must_change_password`), every page but the password change, logging out and the
language switch sends the holder to choose their own password first; the API answers 403.
Together with the suspended roles this keeps the administrator's password away from case
content (三员分立)."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from xuncha.accounts.twofactor.domain import has_two_factor

ALLOWED_VIEWS = frozenset({"password_change", "logout", "set_language", "healthz", "login"})
API_NAMESPACES = frozenset({"api", "api_v1"})


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not getattr(user, "must_change_password", False):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED_VIEWS:
            return None
        if not user.is_verified() and has_two_factor(user):
            return None  # a holder with an authenticator gives the code first (twofactor.middleware)
        if match is not None and match.namespace in API_NAMESPACES:
            return JsonResponse({"detail": _("Choose a new password before using the platform.")}, status=403)
        if getattr(request, "htmx", False):
            from django.urls import reverse
            from django_htmx.http import HttpResponseClientRedirect

            return HttpResponseClientRedirect(reverse("password_change"))
        return redirect("password_change")
