"""The Excel ledger, the ledger page and the board say a status with the same word: the enum's
label (xuncha/vocabulary.py). A tester found "正在整改" on screen and "正在推进" in Excel."""

from datetime import date

import pytest
from django.utils import translation

from tests.factories import complete_measure_fields
from tests.ledger.conftest import data_rows
from xuncha.rectification import domain
from xuncha.rectification.enums import MeasureStatus, ProblemStatus, SignOff
from xuncha.vocabulary import chinese

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(case):
    """Measure 1 done and signed off, measure 2 (ongoing) reported at its stage and awaiting
    sign-off, 湖里区's measure in progress, one new measure on each side not started."""
    for plan, problem, unit in [
        (case.plan, case.problems[2], case.measures[0].lead_unit),
        (case.other_plan, case.problems[4], case.other_measure.lead_unit),
    ]:
        domain.add_measure(plan, by=None, problems=[problem], **complete_measure_fields(unit))
    domain.submit_plan(case.plan, by=None, on=date(2021, 8, 1))
    domain.approve_plan(case.plan, by=None)
    domain.submit_plan(case.other_plan, by=None, on=date(2021, 8, 1))
    domain.approve_plan(case.other_plan, by=None)
    first, ongoing = case.measures
    domain.post_progress(first, by=None, text="已召开专题会议", status="done")
    domain.request_sign_off(first, by=None)
    domain.approve_sign_off(first, by=None, on=date(2025, 3, 1))
    domain.post_progress(ongoing, by=None, text="本季度已检查", status="ongoing")
    domain.request_sign_off(ongoing, by=None)
    domain.post_progress(case.other_measure, by=None, text="正在制定制度", status="in_progress")
    return case


def _export(client, case, language):
    client.force_login(case.office)
    client.cookies["django_language"] = language
    response = client.get(f"/ledger/inspection/{case.inspection.pk}/export.xlsx")
    assert response.status_code == 200
    return data_rows(b"".join(response.streaming_content))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_ledger_export_writes_the_enum_labels_in_chinese_whatever_the_language(client, worked, language):
    rows = [r for r in _export(client, worked, language) if r["完成情况"]]
    words = sorted((r["完成情况"], r["销号情况"].split("（")[0]) for r in rows)
    assert words == sorted(
        [
            (chinese(MeasureStatus.DONE.label), chinese(SignOff.APPROVED.label)),
            (chinese(MeasureStatus.ONGOING.label), chinese(SignOff.REQUESTED.label)),
            (chinese(MeasureStatus.IN_PROGRESS.label), ""),
            (chinese(MeasureStatus.NOT_STARTED.label), ""),
            (chinese(MeasureStatus.NOT_STARTED.label), ""),
        ]
    )
    assert (chinese(MeasureStatus.IN_PROGRESS.label), chinese(SignOff.REQUESTED.label)) == ("正在整改", "已申请销号")


def test_ledger_page_shows_the_same_words_as_the_export(client, worked):
    rows = _export(client, worked, "zh-hans")
    page = client.get(f"/ledger/?inspection={worked.inspection.pk}").content.decode()
    for row in rows:
        if row["完成情况"]:
            assert row["完成情况"] in page
    assert "正在推进" not in page and "未开始" not in page


def test_board_offers_the_problem_status_labels_and_colours_by_them(client, worked):
    client.force_login(worked.office)
    with translation.override("zh-hans"):
        labels = [str(s.label) for s in ProblemStatus]
    client.cookies["django_language"] = "zh-hans"
    page = client.get(f"/rectification/inspection/{worked.inspection.pk}/board/").content.decode()
    for label in labels:
        assert f">{label}</option>" in page
    # (1) by measure 1 (signed off): done; (2) by measures 1 and 2 (ongoing, awaiting
    # sign-off): basically done; (3), (5) not started and (4) in progress: not done
    marks = [line.split('data-status="')[1].split('"')[0] for line in page.splitlines() if "data-status=" in line]
    assert marks == ["done", "basically_done", "not_done", "not_done", "not_done"]
    assert "正在推进" not in page
