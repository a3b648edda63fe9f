from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "xuncha.meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from xuncha.meetings import actions, lists, rules  # noqa: F401  (registers the policies, steps and lists)
