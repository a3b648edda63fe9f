from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "xuncha.campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from xuncha.campaigns import actions, rules  # noqa: F401  (registers the policies and steps)
