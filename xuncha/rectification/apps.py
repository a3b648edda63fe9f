from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def fill_tallies(sender, using="default", **kwargs):
    """After `migrate`: a database that holds inspections but no tally membership was filled
    before the summary tables existed (or lost them): recount every tally. Done here, not in a
    migration, because the recount is the current code's (the status rule belongs to the code)
    and needs every current table; after any later `migrate` this is two EXISTS queries."""
    from xuncha.inspections.models import Inspection
    from xuncha.rectification.models import TermTallyMember
    from xuncha.tallies import rebuild_all

    if Inspection.objects.using(using).exists() and not TermTallyMember.objects.using(using).exists():
        rebuild_all()


class RectificationConfig(AppConfig):
    name = "xuncha.rectification"
    verbose_name = _("Rectification")

    def ready(self):
        # register the policies and the declared actions (the tallies are kept by the domain
        # functions, through xuncha.tallies)
        from xuncha.rectification import actions, lists, rules  # noqa: F401

        post_migrate.connect(fill_tallies, sender=self, dispatch_uid="rectification_fill_tallies")
