"""Checks: does the report agree with itself?

Two kinds. Stated against counted, where the text lists a level in full (aspects, items,
problems, and statuses when the report gives them). Stated against stated: parts against
their total (done + basically done + not done = problems; dispositions and ranks = people
handled; concluded + in progress = petitions received; a rate against its counts). The
breakdowns of people, petitions and clues are in breakdowns.py.

A figure whose units the text does not list (seed 004's 112 measures exist only as a
number; the "一是/二是" paragraphs are not those measures) is reported as not checkable,
never silently passed. Every mismatch names both sides and the words that state them.
"""

from . import messages as m
from .breakdowns import breakdown_checks, covered_by_breakdowns
from .messages import Listing, Message, listing, message
from .model import Check, CheckStatus, DocumentKind, ParsedReport, ProblemStatus, Stated

_LEVELS = (("aspects_total", "aspects"), ("items_total", "items"), ("problems_total", "problems"))
_STATUS_KEYS = (
    ("problems_done", ProblemStatus.DONE),
    ("problems_basically_done", ProblemStatus.BASICALLY_DONE),
    ("problems_not_done", ProblemStatus.NOT_DONE),
)

OK, MISMATCH, NOT_CHECKABLE = CheckStatus.OK, CheckStatus.MISMATCH, CheckStatus.NOT_CHECKABLE


def run_checks(report: ParsedReport) -> list[Check]:
    checks: list[Check] = []
    checks += _structure(report)
    checks += _levels(report)
    checks += _statuses(report)
    checks += _status_sum(report)
    checks += _completion_rate(report)
    checks += _plan_sizes(report)
    checks += breakdown_checks(report.stated)
    covered = {check.name for check in checks} | covered_by_breakdowns(checks)
    if covered & {"problems_not_done", "problem_status_sum"}:
        covered.add("problems_in_progress")  # counted with the not-done problems
    for key in dict.fromkeys(entry.key for entry in report.stated):
        if key not in covered:
            entries = [entry for entry in report.stated if entry.key == key]
            checks.append(Check(key, NOT_CHECKABLE, message(m.STATED_UNLISTED, stated=_quote(entries))))
    return checks


def _structure(report: ParsedReport) -> list[Check]:
    if not report.aspects:
        return [Check("structure", NOT_CHECKABLE, missing_structure(report))]
    if all(not aspect.number for aspect in report.aspects):
        return [Check("structure", OK, message(m.STRUCTURE_UNNAMED, problems=report.counted.problems))]
    empty = [aspect.number for aspect in report.aspects if not aspect.all_problems()]
    if empty:
        return [Check("structure", MISMATCH, message(m.STRUCTURE_EMPTY_ASPECTS, numbers=", ".join(empty)))]
    return [Check("structure", OK, message(m.STRUCTURE_COUNTS, **report.counted.to_dict()))]


def missing_structure(report: ParsedReport) -> Message:
    """What a report without a feedback tree lacks, and what it gives instead."""
    if report.document is DocumentKind.PROGRESS_REPORT and report.stated:
        return message(m.STRUCTURE_FIGURES_ONLY)
    inspection = report.inspection
    found = []
    if report.issuer:
        found.append(message(m.FOUND_ISSUER, issuer=report.issuer))
    if inspection.body:
        found.append(message(m.FOUND_BODY, body=inspection.body))
    if inspection.targets:
        found.append(message(m.FOUND_TARGETS, targets="、".join(inspection.targets)))
    if inspection.start:
        period = " – ".join(day.isoformat() for day in (inspection.start, inspection.end) if day)
        found.append(message(m.FOUND_PERIOD, period=period))
    if inspection.feedback_on:
        found.append(message(m.FOUND_FEEDBACK, date=inspection.feedback_on.isoformat()))
    if inspection.kinds:
        found.append(message(m.FOUND_KINDS, kinds=listing(Message(m.KIND_NAMES[kind]) for kind in inspection.kinds)))
    if report.stated:
        found.append(message(m.FOUND_FIGURES, count=len(report.stated)))
    return message(
        m.STRUCTURE_MISSING,
        document=Message(m.DOCUMENT_NAMES[report.document.value]),
        found=listing(found) if found else Message(m.FOUND_NOTHING),
    )


def _levels(report: ParsedReport) -> list[Check]:
    checks = []
    counted = report.counted.to_dict()
    if all(not aspect.number for aspect in report.aspects):
        counted["aspects"] = 0  # one unnamed aspect stands in for headings the text lacks
    for key, level in _LEVELS:
        entries = [entry for entry in report.stated if entry.key == key]
        if not entries:
            continue
        values = sorted({entry.value for entry in entries})
        if len(values) > 1:
            checks.append(Check(key, MISMATCH, message(m.STATED_DIFFERENTLY, stated=_quote(entries))))
        elif counted[level] == 0:
            noun = Message(m.LEVEL_NAMES[level])
            checks.append(Check(key, NOT_CHECKABLE, message(m.STATED_NOT_LISTED, stated=_quote(entries), level=noun)))
        elif values[0] == counted[level]:
            checks.append(Check(key, OK, message(m.STATED_COUNTED, stated=_quote(entries), counted=counted[level])))
        else:
            checks.append(
                Check(key, MISMATCH, message(m.STATED_BUT_LISTS, stated=_quote(entries), counted=counted[level]))
            )
    return checks


def _statuses(report: ParsedReport) -> list[Check]:
    problems = report.problems()
    known = [problem for problem in problems if problem.status is not None]
    checks = []
    for key, status in _STATUS_KEYS:
        entries = [entry for entry in report.stated if entry.key == key]
        if status is ProblemStatus.NOT_DONE:
            entries += [entry for entry in report.stated if entry.key == "problems_in_progress"]
        if not entries:
            continue
        stated = sum(_first_per_key(entries))
        if not known:
            checks.append(Check(key, NOT_CHECKABLE, message(m.STATED_NO_STATUS, stated=_quote(entries))))
            continue
        counted = sum(1 for problem in known if problem.status is status)
        names = ", ".join(
            problem.number for problem in known if problem.status is status and status is not ProblemStatus.DONE
        )
        result = OK if counted == stated else MISMATCH
        params = {"stated": _quote(entries), "counted": counted}
        text = (
            message(m.STATED_COUNTED_LISTED, numbers=names, **params) if names else message(m.STATED_COUNTED, **params)
        )
        checks.append(Check(key, result, text))
    return checks


def _status_sum(report: ParsedReport) -> list[Check]:
    parts = {
        key: _first(report.stated, key)
        for key in ("problems_done", "problems_basically_done", "problems_not_done", "problems_in_progress")
    }
    present = {key: entry for key, entry in parts.items() if entry is not None}
    if "problems_done" not in present:
        return []
    position = min((entry.paragraph, entry.offset) for entry in present.values())
    total_entry = _total_before(report.stated, "problems_total", position)
    parts_text = Listing(
        tuple(message(m.PART, value=entry.value, phrase=entry.phrase) for entry in present.values()), " + "
    )
    total = sum(entry.value for entry in present.values())
    if total_entry is not None:
        expected = total_entry.value
        source = message(m.SOURCE_STATED_TOTAL, value=total_entry.value, phrase=total_entry.phrase)
    elif report.counted.problems:
        expected, source = report.counted.problems, message(m.SOURCE_LISTED, count=report.counted.problems)
    else:
        return [Check("problem_status_sum", NOT_CHECKABLE, message(m.STATUS_SUM_NO_TOTAL, parts=parts_text, sum=total))]
    if total == expected:
        return [
            Check("problem_status_sum", OK, message(m.STATUS_SUM_EQUAL, parts=parts_text, sum=total, source=source))
        ]
    if len(present) == 1:
        status = OK if total <= expected else MISMATCH
        return [Check("problem_status_sum", status, message(m.STATUS_SUM_PARTIAL, parts=parts_text, source=source))]
    return [
        Check("problem_status_sum", MISMATCH, message(m.STATUS_SUM_DIFFERS, parts=parts_text, sum=total, source=source))
    ]


def _completion_rate(report: ParsedReport) -> list[Check]:
    rate = _first(report.stated, "completion_rate")
    if rate is None:
        return []
    done = _first(report.stated, "problems_done")
    basically = _first(report.stated, "problems_basically_done")
    total = _total_before(report.stated, "problems_total", (rate.paragraph, rate.offset))
    if done is None or total is None or not total.value:
        return [Check("completion_rate", NOT_CHECKABLE, message(m.RATE_NO_COUNTS, rate=rate.value, phrase=rate.phrase))]
    decimals = len(str(rate.value).split(".")[1]) if isinstance(rate.value, float) else 0
    tolerance = 0.5 * 10**-decimals + 1e-9
    strict = 100 * done.value / total.value
    loose = 100 * (done.value + (basically.value if basically else 0)) / total.value
    if abs(strict - rate.value) <= tolerance:
        return [Check("completion_rate", OK, message(m.RATE_DONE, rate=rate.value, done=done.value, total=total.value))]
    if basically and abs(loose - rate.value) <= tolerance:
        params = {"rate": rate.value, "done": done.value, "basically": basically.value, "total": total.value}
        return [Check("completion_rate", OK, message(m.RATE_LOOSE, **params))]
    params = {"rate": rate.value, "phrase": rate.phrase, "done": done.value, "total": total.value}
    return [Check("completion_rate", MISMATCH, message(m.RATE_DIFFERS, computed=f"{strict:.2f}", **params))]


def _plan_sizes(report: ParsedReport) -> list[Check]:
    checks = []
    for total_key, done_key, noun in (
        ("measures_total", "measures_done", "measures"),
        ("tasks_total", "tasks_done", "tasks"),
    ):
        entries = [entry for entry in report.stated if entry.key == total_key]
        if not entries:
            continue
        values = {entry.value for entry in entries}
        if len(values) > 1:
            checks.append(Check(total_key, MISMATCH, message(m.STATED_DIFFERENTLY, stated=_quote(entries))))
        else:
            listed = report.counted.measures
            params = {"stated": _quote(entries), "noun": Message(m.PLAN_NOUNS[noun])}
            if listed and noun == "measures":
                text = message(m.PLAN_NOT_LISTED_STEPS, steps=listed, **params)
            else:
                text = message(m.PLAN_NOT_LISTED, **params)
            checks.append(Check(total_key, NOT_CHECKABLE, text))
        done = _first(report.stated, done_key)
        if done is not None:
            status = OK if done.value <= entries[0].value else MISMATCH
            text = message(m.PLAN_DONE, done=done.value, total=entries[0].value, phrase=done.phrase)
            checks.append(Check(done_key, status, text))
    return checks


# --- small helpers ----------------------------------------------------------------------------------


def _first(stated: list[Stated], key: str) -> Stated | None:
    return next((entry for entry in stated if entry.key == key), None)


def _first_per_key(entries: list[Stated]) -> list[int | float]:
    seen: dict[str, int | float] = {}
    for entry in entries:
        seen.setdefault(entry.key, entry.value)
    return list(seen.values())


def _total_before(stated: list[Stated], key: str, position: tuple[int, int]) -> Stated | None:
    """The total stated last before `position`, else the first one after it."""
    entries = [entry for entry in stated if entry.key == key]
    before = [entry for entry in entries if (entry.paragraph, entry.offset) <= position]
    return before[-1] if before else (entries[0] if entries else None)


def _quote(entries: list[Stated]) -> Listing:
    """`112 (“整改措施112项”)`, one per statement, in the reader's punctuation."""
    return listing(message(m.QUOTED, value=entry.value, phrase=entry.phrase) for entry in entries)
