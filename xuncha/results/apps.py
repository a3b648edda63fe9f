from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "xuncha.results"
    verbose_name = _("Use of results")

    def ready(self):
        from xuncha.results import actions, lists, rules  # noqa: F401  (registers the policies, steps and lists)
