"""The human-readable summary printed by `report parse` without --json.

Its readers are inspection staff comparing the summary with the report in front of them, so
it speaks their language: every label is a msgid of parsing/messages.py, rendered through the
`gettext` the caller passes (the command passes Django's; the default leaves English).
Problem texts are left out; the JSON has them.
"""

from . import messages as m
from .messages import Message, Translate, listing, message
from .model import CheckStatus, ParsedReport, Problem

CHECK_MARKS = {CheckStatus.OK: "✓", CheckStatus.MISMATCH: "✗", CheckStatus.NOT_CHECKABLE: "–"}


def _identity(text: str) -> str:
    return text


def render_summary(report: ParsedReport, gettext: Translate = _identity) -> str:
    def say(msgid: str, **params) -> str:
        return message(msgid, **params).render(gettext)

    not_stated = Message(m.NOT_STATED)
    lines = [
        say(m.SUMMARY_TITLE, value=report.title or not_stated),
        say(m.SUMMARY_ISSUER, value=report.issuer or not_stated),
        say(m.SUMMARY_ISSUED_ON, value=report.issued_on.isoformat() if report.issued_on else not_stated),
        say(m.SUMMARY_DOCUMENT, value=Message(m.DOCUMENT_NAMES[report.document.value])),
    ]
    inspection = report.inspection
    if inspection.body or inspection.start or inspection.feedback_on:
        if inspection.start and inspection.end:
            period = message(m.PERIOD, start=inspection.start.isoformat(), end=inspection.end.isoformat())
        elif inspection.start:
            period = inspection.start.isoformat()
        else:
            period = Message(m.DATES_NOT_STATED)
        feedback = inspection.feedback_on.isoformat() if inspection.feedback_on else not_stated
        lines.append(say(m.SUMMARY_INSPECTION, body=inspection.body or not_stated, period=period, feedback=feedback))
    if inspection.level:
        level = Message(m.LEVEL_NAMES_BODY[inspection.level])
        lines.append(say(m.SUMMARY_LEVEL, level=level, word=inspection.word))
    if inspection.targets:
        lines.append(say(m.SUMMARY_TARGETS, value="、".join(inspection.targets)))
    if inspection.kinds:
        kinds = listing(Message(m.KIND_NAMES[kind]) for kind in inspection.kinds)
        lines.append(say(m.SUMMARY_KINDS, value=kinds))
    if report.plan_issued_on:
        lines.append(say(m.SUMMARY_PLAN_ISSUED, value=report.plan_issued_on.isoformat()))
    lines.append(say(m.SUMMARY_STRUCTURE, **report.counted.to_dict()))
    lines.append("")
    for aspect in report.aspects:
        lines.append(f"({aspect.number}) {aspect.title}" if aspect.number else gettext(m.SUMMARY_NO_ASPECT))
        for problem in aspect.problems:
            lines.append(f"  {_problem_line(problem, gettext)}")
        for item in aspect.items:
            number = f"{item.number}." if item.number.isdigit() else f"({item.number})"
            lines.append(f"  {number} {item.title}")
            for problem in item.problems:
                lines.append(f"    {_problem_line(problem, gettext)}")
    if report.explanations:
        lines += ["", gettext(m.SUMMARY_EXPLANATIONS)]
        for entry in report.explanations:
            lines.append(
                "  "
                + say(
                    m.SUMMARY_EXPLANATION,
                    number=entry.number,
                    reason=_short(entry.reason),
                    next_steps=_short(entry.next_steps),
                    deadline=entry.deadline or not_stated,
                )
            )
    if report.stated:
        lines += ["", gettext(m.SUMMARY_STATED)]
        for entry in report.stated:
            label = Message(m.FIGURE_NAMES[entry.key]) if entry.key in m.FIGURE_NAMES else entry.key
            lines.append(
                "  " + say(m.SUMMARY_STATED_LINE, label=label, value=entry.value, unit=entry.unit, phrase=entry.phrase)
            )
    if report.checks:
        lines += ["", gettext(m.SUMMARY_CHECKS)]
        for check in report.checks:
            name = Message(m.CHECK_NAMES[check.name]) if check.name in m.CHECK_NAMES else check.name
            lines.append(
                "  " + say(m.SUMMARY_CHECK_LINE, mark=CHECK_MARKS[check.status], name=name, detail=check.message)
            )
    return "\n".join(lines) + "\n"


def _problem_line(problem: Problem, gettext: Translate) -> str:
    status = f" [{gettext(m.STATUS_NAMES[problem.status.value])}]" if problem.status else ""
    count = len(problem.measures)
    measures = message(m.SUMMARY_MEASURE_PARAGRAPHS, count=count).render(gettext) if count else ""
    return f"({problem.number}) {problem.title}{status}{measures}"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
