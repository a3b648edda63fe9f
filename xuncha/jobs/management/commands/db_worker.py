"""`xuncha db_worker`: django-tasks-db's command, options and all, running our worker (leases,
reaper, reconnect; see jobs/worker.py). This app is listed before django_tasks_db in
INSTALLED_APPS, so this command is the one `xuncha db_worker` finds."""

import logging
import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from xuncha.jobs.worker import LeasedWorker, logger


class Command(db_worker.Command):
    help = "Run a background worker: tasks under a lease, lost tasks reaped, database outages survived"

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        if not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stdout))
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child process, as the base command does
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
