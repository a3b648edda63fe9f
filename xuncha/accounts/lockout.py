"""Login lockout: by user name, and by address only well above that.

django-axes counts failed logins. Counting per address at the same limit as per user name
would let one person's typos lock out everyone who shares an address (an office behind NAT, or
every user when the reverse proxy's address is taken for the client's). So:

* a user name is locked after AXES_FAILURE_LIMIT failures (XUNCHA_LOGIN_FAILURE_LIMIT), from
  whatever addresses they came;
* an address is locked, for every user name, only after XUNCHA_LOGIN_ADDRESS_FAILURE_LIMIT
  failures (default ten times as many), which only guessing across many accounts reaches.

Both last AXES_COOLOFF_TIME (XUNCHA_LOGIN_LOCK_MINUTES). The address is the client's as seen
through the trusted proxies (xuncha.web.client_address).
"""

from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


@dataclass(frozen=True)
class LockoutPolicy:
    failure_limit: int
    address_failure_limit: int
    lock_minutes: int


def lockout_policy() -> LockoutPolicy:
    """The limits in force, for the messages that tell users about them."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off()
    return LockoutPolicy(
        failure_limit=settings.AXES_FAILURE_LIMIT,
        address_failure_limit=settings.XUNCHA_LOGIN_ADDRESS_FAILURE_LIMIT,
        lock_minutes=round(cool_off.total_seconds() / 60) if cool_off else 0,
    )


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, with AXES_LOCKOUT_PARAMETERS = ["username"], plus the address
    count. Axes records every failure with its address whatever the parameters, so the
    address's failures are the sum over its recent attempt rows."""

    def get_failures(self, request, credentials=None) -> int:
        by_name = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return by_name
        from axes.attempts import get_cool_off_threshold
        from axes.models import AccessAttempt

        by_address = (
            AccessAttempt.objects.filter(
                ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(n=Sum("failures_since_start"))["n"]
            or 0
        )
        if by_address >= settings.XUNCHA_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(by_name, settings.AXES_FAILURE_LIMIT)  # what axes compares with its limit
        return by_name


def wrong_password_message() -> str:
    """What the login page says after a failure, with the limits actually configured."""
    from django.utils.translation import ngettext

    policy = lockout_policy()
    return ngettext(
        "Wrong user name or password. After %(limit)d failed attempt the user name is locked for %(minutes)d minutes.",
        "Wrong user name or password. After %(limit)d failed attempts the user name is locked for %(minutes)d minutes.",
        policy.failure_limit,
    ) % {"limit": policy.failure_limit, "minutes": policy.lock_minutes}
