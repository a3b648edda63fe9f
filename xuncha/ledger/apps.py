from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "xuncha.ledger"
    verbose_name = _("Ledger")

    def ready(self):
        from xuncha.ledger import actions, lists, rules  # noqa: F401  (the policies, steps and declared lists)
