from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfidentialConfig(AppConfig):
    name = "xuncha.confidential"
    verbose_name = _("Confidential data")

    def ready(self):
        from xuncha.confidential import checks  # noqa: F401  (registers the key checks)
