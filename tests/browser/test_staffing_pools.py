"""The district office staffs 中华街道's team from its pool: the platform proposes the members
with its reasons, the office ticks three, two are assigned and 蔡志明, who worked in 中华街道
until last year, is refused for recusal (回避) with the reason; the team page shows the two."""

import pytest

from tests.browser.pages import log_in
from xuncha.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Demo-pass-2025"


def test_staff_a_team_from_the_pool_with_one_refused_for_recusal(live_server, browser, artifacts):
    from xuncha.inspections.models import Inspection
    from xuncha.staffing.models import TeamMember

    load_demo(passwords={"office_siming": PASSWORD}, casework=False, current=True)
    inspection = Inspection.objects.get(title="对中华街道党工委的常规巡察")
    page = browser.new_page(locale="zh-CN")
    log_in(page, live_server.url, "office_siming")

    page.goto(f"{live_server.url}/inspections/{inspection.pk}/")
    page.click("[data-testid=staff-from-pools]")
    page.select_option("#id_role", "member")
    page.check("input[name=specialties][value=财务]")
    page.click("[data-testid=proposal-filters] button")
    rows = page.locator("[data-testid=proposals] tbody tr")
    names = [rows.nth(i).get_attribute("data-person") for i in range(rows.count())]
    # the two with 财务 who may serve come first; the one who must recuse himself is last, with why
    assert names[0] == "许文杰" and names[-1] == "蔡志明"
    refusal = page.inner_text("tr[data-person=蔡志明] [data-testid=refusal]")
    assert "回避" in refusal and "中华街道" in refusal
    page.screenshot(path=str(artifacts / "staffing-proposals.png"), full_page=True)

    for name in ("许文杰", "曾晓玲", "蔡志明"):
        page.check(f"tr[data-person={name}] input[name=person]")
    page.click("[data-testid=assign-selected]")
    page.wait_for_selector("text=许文杰 已配备为组员")
    alerts = page.inner_text("body")
    assert "曾晓玲 已配备为组员" in alerts and "应当回避" in alerts and "蔡志明" in alerts
    page.screenshot(path=str(artifacts / "staffing-refused.png"), full_page=True)
    assigned = set(TeamMember.objects.active().filter(inspection=inspection).values_list("person__name", flat=True))
    assert {"许文杰", "曾晓玲"} <= assigned and "蔡志明" not in assigned

    page.goto(f"{live_server.url}/inspections/{inspection.pk}/")
    team = page.inner_text("[data-testid=team]")
    assert "许文杰" in team and "曾晓玲" in team and "蔡志明" not in team
