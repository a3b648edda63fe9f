from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    name = "xuncha.workbench"
    verbose_name = _("Workbench")

    def ready(self):
        # every app's workbench.py declares the queues of its records (queues.py)
        autodiscover_modules("workbench")
