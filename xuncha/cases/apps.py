from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "xuncha.cases"
    verbose_name = _("Typical cases")

    def ready(self):
        from xuncha.cases import actions, rules  # noqa: F401  (registers the policies and steps)
