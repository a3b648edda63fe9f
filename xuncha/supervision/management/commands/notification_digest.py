"""`xuncha notification_digest`: send each user who chose it the daily digest of their
notifications not yet e-mailed (run once a day from cron, e.g. ``0 7 * * *``). Safe to run
twice: nothing is sent twice."""

from django.core.management.base import BaseCommand

from xuncha.supervision.notifications import send_digests


class Command(BaseCommand):
    help = "E-mail the daily digest of notifications to the users who chose it."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_digests()} digests sent")
