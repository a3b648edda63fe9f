from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "xuncha.staffing"
    verbose_name = _("Staffing")

    def ready(self):
        from xuncha.staffing import actions, rules  # noqa: F401  (registers the policies and the steps)
