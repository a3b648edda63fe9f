from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "xuncha.inspections"
    verbose_name = _("Inspections")

    def ready(self):
        from xuncha.inspections import actions, lists, rules  # noqa: F401  (registers the policies, lists, steps)
