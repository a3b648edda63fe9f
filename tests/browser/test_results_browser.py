"""Issue 18's acceptance for the use of results: the city office issues a 巡察重要事项办理抄告单
to a department (市委宣传部); a user of that department finds it on the workbench and answers it
in the platform; the office sees the reply on the register."""

import pytest

from tests.browser.pages import PASSWORD, new_session, pick
from xuncha.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于意识形态阵地管理责任落实不到位问题的巡察重要事项办理抄告单"
REPLY = "收到抄告单后，部务会专题研究，已修订阵地管理办法并完成全面排查。"


def _department_user():
    from xuncha.accounts.domain import create_user, grant_role
    from xuncha.accounts.enums import Role
    from xuncha.orgs.models import Organisation

    department = Organisation.objects.get(code="350200-XCBU")
    user = create_user(by=None, username="xcbu", password=PASSWORD, organisation=department, display_name="谢秋月")
    grant_role(by=None, grantee=user, role=Role.RESPONSIBLE_UNIT, organisation=department, note="test")
    return user


def test_a_notice_is_issued_answered_in_the_platform_and_seen_replied(live_server, browser, artifacts):
    from xuncha.results.models import ResultDocument

    load_demo(passwords={"office": PASSWORD}, casework=False)
    _department_user()
    base = live_server.url

    office = new_session(browser, base, "office")
    office.click("text=成果运用")
    office.click("[data-testid=new-result]")
    office.select_option("#id_kind", "notice")
    office.fill("#id_title", TITLE)
    office.fill("#id_body", "市委巡察组在巡察中发现意识形态阵地管理责任落实不到位的问题，请研究办理并书面反馈。")
    pick(office, "id_recipients", "宣传部")
    office.check("#id_reply_required")
    office.fill("#id_due_on", "2099-12-31")
    office.screenshot(path=str(artifacts / "results-draft-form.png"), full_page=True)
    office.click("[data-testid=save]")
    office.click("[data-testid=issue]")
    office.wait_for_selector("[data-testid=result-status] >> text=已印发")
    document = ResultDocument.objects.get(title=TITLE)
    assert document.number.endswith("1号")
    office.screenshot(path=str(artifacts / "results-issued.png"), full_page=True)

    department = new_session(browser, base, "xcbu")
    todo = department.locator("[data-testid=queue-result\\.reply] [data-testid=todo]")
    assert document.number in todo.first.inner_text()
    department.screenshot(path=str(artifacts / "results-workbench.png"), full_page=True)
    todo.first.click()
    department.fill("#id_reply", REPLY)
    department.screenshot(path=str(artifacts / "results-reply-form.png"), full_page=True)
    department.click("[data-testid=reply]")
    department.wait_for_selector("[data-testid=result-status] >> text=已回复")

    office.goto(f"{base}/results/?reply=replied")
    row = office.locator("[data-testid=result-list] tbody tr", has_text=document.number)
    assert "已回复" in row.inner_text()
    office.screenshot(path=str(artifacts / "results-register.png"), full_page=True)
    row.locator("a").first.click()
    office.wait_for_selector(f"[data-testid=result-reply] >> text={REPLY[:10]}")
    office.screenshot(path=str(artifacts / "results-reply-seen.png"), full_page=True)
