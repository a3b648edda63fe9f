"""Seed 002's register (回眸2020: "共形成3份要情专报、23份专题报告,发出43份巡察重要事项办理抄告单")
and seed 001's "补充问责17人" in the demo, counted from rows through the same figures the pages
show."""

from datetime import date

import pytest

from tests.demo_world import demo_world  # noqa: F401  (the fixture)
from xuncha.orgs.models import Organisation
from xuncha.results.figures import register_figures
from xuncha.results.models import ResultDocument
from xuncha.results.queries import results_for_user
from xuncha.supervision.accountability import accountability_figures
from xuncha.supervision.demo import INSPECTION
from xuncha.supervision.queries import accountabilities_for_user

pytestmark = pytest.mark.django_db


def test_the_2020_register_holds_the_seed_counts(demo_world):  # noqa: F811
    office = demo_world["office"]
    figures = {f.year: f for f in register_figures(results_for_user(office), today=date.today())}
    year = figures[2020]
    counts = {k.kind: k.count for k in year.by_kind}
    assert (counts["key_report"], counts["topical_report"], counts["notice"]) == (3, 23, 43)
    assert (year.replied, year.overdue) == (42, 1)
    notices = ResultDocument.objects.filter(year=2020, kind="notice")
    assert sorted(notices.values_list("serial", flat=True)) == list(range(1, 44))  # numbered, no gaps
    assert notices.values("title").distinct().count() == 43  # varied titles
    assert {n.split("〔")[0] for n in notices.values_list("number", flat=True)} == {"巡抄"}


def test_the_inspected_side_sees_no_topical_report(demo_world):  # noqa: F811
    for username in ("liaison", "unit"):
        seen = results_for_user(demo_world[username])
        assert not seen.filter(kind="topical_report").exists(), username


def test_seventeen_people_held_accountable_under_siming(demo_world):  # noqa: F811
    rows = accountabilities_for_user(demo_world["office"]).filter(inspection__title=INSPECTION)
    figures = accountability_figures(rows)
    assert figures.total == 17
    assert sum(f.count for f in figures.by_form) == 17
    siming = Organisation.objects.get(code="350203")
    assert all(path.startswith(siming.path) for path in rows.values_list("person__organisation__path", flat=True))
    assert not accountabilities_for_user(demo_world["liaison"]).exists()
