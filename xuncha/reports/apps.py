from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "xuncha.reports"
    verbose_name = _("Published reports")

    def ready(self):
        from xuncha.reports import actions, rules  # noqa: F401  (registers the policies and the steps)
