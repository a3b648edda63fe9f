"""`xuncha reap_tasks`: fail the running tasks whose worker stopped (the workers do it as well,
at start and every heartbeat; this is for a deployment without a worker running, or cron)."""

from django.core.management.base import BaseCommand

from xuncha.jobs.leases import reap_lost_tasks


class Command(BaseCommand):
    help = "Fail the running background tasks whose worker stopped renewing its lease"

    def handle(self, **options):
        reaped = reap_lost_tasks()
        for task_result in reaped:
            self.stdout.write(f"failed {task_result.pk} ({task_result.task_path}): its worker stopped")
        self.stdout.write(f"{len(reaped)} lost task(s) failed")
