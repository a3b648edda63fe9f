from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "xuncha.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from xuncha.accounts import actions, auth_events, lists, rules  # noqa: F401  (policies, steps, lists, receivers)

        auth_events.connect_lockout()
