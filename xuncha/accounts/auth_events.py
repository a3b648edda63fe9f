"""Logins, failed logins, lockouts and logouts go to the audit log (read by the auditor).

Django and django-axes announce these through signals; the receivers only record them.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from xuncha.audit.domain import record_event


def _path(user) -> str:
    organisation = getattr(user, "organisation", None)
    return organisation.path if organisation is not None else ""


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    record_event("accounts.login.succeeded", actor=user, obj=user, org_path=_path(user))


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record_event("accounts.logout", actor=user, obj=user, org_path=_path(user))


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    record_event("accounts.login.failed", data={"username": str(credentials.get("username", ""))[:150]})


def connect_lockout() -> None:
    from axes.signals import user_locked_out

    @receiver(user_locked_out, weak=False)
    def locked_out(sender, request, username, ip_address, **kwargs):
        record_event("accounts.login.locked_out", data={"username": str(username or "")[:150], "ip": ip_address})
