"""The second-factor pages: the code page after the password, enrolment with its QR code and
recovery codes, the holder's own page, and the security administrator's reset."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from xuncha.accounts.forms import ReasonForm
from xuncha.accounts.models import User
from xuncha.accounts.permissions import get_for_user_or_404
from xuncha.accounts.twofactor import domain
from xuncha.web.forms import StyledForm

PENDING_SECRET = "xuncha_two_factor_pending_secret"


class CodeForm(StyledForm):
    code = forms.CharField(
        max_length=40,
        label=gettext_lazy("One-time code"),
        help_text=gettext_lazy("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class EnrolForm(StyledForm):
    code = forms.CharField(
        max_length=10,
        label=gettext_lazy("One-time code"),
        help_text=gettext_lazy("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _no_store(response):
    response["Cache-Control"] = "no-store"  # secrets and recovery codes
    return response


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of the login for a user with an authenticator."""
    if request.user.is_verified() or not domain.has_two_factor(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = domain.verify_second_factor(request.user, form.cleaned_data["code"])
        except domain.SecondFactorLocked as locked:
            logout(request)
            messages.error(request, _locked_message(locked))
            return redirect("login")
        except ValidationError as error:
            form.add_error("code", error)
        else:
            otp_login(request, device)
            request.session.cycle_key()  # a new session id for the verified session
            if domain.recovery_codes_left(request.user) <= 3 and device.persistent_id.startswith("otp_static"):
                messages.warning(request, _("You have few recovery codes left; make new ones on your two-factor page."))
            return redirect(_next_url(request))
    return _no_store(render(request, "accounts/two_factor/verify.html", {"form": form, "next": _next_url(request)}))


def _locked_message(locked) -> str:
    from xuncha.accounts.lockout import lockout_policy

    policy = lockout_policy()
    return _("Too many wrong codes: two-factor login for this account is locked for %(minutes)d minutes.") % {
        "minutes": policy.lock_minutes
    }


@require_http_methods(["GET", "POST"])
def enrol(request):
    """Set up an authenticator: the secret (QR code and text) stays in the session until the
    app's first code confirms it; then the recovery codes are shown, once."""
    if domain.has_two_factor(request.user):
        return redirect("two_factor:manage")
    secret = request.session.get(PENDING_SECRET)
    if not secret:
        secret = request.session[PENDING_SECRET] = domain.new_secret()
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = domain.confirm_enrolment(request.user, secret=secret, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[PENDING_SECRET]
            otp_login(request, request.user.otp_device)
            request.session.cycle_key()
            return _codes_page(request, codes, enrolled=True)
    device = domain.unsaved_device(request.user, secret)
    return _no_store(
        render(
            request,
            "accounts/two_factor/enrol.html",
            {
                "form": form,
                "secret": domain.secret_text(secret),
                "config_url": device.config_url,
                "qr_available": _qr_available(),
                "required": domain.requires_two_factor(request.user),
            },
        )
    )


def _qr_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("segno") is not None or importlib.util.find_spec("qrcode") is not None


def enrol_qr(request):
    """The pending secret as an SVG QR code (django-otp draws it with segno)."""
    secret = request.session.get(PENDING_SECRET)
    if not secret or domain.has_two_factor(request.user) or not _qr_available():
        raise Http404
    from django_otp.qr import write_qrcode_image

    response = HttpResponse(content_type="image/svg+xml")
    write_qrcode_image(domain.unsaved_device(request.user, secret).config_url, response)
    return _no_store(response)


def _codes_page(request, codes, *, enrolled: bool):
    return _no_store(render(request, "accounts/two_factor/recovery_codes.html", {"codes": codes, "enrolled": enrolled}))


def manage(request):
    """The holder's own page: whether two-factor login is on, how many recovery codes are left."""
    enrolled = domain.has_two_factor(request.user)
    return render(
        request,
        "accounts/two_factor/manage.html",
        {
            "enrolled": enrolled,
            "required": domain.requires_two_factor(request.user),
            "codes_left": domain.recovery_codes_left(request.user) if enrolled else 0,
        },
    )


@require_POST
def renew_codes(request):
    try:
        codes = domain.renew_recovery_codes(request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("two_factor:manage")
    return _codes_page(request, codes, enrolled=False)


@require_POST
def remove(request):
    try:
        domain.remove_own_two_factor(request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Two-factor login is off for your account."))
    return redirect("two_factor:manage")


@require_http_methods(["GET", "POST"])
def reset(request, pk: int):
    """A security administrator removes another account's authenticator and recovery codes."""
    account = get_for_user_or_404(User.objects.select_related("organisation"), request.user, pk=pk)
    if not domain.may_reset_two_factor(request.user, account):
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.reset_two_factor(account, by=request.user, reason=form.cleaned_data["reason"])
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Two-factor login was reset; the holder sets it up again at the next login."))
            return redirect("accounts:user", pk=account.pk)
    return render(
        request, "accounts/form.html", {"form": form, "title": _("Reset two-factor login"), "object": account}
    )
