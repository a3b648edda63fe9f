from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "xuncha.orgs"
    verbose_name = _("Organisations")

    def ready(self):
        from xuncha.orgs import lists, rules  # noqa: F401  (registers the policies and the lists)
