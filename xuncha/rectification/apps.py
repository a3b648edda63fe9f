from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RectificationConfig(AppConfig):
    name = "xuncha.rectification"
    verbose_name = _("Rectification")

    def ready(self):
        from xuncha.rectification import rules, signals  # noqa: F401  (register the policies, keep the tallies)
