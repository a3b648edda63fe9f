"""Breakdowns checked against the total they belong to: people, petitions, clues.

A part belongs to the total stated before it in the same paragraph, up to the next total
of that kind: seed 004's paragraph on clues states "对21名…作出处理,涉及处级干部10人,科级干部
5人,国企中层及以上干部6人" and then "对5名…作出处理,其中科级干部2人,国企中层及以上干部3人",
two totals with their own ranks. A partial list ("涉及处级干部10人,科级干部5人" for 21
people) is consistent when another statement of the same total lists them in full.
"""

from collections.abc import Iterable

from . import messages as m
from .messages import Message, message
from .model import Check, CheckStatus, Stated

RANK_KEYS = (
    "people_bureau_level",
    "people_division_level",
    "people_section_level",
    "people_soe_middle",
    "people_other_rank",
)
DISPOSITION_KEYS = (
    "people_case_filed",
    "people_talk_reminder",
    "people_criticism",
    "people_criticism_help",
    "people_ordered_review",
    "people_admonished",
    "people_sanctioned",
    "people_org_handling",
    "people_referred",
)
# The inspection's people handled, and those handled from its petitions (seed 004: 21 and 5).
PEOPLE_TOTALS = ("people_handled", "petitions_people")
OK, MISMATCH, NOT_CHECKABLE = CheckStatus.OK, CheckStatus.MISMATCH, CheckStatus.NOT_CHECKABLE


def breakdown_checks(stated: list[Stated]) -> list[Check]:
    return _people(stated) + _petitions(stated) + _clues(stated)


def _groups(
    stated: list[Stated], total_key: str | tuple[str, ...], part_keys: Iterable[str]
) -> list[tuple[Stated, list[Stated]]]:
    """Each total with the parts that follow it in its paragraph, up to the next total."""
    part_keys = set(part_keys)
    total_keys = {total_key} if isinstance(total_key, str) else set(total_key)
    groups: list[tuple[Stated, list[Stated]]] = []
    for entry in sorted(stated, key=lambda e: (e.paragraph, e.offset)):
        if entry.key in total_keys:
            groups.append((entry, []))
        elif entry.key in part_keys and groups and groups[-1][0].paragraph == entry.paragraph:
            groups[-1][1].append(entry)
    return groups


def _people(stated: list[Stated]) -> list[Check]:
    checks = []
    for name, keys, noun in (
        ("people_by_disposition", DISPOSITION_KEYS, "dispositions"),
        ("people_by_rank", RANK_KEYS, "ranks"),
    ):
        groups = [(total, parts) for total, parts in _groups(stated, PEOPLE_TOTALS, keys) if parts]
        complete = [(total, parts) for total, parts in groups if sum(p.value for p in parts) == total.value]
        for total, parts in groups:
            listed = " + ".join(f"{p.phrase}" for p in parts)
            subtotal = sum(p.value for p in parts)
            head = {"total": total.value, "phrase": total.phrase, "parts": listed}
            more = message(m.PEOPLE_MORE, noun=Message(m.PEOPLE_NOUNS[noun]), sum=subtotal, **head)
            if subtotal == total.value and len(parts) > 1:
                checks.append(Check(name, OK, message(m.PEOPLE_EQUAL, **head)))
            elif subtotal > total.value:
                checks.append(Check(name, MISMATCH, more))
            elif len(parts) == 1:
                continue  # one named part of a larger total ("已给予党纪政务处分1人") contradicts nothing
            else:
                fuller = _fuller(total, parts, complete)
                if fuller is not None:
                    checks.append(
                        Check(name, OK, message(m.PEOPLE_PARTIAL, sum=subtotal, full=fuller[0].phrase, **head))
                    )
                else:
                    checks.append(Check(name, MISMATCH, more))
    return checks


def _fuller(
    total: Stated, parts: list[Stated], complete: list[tuple[Stated, list[Stated]]]
) -> tuple[Stated, list[Stated]] | None:
    """A complete breakdown of an equal total that contains every part of this partial one."""
    for other_total, other_parts in complete:
        if other_total is total or other_total.value != total.value:
            continue
        values = {p.key: p.value for p in other_parts}
        if all(values.get(p.key) == p.value for p in parts):
            return other_total, other_parts
    return None


def _petitions(stated: list[Stated]) -> list[Check]:
    checks = []
    for total, parts in _groups(
        stated, "petitions_received", ("petitions_concluded", "petitions_in_progress", "petitions_to_case")
    ):
        checks += _to_case(total, [p for p in parts if p.key == "petitions_to_case"])
        concluded = next((p for p in parts if p.key == "petitions_concluded"), None)
        pending = next((p for p in parts if p.key == "petitions_in_progress"), None)
        if concluded is None:
            continue
        head = {"total": total.value, "phrase": total.phrase, "concluded": concluded.value}
        if pending is not None:
            subtotal = concluded.value + pending.value
            status = OK if subtotal == total.value else MISMATCH
            checks.append(
                Check("petitions", status, message(m.PETITIONS_SUM, pending=pending.value, sum=subtotal, **head))
            )
        elif concluded.value == total.value:
            checks.append(Check("petitions", OK, message(m.PETITIONS_ALL, **head)))
        elif concluded.value > total.value:
            checks.append(Check("petitions", MISMATCH, message(m.PETITIONS_MORE, **head)))
        else:
            checks.append(Check("petitions", NOT_CHECKABLE, message(m.PETITIONS_REST, **head)))
    return checks


def _clues(stated: list[Stated]) -> list[Check]:
    checks = []
    for total, parts in _groups(stated, "clues_transferred", ("clues_concluded", "clues_to_case")):
        checks += _to_case(total, [p for p in parts if p.key == "clues_to_case"])
        for part in (p for p in parts if p.key == "clues_concluded"):
            status = OK if part.value <= total.value else MISMATCH
            text = message(
                m.CLUES_CONCLUDED, concluded=part.value, total=total.value, phrase=total.phrase, part=part.phrase
            )
            checks.append(Check("clues", status, text))
    return checks


def _to_case(total: Stated, parts: list[Stated]) -> list[Check]:
    """Cases opened from clues or petitions (checks named by their key): never more than were handed over."""
    return [
        Check(
            part.key,
            OK if part.value <= total.value else MISMATCH,
            message(m.TO_CASE_OF, part=part.value, total=total.value, phrase=total.phrase, part_phrase=part.phrase),
        )
        for part in parts
    ]


def covered_by_breakdowns(checks: list[Check]) -> set[str]:
    names = {check.name for check in checks}
    covered: set[str] = set()
    if names & {"people_by_disposition", "people_by_rank"}:
        covered |= {*PEOPLE_TOTALS, *RANK_KEYS, *DISPOSITION_KEYS}
    if "petitions" in names:
        covered |= {"petitions_received", "petitions_concluded", "petitions_in_progress", "petitions_to_case"}
    if "clues" in names:
        covered |= {"clues_transferred", "clues_concluded", "clues_to_case"}
    return covered
