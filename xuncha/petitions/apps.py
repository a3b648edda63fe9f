from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "xuncha.petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from xuncha.petitions import actions, lists, rules  # noqa: F401  (policies, steps and lists)
