"""The lease of a running task: which worker runs it and when that worker last said it was alive.

django-tasks-db marks a task RUNNING when a worker claims it and nothing more: a worker killed
mid-task leaves it RUNNING for ever. The worker (`xuncha db_worker`, jobs/worker.py) writes a
lease beside the task when it starts it, renews its heartbeat from a side thread while the task
runs, and removes it when the task ends; the reaper (jobs/leases.py) fails a running task whose
heartbeat is older than the lease.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskLease(models.Model):
    task_result = models.OneToOneField(
        "django_tasks_database.DBTaskResult",
        verbose_name=_("task"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="lease",
    )
    worker_id = models.CharField(_("worker"), max_length=64)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        verbose_name = _("task lease")
        verbose_name_plural = _("task leases")

    def __str__(self):
        return f"{self.task_result_id} @ {self.worker_id}"
