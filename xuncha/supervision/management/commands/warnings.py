"""`xuncha warnings [--date YYYY-MM-DD] [--now]`: the daily warning run.

By default the run is queued for the task workers (`xuncha db_worker`), so cron needs only
`xuncha warnings` once a day (e.g. ``15 6 * * * xuncha warnings``) beside a running worker.
``--now`` runs it in this process instead and prints what it did. Running it twice, or on
several workers, sends nothing twice.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from xuncha.supervision.tasks import run_warnings


def _date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, got {value!r}") from None


class Command(BaseCommand):
    help = "Raise the rectification deadline warnings reached today (queued for the workers, or --now)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, default=None, help="The day to compute for (YYYY-MM-DD).")
        parser.add_argument("--now", action="store_true", help="Run in this process instead of queueing.")

    def handle(self, *args, date=None, now=False, **options):
        if now:
            summary = run_warnings.call(date)
            self.stdout.write(
                f"{summary['today']}: {summary['examined']} measures examined, "
                f"{summary['raised']} warnings raised, {summary['already_sent']} already sent, "
                f"{summary.get('follow_ups_escalated', 0)} overdue follow-up items escalated"
            )
            return
        result = run_warnings.enqueue(date)
        self.stdout.write(f"queued run_warnings ({result.id}) for {date or 'today'}")
