from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "xuncha.surveys"
    label = "surveys"
    verbose_name = _("Questionnaires")

    def ready(self):
        from xuncha.surveys import actions, rules  # noqa: F401  (policies and declared steps)
