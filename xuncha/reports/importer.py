"""Turn a parsed published report into an inspection's feedback tree and historical ledger.

A published report (seeds 001, 004) records problems, the steps taken (一是/二是 …) and which
problems are done, basically done or not done. Importing it gives the office the same ledger
it would have had if the work had been tracked here: the feedback tree, an approved plan of
measures (one per step; a problem described without steps gets one measure from its text),
and measure states matching the report's statuses. The five points a report does not state
(leader, deadline, standard) are left empty and shown as such; the plan is recorded as
imported, not as reviewed. The import is one transaction.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from xuncha import tallies
from xuncha.audit.domain import record_event
from xuncha.findings.domain import add_aspect, add_item, add_problem
from xuncha.rectification.enums import MeasureStatus, PlanStatus, SignOff
from xuncha.rectification.models import Measure, Plan
from xuncha.reports.parsing.model import ParsedReport

_STATE = {
    "done": (MeasureStatus.DONE, SignOff.APPROVED),
    "basically_done": (MeasureStatus.BASICALLY_DONE, SignOff.NONE),
    "not_done": (MeasureStatus.IN_PROGRESS, SignOff.NONE),
    None: (MeasureStatus.IN_PROGRESS, SignOff.NONE),
}


def import_report(parsed: ParsedReport, *, inspection, organisation, by, on: date | None = None) -> Plan:
    on = on or parsed.issued_on or timezone.localdate()
    before_feedback = date(1900, 1, 1)  # the tree is the feedback as it was given, not a correction
    with transaction.atomic(), tallies.deferred():  # the summary tallies are recounted once, at the end
        plan = Plan.objects.create(
            inspection=inspection,
            organisation=organisation,
            status=PlanStatus.APPROVED,
            submitted_on=on,
            approved_on=on,
        )
        number = 0
        for parsed_aspect in parsed.aspects:
            aspect = add_aspect(inspection, by=by, title=parsed_aspect.title, today=before_feedback)
            groups = [(None, parsed_aspect.problems)] + [
                (add_item(aspect, by=by, title=i.title, today=before_feedback), i.problems)
                for i in parsed_aspect.items
            ]
            for item, problems in groups:
                for parsed_problem in problems:
                    problem = add_problem(
                        inspection,
                        by=by,
                        aspect=aspect,
                        item=item,
                        title=parsed_problem.title,
                        text=parsed_problem.text,
                        organisation=organisation,
                        today=before_feedback,
                    )
                    status, sign_off = _STATE[parsed_problem.status.value if parsed_problem.status else None]
                    steps = parsed_problem.measures or [None]
                    for step in steps:
                        number += 1
                        measure = Measure.objects.create(
                            plan=plan,
                            number=number,
                            target=parsed_problem.title,
                            content=step.text if step else parsed_problem.text,
                            lead_unit=organisation,
                            status=status,
                            sign_off=sign_off,
                            signed_off_on=on if sign_off else None,
                        )
                        measure.problems.add(problem)
        tallies.inspection_changed(inspection.pk)  # its plan and measures were created directly
        record_event(
            "reports.report.imported",
            actor=by,
            obj=plan,
            data={"problems": inspection.problems.count(), "measures": number},
        )
        return plan
