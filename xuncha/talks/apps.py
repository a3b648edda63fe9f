from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalksConfig(AppConfig):
    name = "xuncha.talks"
    verbose_name = _("Talks and visits")

    def ready(self):
        from xuncha.talks import actions, lists, rules  # noqa: F401  (registers the policies, steps and list)
