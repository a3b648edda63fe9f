from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "xuncha.appraisal"
    label = "appraisal"
    verbose_name = _("Appraisal of lower offices")

    def ready(self):
        from xuncha.appraisal import actions, rules  # noqa: F401  (policies, steps)
