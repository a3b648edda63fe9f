from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "xuncha.public"
    label = "public"
    verbose_name = _("码上巡 public channel")

    def ready(self):
        from xuncha.public import actions, rules  # noqa: F401  (the declared steps, the policy)
