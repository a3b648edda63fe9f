"""A responsible unit posts progress with a file and requests sign-off; the office returns it,
then approves it, and the problem turns green on the board."""

import pytest

from tests.browser.pages import PASSWORD, new_session
from xuncha.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _board_status(page, base, inspection_pk, number):
    page.goto(f"{base}/rectification/inspection/{inspection_pk}/board/")
    row = page.locator("[data-testid=board-problem]", has_text=f"（{number}）")
    return row.first.get_attribute("data-status")


def test_progress_sign_off_return_approve_and_board(live_server, browser, artifacts, tmp_path):
    from xuncha.inspections.models import Inspection
    from xuncha.rectification.models import Measure

    load_demo(passwords={"unit": PASSWORD, "office_province": PASSWORD}, casework=False)
    inspection = Inspection.objects.get(title="省委巡视九组对思明区委的巡视")
    measure = Measure.objects.get(units__code="350203-01-01")
    base = live_server.url
    evidence = tmp_path / "整改台账.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence of the community's work\n")

    unit = new_session(browser, base, "unit")
    unit.click("text=我的任务")
    unit.click(f"a[href='/rectification/measures/{measure.pk}/']")
    unit.fill("#id_text", "社区问题台账已全部销号，满意度调查达92%。")
    unit.select_option("#id_status", "done")
    unit.set_input_files("#id_evidence", str(evidence))
    unit.click("[data-testid=post-progress]")
    unit.wait_for_selector("text=整改台账.pdf")
    unit.click("[data-testid=request-sign-off]")
    unit.wait_for_selector("[data-testid=sign-off] >> text=申请销号")

    office = new_session(browser, base, "office_province")
    assert _board_status(office, base, inspection.pk, 3) == "done"  # the unit's 已完成 reads 已完成
    office.goto(f"{base}/rectification/measures/{measure.pk}/")
    office.fill("textarea[name=reason]", "满意度调查材料未附原始问卷")
    office.click("[data-testid=return-sign-off]")
    office.wait_for_selector("[data-testid=measure-status] >> text=正在整改")
    assert _board_status(office, base, inspection.pk, 3) == "not_done"

    unit.reload()
    unit.fill("#id_text", "补充原始问卷扫描件。")
    unit.select_option("#id_status", "done")
    unit.set_input_files("#id_evidence", str(evidence))
    unit.click("[data-testid=post-progress]")
    unit.wait_for_selector("[data-testid=request-sign-off]")
    unit.click("[data-testid=request-sign-off]")
    unit.wait_for_selector("[data-testid=sign-off] >> text=申请销号")

    office.goto(f"{base}/rectification/measures/{measure.pk}/")
    office.click("[data-testid=approve-sign-off]")
    office.wait_for_selector("[data-testid=sign-off] >> text=已销号")
    assert _board_status(office, base, inspection.pk, 3) == "done"
    office.screenshot(path=str(artifacts / "board.png"), full_page=False)
