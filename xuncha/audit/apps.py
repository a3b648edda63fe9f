from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "xuncha.audit"
    verbose_name = _("Audit")

    def ready(self):
        from xuncha.audit import checks, lists, rules  # noqa: F401  (the policies, key checks and declared list)
        from xuncha.audit.events import _load

        _load()  # every event type declared before the first request (threads share the registry)
