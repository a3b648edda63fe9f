from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "xuncha.plans"
    verbose_name = _("Planning")

    def ready(self):
        from xuncha.plans import rules  # noqa: F401  (registers the policies)
