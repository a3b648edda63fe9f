from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RestApiConfig(AppConfig):
    name = "xuncha.restapi"
    label = "restapi"
    verbose_name = _("API")
