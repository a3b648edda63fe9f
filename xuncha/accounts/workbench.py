"""Accounts on the security administrator's list: confirmations after a password reset
(xuncha/workbench/queues.py)."""

from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.accounts.queries import users_for_user
from xuncha.workbench.queues import Queue, declare

declare(
    Queue(
        "user.confirm",
        _("Accounts to confirm"),
        ("user.confirm",),
        frozenset({Role.SECURITY_ADMIN}),
        lambda user: (
            users_for_user(user)
            .filter(roles_suspended_at__isnull=False, must_change_password=False)
            .order_by("roles_suspended_at", "pk")
        ),
    )
)
