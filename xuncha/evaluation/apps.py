from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "xuncha.evaluation"
    label = "evaluation"
    verbose_name = _("Rectification evaluation")

    def ready(self):
        from xuncha.evaluation import actions, metrics, rules  # noqa: F401  (policies, steps, metrics)
