"""Turn a parsed published report into an inspection's feedback tree and historical ledger.

A published report (seeds 001, 004) records problems, the steps taken (一是/二是 …) and which
problems are done, basically done or not done. Importing it gives the office the same ledger
it would have had if the work had been tracked here: the feedback tree, an approved plan of
measures (one per step; a problem described without steps gets one measure from its text),
and measure states matching the report's statuses. The five points a report does not state
(leader, deadline, standard) are left empty and shown as such; the plan is recorded as
imported, not as reviewed. The import is one transaction.

What the report says and the rows do not hold is kept beside them:

* a problem whose status the report does not state (seed 001's 48 progress paragraphs) gets
  measures "not stated": left out of the rates, never counted as not done;
* each figure the report states (整改措施112项, 212条整改措施, 123项工作制度, 21个专题…) becomes a
  `StatedFigure`, one per key, from the key's first statement in the document: the opening
  states the totals, later sections break them down. Generic over the parser's keys, so a key
  the parser learns is kept without a change here;
* section 四's reason, next steps and completion date of each unfinished problem become its
  `ProblemExplanation`;
* the plan is dated from the day the report says it was issued (seed 004: 7月3日), not from
  the report's own date; a report that does not say leaves the plan undated, and an undated
  filed plan is never called late.
"""

import calendar
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from xuncha import tallies
from xuncha.audit.domain import record_event
from xuncha.findings.domain import add_aspect, add_item, add_problem
from xuncha.rectification.enums import MeasureStatus, PlanStatus, SignOff
from xuncha.rectification.models import Measure, Plan
from xuncha.reports.models import ProblemExplanation, StatedFigure
from xuncha.reports.parsing.model import Explanation, ParsedReport, Stated

_STATE = {
    "done": (MeasureStatus.DONE, SignOff.APPROVED),
    "basically_done": (MeasureStatus.BASICALLY_DONE, SignOff.NONE),
    "not_done": (MeasureStatus.IN_PROGRESS, SignOff.NONE),
    None: (MeasureStatus.NOT_STATED, SignOff.NONE),  # the report does not say: never "not done"
}


def import_report(
    parsed: ParsedReport,
    *,
    inspection,
    organisation,
    by,
    on: date | None = None,
    plan_on: date | None = None,
) -> Plan:
    """`on`: the report's date (sign-offs of done problems are dated from it); `plan_on`: the
    day the plan was issued, by default as the report states it (`parsed.plan_issued_on`)."""
    on = on or parsed.issued_on or timezone.localdate()
    plan_on = plan_on or parsed.plan_issued_on  # None: the report does not say when
    before_feedback = date(1900, 1, 1)  # the tree is the feedback as it was given, not a correction
    with transaction.atomic(), tallies.deferred():  # the summary tallies are recounted once, at the end
        plan = Plan.objects.create(
            inspection=inspection,
            organisation=organisation,
            status=PlanStatus.APPROVED,
            submitted_on=plan_on,
            approved_on=plan_on,
        )
        by_number = {}  # the report's problem number: the problem made of it
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
                    by_number.setdefault(parsed_problem.number, problem)
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
        stated = record_stated_figures(parsed.stated, inspection=inspection, organisation=organisation)
        explained, unmatched = record_explanations(parsed.explanations, problems=by_number, by=by)
        record_event(
            "reports.report.imported",
            actor=by,
            obj=plan,
            data={
                "problems": inspection.problems.count(),
                "measures": number,
                "plan_issued_on": plan_on.isoformat() if plan_on else None,
                "stated": sorted(stated),
                "explanations": explained,
                "explanations_unmatched": unmatched,
            },
        )
        return plan


def first_statements(stated: list[Stated]) -> dict[str, Stated]:
    """{key: its first statement in the document}: a key stated again later (seed 004's
    people_handled 21, then 5 for the petitions) keeps the first, the opening's total."""
    first: dict[str, Stated] = {}
    for entry in sorted(stated, key=lambda s: (s.paragraph, s.offset)):
        first.setdefault(entry.key, entry)
    return first


def record_stated_figures(stated: list[Stated], *, inspection, organisation) -> dict[str, Decimal]:
    """One `StatedFigure` per key the report states (its first statement), beside the counted
    figures; a figure the office entered itself is left as it is. Returns {key: value}."""
    kept = {}
    office = set(
        StatedFigure.objects.filter(
            inspection=inspection, organisation=organisation, source=StatedFigure.Source.OFFICE
        ).values_list("key", flat=True)
    )
    for key, entry in first_statements(stated).items():
        if key in office:
            continue
        value = Decimal(str(entry.value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        figure = StatedFigure.objects.filter(inspection=inspection, organisation=organisation, key=key).first()
        figure = figure or StatedFigure(inspection=inspection, organisation=organisation, key=key)
        figure.value, figure.phrase, figure.source = value, entry.phrase, StatedFigure.Source.IMPORT
        figure.full_clean()
        figure.save()
        kept[key] = value
    return kept


_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|底)")


def completion_date(text: str) -> date | None:
    """The latest full date a completion wording names ("2022年12月31日前并长期坚持",
    "(1)2021年12月31日…(2)2022年12月31日…(3)长期坚持"; "6月底" is the month's last day): the day
    by which every part is due. None when it names none ("长期坚持")."""
    found = []
    for year, month, day in _FULL_DATE.findall(text):
        y, m = int(year), int(month)
        if not 1 <= m <= 12:
            continue
        d = int(day) if day else calendar.monthrange(y, m)[1]
        try:
            found.append(date(y, m, d))
        except ValueError:
            continue
    return max(found, default=None)


def record_explanations(explanations: list[Explanation], *, problems: dict, by) -> tuple[int, list[str]]:
    """Section 四 ("未完成和基本完成事项的说明"): each entry becomes its problem's explanation,
    the completion date kept as worded (`complete_by_text`, what the report prints) and as a
    date where the wording names one. Returns how many were stored and the numbers that match
    no imported problem."""
    stored, unmatched = 0, []
    for entry in explanations:
        problem = problems.get(entry.number)
        if problem is None:
            unmatched.append(entry.number)
            continue
        wording = entry.deadline.strip()
        explanation = ProblemExplanation.objects.filter(problem=problem).first() or ProblemExplanation(problem=problem)
        explanation.reason, explanation.next_steps = entry.reason.strip(), entry.next_steps.strip()
        explanation.complete_by, explanation.complete_by_text = completion_date(wording), wording[:500]
        explanation.updated_by = by if getattr(by, "pk", None) else None
        explanation.full_clean()
        explanation.save()
        stored += 1
    return stored, unmatched
