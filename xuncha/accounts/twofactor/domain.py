"""Two-factor login: an authenticator app (TOTP) and ten recovery codes, on django-otp.

* `TOTPDevice` holds the app's secret; `StaticDevice` with its `StaticToken`s holds the recovery
  codes. django-otp stores a static token as it is given: we give it the SHA-256 of the code (80
  random bits, so the hash cannot be reversed by trying), and it deletes the row once used.
* A session is verified when `django_otp.login` stored the device that verified it;
  `OTPMiddleware` then answers `request.user.is_verified()`. Removing the devices unverifies
  every session of the holder at its next request.
* Who must: every holder of an active grant of `Role.two_factor_required()` (suspended or not).
  Anyone else may enrol. Devices are removed by the holder (only when not required), by a
  security administrator (`reset_two_factor`, with a reason) or by the command line; never by the
  system administrator, who could otherwise take over an account whose password it reset.
* Failures: counted on the TOTP device (django-otp's throttling fields; its own exponential
  delays are off in settings). After AXES_FAILURE_LIMIT failures in a row the second factor is
  locked for AXES_COOLOFF_TIME, as the password is; logging in again does not reset the count.
  Each failure, lockout, success, enrolment and removal is audited.
"""

import hashlib
import secrets
import time
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant, User
from xuncha.audit.domain import record_event

RECOVERY_CODE_COUNT = 10
TOLERANCE = 1  # one 30-second step either side: clocks drift, people type slowly


def requires_two_factor(user) -> bool:
    """Whether the user's grants make the second factor compulsory. Suspended grants count: the
    roles come back on confirmation, and the account must not be reachable with a password alone
    in between."""
    return RoleGrant.objects.active().filter(user_id=user.pk, role__in=Role.two_factor_required()).exists()


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user_id=user.pk, device__confirmed=True).count()


# --- enrolment -------------------------------------------------------------------------------


def new_secret() -> str:
    """A fresh TOTP secret (hex, as django-otp stores it); kept in the session until confirmed,
    so that showing the enrolment page writes no row."""
    return default_key()


def unsaved_device(user, secret: str) -> TOTPDevice:
    """A device for showing the secret (config_url, bin_key); never saved as such."""
    return TOTPDevice(user=user, key=secret, name=_("Authenticator app"), confirmed=False)


def secret_text(secret: str) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    text = b32encode(bytes.fromhex(secret)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _matching_step(secret: str, token: str, min_t: int = 0) -> int | None:
    """The time step whose code is `token`, within the tolerance, or None."""
    token = token.strip().replace(" ", "")
    if not token.isdigit() or len(token) != 6:
        return None
    totp = TOTP(bytes.fromhex(secret))
    totp.time = time.time()  # one instant for every step tried
    for offset in range(-TOLERANCE, TOLERANCE + 1):
        totp.drift = offset
        if totp.t() >= min_t and totp.token() == int(token):
            return totp.t()
    return None


def confirm_enrolment(user: User, *, secret: str, token: str) -> list[str]:
    """The user proves the app has the secret by typing its current code; the device is saved
    confirmed and ten recovery codes are made (returned to be shown once)."""
    step = _matching_step(secret, token)
    if step is None:
        raise ValidationError(_("The code does not match. Check the time on your phone and type the current code."))
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).exists()  # one enrolment at a time
        if has_two_factor(user):
            raise ValidationError(_("Two-factor login is already set up for this account."))
        TOTPDevice.objects.filter(user_id=user.pk).delete()  # an unconfirmed left-over, if any
        device = TOTPDevice.objects.create(
            user=user, key=secret, name=str(_("Authenticator app")), confirmed=True, last_t=step
        )
        codes = _replace_recovery_codes(user)
        record_event("accounts.two_factor.enrolled", actor=user, obj=user, org_path=_org_path(user))
    user.otp_device = device
    return codes


def enrol_without_code(user: User, *, secret: str) -> list[str]:
    """Set up an authenticator with a known secret, replacing any, without a code from an app:
    for whoever runs the server (the demo world, whose keys are printed). Returns the
    recovery codes."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).exists()
        _remove_devices(user)
        TOTPDevice.objects.create(user=user, key=secret, name=str(_("Authenticator app")), confirmed=True)
        codes = _replace_recovery_codes(user)
        record_event("accounts.two_factor.enrolled", obj=user, org_path=_org_path(user))
    return codes


# --- recovery codes --------------------------------------------------------------------------


def recovery_hash(code: str) -> str:
    """What is stored for a recovery code: 80 bits of its SHA-256, in base32 (16 characters,
    django-otp's field). Spaces, hyphens and case do not matter when typing it."""
    normalised = code.strip().lower().replace("-", "").replace(" ", "")
    return b32encode(hashlib.sha256(normalised.encode()).digest()[:10]).decode().lower()


def _new_code() -> str:
    raw = b32encode(secrets.token_bytes(10)).decode().lower()  # 16 characters, 80 bits
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _replace_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user_id=user.pk).delete()
    device = StaticDevice.objects.create(user=user, name=str(_("Recovery codes")), confirmed=True)
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    device.token_set.bulk_create([device.token_set.model(device=device, token=recovery_hash(c)) for c in codes])
    return codes


def renew_recovery_codes(user: User) -> list[str]:
    """Ten new codes; the old ones stop working. Only for an enrolled user."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).exists()
        if not has_two_factor(user):
            raise ValidationError(_("Set up two-factor login first."))
        codes = _replace_recovery_codes(user)
        record_event("accounts.two_factor.recovery_codes_renewed", actor=user, obj=user, org_path=_org_path(user))
    return codes


# --- verification ----------------------------------------------------------------------------


class SecondFactorLocked(Exception):
    def __init__(self, until: datetime):
        super().__init__(until)
        self.until = until


@dataclass(frozen=True)
class _Outcome:
    device: object | None = None
    locked_until: datetime | None = None


def _locked_until(device: TOTPDevice) -> datetime | None:
    stamp = device.throttling_failure_timestamp
    if device.throttling_failure_count < settings.AXES_FAILURE_LIMIT or stamp is None:
        return None
    until = stamp + settings.AXES_COOLOFF_TIME
    return until if until > timezone.now() else None


def verify_second_factor(user: User, code: str):
    """The device that accepts `code` (the app's current code or an unused recovery code, which
    is then used up). Raises ValidationError for a wrong code and SecondFactorLocked while locked;
    a wrong code is counted even when the exception is raised (the count is committed first)."""
    outcome = _check(user, code)
    if outcome.locked_until is not None:
        raise SecondFactorLocked(outcome.locked_until)
    if outcome.device is None:
        raise ValidationError(_("Wrong code."))
    return outcome.device


def _check(user: User, code: str) -> _Outcome:
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user_id=user.pk, confirmed=True).first()
        if device is None:
            return _Outcome()
        if until := _locked_until(device):
            record_event("accounts.two_factor.refused_locked", actor=user, obj=user, org_path=_org_path(user))
            return _Outcome(locked_until=until)
        if device.throttling_failure_count >= settings.AXES_FAILURE_LIMIT:
            device.throttle_reset(commit=False)  # the lock has run out: a fresh count
        step = _matching_step(device.key, code, min_t=device.last_t + 1)  # a code is used only once
        method, accepted = "totp", None
        if step is not None:
            device.last_t = step
            device.throttle_reset(commit=False)
            device.set_last_used_timestamp(commit=False)
            device.save()
            accepted = device
        else:
            recovery = StaticDevice.objects.filter(user_id=user.pk, confirmed=True).first()
            if recovery is not None and recovery.verify_token(recovery_hash(code)):
                method, accepted = "recovery_code", recovery
                device.throttle_reset()
        if accepted is not None:
            record_event(
                "accounts.two_factor.verified",
                actor=user,
                obj=user,
                org_path=_org_path(user),
                data={"method": method},
            )
            return _Outcome(device=accepted)
        device.throttle_increment()
        failures = device.throttling_failure_count
        record_event(
            "accounts.two_factor.failed", actor=user, obj=user, org_path=_org_path(user), data={"failures": failures}
        )
        if failures >= settings.AXES_FAILURE_LIMIT:
            record_event("accounts.two_factor.locked_out", actor=user, obj=user, org_path=_org_path(user))
            return _Outcome(locked_until=_locked_until(device))
        return _Outcome()


# --- removal ---------------------------------------------------------------------------------


def may_reset_two_factor(by, account) -> bool:
    """A security administrator, for an account in their scope other than their own."""
    from xuncha.accounts.permissions import Action, can
    from xuncha.accounts.rules import may_grant

    if getattr(by, "pk", None) is None or by.pk == account.pk:
        return False
    return may_grant(by) and can(by, Action.VIEW, account)


def reset_two_factor(account: User, *, by, reason: str) -> None:
    """Remove the account's authenticator and recovery codes (a lost phone). `by` is a security
    administrator or None (the command line, `xuncha account reset-2fa`). A holder of a required
    role must enrol again at their next request."""
    if by is not None and not may_reset_two_factor(by, account):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=account.pk).exists()
        removed = _remove_devices(account)
        record_event(
            "accounts.two_factor.reset",
            actor=by,
            obj=account,
            org_path=_org_path(account),
            data={"reason": reason.strip(), "had_device": removed},
        )


def remove_own_two_factor(user: User) -> None:
    """The holder turns two-factor login off; refused while a role requires it."""
    if requires_two_factor(user):
        raise ValidationError(_("Your role requires two-factor login; a security administrator can reset it."))
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).exists()
        if _remove_devices(user):
            record_event("accounts.two_factor.removed", actor=user, obj=user, org_path=_org_path(user))


def _remove_devices(user) -> bool:
    had = has_two_factor(user)
    TOTPDevice.objects.filter(user_id=user.pk).delete()
    StaticDevice.objects.filter(user_id=user.pk).delete()
    return had


def _org_path(user) -> str:
    return user.organisation.path if user.organisation_id else ""
