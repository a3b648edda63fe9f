from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "xuncha.common"
    label = "common"
    verbose_name = _("Common problems")

    def ready(self):
        from xuncha.common import actions, rules  # noqa: F401  (registers the policies and steps)
