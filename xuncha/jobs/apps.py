from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "xuncha.jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        # every app's tasks.py, so that their handlers of a lost worker are known to the reaper
        # in any process (a worker, `xuncha reap_tasks`), not only where a task was queued
        autodiscover_modules("tasks")
