from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "xuncha.web"
    verbose_name = _("Web interface")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from xuncha.web.middleware import stamp_session_on_login

        user_logged_in.connect(stamp_session_on_login, dispatch_uid="xuncha.web.stamp_session_on_login")
