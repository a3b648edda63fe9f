from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "xuncha.followup"
    verbose_name = _("Follow-up inspections")

    def ready(self):
        from xuncha.followup import actions, rules  # noqa: F401  (registers the policies and steps)
