from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CluesConfig(AppConfig):
    name = "xuncha.clues"
    verbose_name = _("Clues")

    def ready(self):
        from xuncha.clues import actions, lists, rules  # noqa: F401  (registers the policies, steps and lists)
