"""Round trip of seed 004 (湖里区): imported with its casework, generated, parsed back by the
platform's own parser; and the seed's own problem and measure lines found in the generated text."""

import pytest

from tests.reports.seeded import huli
from xuncha.reports.content import build_report
from xuncha.reports.parsing import parse_text
from xuncha.reports.parsing.normalize import normalize_chars

pytestmark = pytest.mark.django_db


def _tree_lines(text: str) -> list[str]:
    """The seed's section 二 after its opening paragraph: aspects, items, problems and measures
    ("整改情况:" alone is left out: it says nothing of its own)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("(一)"))
    end = next(i for i, line in enumerate(lines) if line.startswith("三、"))
    return [line for line in lines[start:end] if line != "整改情况:"]


def _share_found(seed_text: str, generated: str) -> tuple[float, list[str]]:
    """Lines are compared in the parser's normal spelling (bracket and colon widths folded), since
    the generated document writes the full-width forms the seed's web page does not."""
    haystack = {normalize_chars(line) for line in generated.splitlines()}
    lines = [normalize_chars(line) for line in _tree_lines(seed_text)]
    missing = [line for line in lines if line not in haystack]
    return 1 - len(missing) / len(lines), missing


def test_generated_huli_report_parses_back_to_the_seeds_figures():
    seeded = huli()
    content = build_report(seeded.inspection, seeded.organisation, draft=seeded.draft)
    again = parse_text(content.text)
    counted = again.counted
    assert (counted.aspects, counted.items, counted.problems) == (4, 12, 35)
    statuses = [p.status.value if p.status else None for p in again.problems()]
    assert (statuses.count("done"), statuses.count("basically_done"), statuses.count("not_done")) == (30, 4, 1)
    stated = {}
    for entry in again.stated:
        stated.setdefault(entry.key, entry.value)
    assert (stated["problems_done"], stated["problems_basically_done"], stated["problems_not_done"]) == (30, 4, 1)
    assert stated["measures_total"] == 112  # the stated figure, chosen by the office
    assert stated["clues_transferred"] == 6
    assert stated["petitions_received"] == 65
    assert stated["people_handled"] == 21
    assert [p.number for p in again.problems() if p.status and p.status.value == "not_done"] == ["12"]


def test_generated_huli_report_keeps_the_seeds_problem_and_measure_lines():
    seeded = huli(casework=False)
    content = build_report(seeded.inspection, seeded.organisation, draft=seeded.draft)
    share, missing = _share_found(seeded.seed_text, content.text)
    print(f"seed 004 problem and measure lines found verbatim: {share:.1%}; missing: {missing}")
    assert share >= 0.90, missing
    sub_problems = [line for line in content.text.splitlines() if line[:1] in "①②③④"]
    assert len(sub_problems) == 22  # every ①②③ of the seed kept, none flattened into one run
    assert "十一是" not in content.text  # (4)'s eleven steps restart at 一是 under each of ①②③④
