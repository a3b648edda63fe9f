from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    name = "xuncha.findings"
    verbose_name = _("Findings and feedback")

    def ready(self):
        from xuncha.findings import actions, lists, rules  # noqa: F401  (registers the policies, lists, steps)
