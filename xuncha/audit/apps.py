from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "xuncha.audit"
    verbose_name = _("Audit")

    def ready(self):
        from xuncha.audit import checks, rules  # noqa: F401  (registers the policies and the key checks)
