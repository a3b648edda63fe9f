"""Seed 004 entered as data — through its published text — gives its figures from rows."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.factories import dated_inspection
from xuncha.findings.models import Problem
from xuncha.rectification.figures import rectification_figures
from xuncha.rectification.models import Measure
from xuncha.reports.importer import import_report
from xuncha.reports.parsing import parse_file

pytestmark = pytest.mark.django_db
SEED_004 = Path(__file__).parent / "fixtures" / "seed_004_huli_2022.txt"


def test_seed_004_gives_30_4_1_and_85_71_percent(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    import_report(parse_file(SEED_004), inspection=inspection, organisation=tree.district, by=None)
    problems = Problem.objects.filter(inspection=inspection)
    figures = rectification_figures(
        problems, Measure.objects.filter(plan__inspection=inspection), today=date(2022, 2, 22)
    )
    assert (figures.problems, figures.done, figures.basically_done, figures.not_done) == (35, 30, 4, 1)
    assert figures.completion_rate == Decimal("85.71")
    assert figures.rectification_rate == Decimal("97.14")
    assert inspection.aspects.count() == 4 and inspection.aspects.get(position=1).items.count() == 4
    assert problems.get(number="12").title.startswith("老旧小区")
