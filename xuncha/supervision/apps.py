from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "xuncha.supervision"
    verbose_name = _("Supervision")

    def ready(self):
        from xuncha.supervision import actions, lists, rules  # noqa: F401  (registers the policies, steps and lists)
