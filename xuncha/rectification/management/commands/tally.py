"""`xuncha tally --check | --rebuild`: the summary tallies against a full recount.

--check says whether every tally row, of the inspections and of the terms, equals a recount
from the rows it counts, and lists the inspections and terms that differ with each differing
row; it exits with status 1 if any does, so that a cron job or a monitor can raise the alarm.
--rebuild recounts every inspection and term: after a bulk load (which bypasses the domain
functions that keep the tallies, xuncha/tallies/upkeep.py) or to repair what --check found.
"""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from xuncha.tallies import Mismatch, differences, rebuild_all


def _table(name: str) -> str:
    return {
        "problems": _("problems"),
        "measures": _("measures"),
        "term organisations": _("organisations of the term"),
        "term aspects": _("aspects of the term"),
        "term measures": _("measures of the term"),
        "term inspections": _("inspections of the term"),
    }[name]


def _describe(mismatch: Mismatch) -> str:
    table = _table(mismatch.table)
    key = " ".join(
        f"{name}={value}" for name, value in mismatch.key.items() if name not in ("inspection_id", "term_id")
    )
    return _("%(table)s %(key)s: stored %(stored)d, recount %(recount)d") % {
        "table": table,
        "key": key,
        "stored": mismatch.stored,
        "recount": mismatch.recount,
    }


class Command(BaseCommand):
    help = "Check the rectification summary tallies against a full recount (--check), or rebuild them (--rebuild)."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--check", action="store_true", help="Compare with a recount; exit status 1 if anything differs."
        )
        action.add_argument("--rebuild", action="store_true", help="Recount every tally.")

    def handle(self, *args, check: bool = False, rebuild: bool = False, **options):
        if rebuild:
            started = time.monotonic()
            count = rebuild_all()
            self.stdout.write(
                ngettext(
                    "Rebuilt the tallies of %(count)d inspection in %(seconds).1f s.",
                    "Rebuilt the tallies of %(count)d inspections in %(seconds).1f s.",
                    count,
                )
                % {"count": count, "seconds": time.monotonic() - started}
            )
            return
        found = differences()
        if not found:
            self.stdout.write(_("The tallies equal a full recount."))
            return
        from xuncha.inspections.models import Inspection
        from xuncha.plans.models import Term

        titles = dict(Inspection.objects.filter(pk__in=[d.inspection_id for d in found]).values_list("pk", "title"))
        names = dict(Term.objects.filter(pk__in=[d.term_id for d in found]).values_list("pk", "name"))
        self.stdout.write(
            ngettext(
                "%(count)d inspection or term has tallies that differ from a full recount:",
                "%(count)d inspections or terms have tallies that differ from a full recount:",
                len(found),
            )
            % {"count": len(found)}
        )
        for difference in found:
            if difference.term_id is not None:
                self.stdout.write(
                    _("Term %(id)d (%(name)s):") % {"id": difference.term_id, "name": names.get(difference.term_id, "")}
                )
            else:
                self.stdout.write(
                    _("Inspection %(id)d (%(title)s):")
                    % {"id": difference.inspection_id, "title": titles.get(difference.inspection_id, "")}
                )
            for mismatch in difference.mismatches:
                self.stdout.write(f"  {_describe(mismatch)}")
        self.stdout.write(_("Run `xuncha tally --rebuild` to recount them."))
        raise SystemExit(1)
