from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "xuncha.people"
    verbose_name = _("People")

    def ready(self):
        from xuncha.people import lists, rules  # noqa: F401  (registers the policies and the lists)
