from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "xuncha.petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from xuncha.petitions import actions, rules  # noqa: F401  (registers the policies and the steps)
