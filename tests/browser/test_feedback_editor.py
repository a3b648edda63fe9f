"""The feedback editor in a browser: the office pastes the feedback's text, reviews the tree read
from it and saves it; the team member on the inspection then sees it numbered once and moves a
problem. Screenshots of the editor as the office and the team user."""

from datetime import date

import pytest

from tests.browser.pages import PASSWORD, log_in
from tests.factories import make_inspection, make_term
from xuncha.accounts.models import User
from xuncha.demo.loader import load_demo
from xuncha.demo.world import CITY
from xuncha.findings.models import Problem
from xuncha.orgs.models import Organisation
from xuncha.staffing.domain import assign_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEEDBACK = (
    "市委第一巡察组反馈意见\n"
    "（一）落实党的理论和路线方针政策、党中央重大决策部署方面\n"
    "1．学习贯彻习近平新时代中国特色社会主义思想还有落差\n"
    "（1）学习还不够到位。理论学习中心组学习流于形式，以干代学现象仍然存在。\n"
    "（2）\u00a0贯彻落实不够有力。部分决策部署落实打折扣。\n"
    "2.推动经济高质量发展有短板\n"
    "(3)营商环境优化不够。审批事项办理时限偏长。\n"
    "（二）落实全面从严治党战略部署方面\n"
    "1.主体责任落实仍有差距\n"
    "（4）履行“一岗双责”不够严格。\n"
    "（5）监督检查流于形式。\n"
)


def test_the_office_pastes_reviews_and_saves_the_feedback(live_server, browser, artifacts):
    load_demo(passwords={"office": PASSWORD, "team": PASSWORD}, casework=False)
    city = Organisation.objects.get(code=CITY)
    siming = Organisation.objects.get(code="350203")
    inspection = make_inspection(
        make_term(city), [siming], title="对中共厦门市思明区委员会的常规巡察",
        entry_on=date(2026, 3, 2), exit_on=date(2026, 4, 30), feedback_on=date(2099, 6, 30),
    )
    assign_member(inspection, by=None, person=User.objects.get(username="team").person, role="member")

    page = browser.new_page(locale="zh-CN", viewport={"width": 1440, "height": 1000})
    log_in(page, live_server.url, "office")
    page.goto(f"{live_server.url}/findings/inspection/{inspection.pk}/feedback/")
    page.click("[data-testid=paste-link]")
    page.fill("#id_text", "这是一段没有编号的说明文字。")
    page.click("[data-testid=review]")
    assert "未能识别出反馈意见的层次结构" in page.inner_text("body")
    page.fill("#id_text", FEEDBACK)
    page.click("[data-testid=review]")
    preview = page.inner_text("[data-testid=preview]")
    assert "2个方面3项共5个问题" in preview and "（5）监督检查流于形式" in preview
    assert not Problem.objects.filter(inspection=inspection).exists()  # nothing saved on review
    page.screenshot(path=str(artifacts / "feedback-paste-review-office.png"), full_page=True)
    page.click("[data-testid=confirm]")
    page.wait_for_url(f"**/findings/inspection/{inspection.pk}/feedback/")
    assert "2个方面3项共5个问题" in page.inner_text("[data-testid=counts]")
    tree = page.inner_text("[data-testid=feedback-tree]")
    assert "（一）落实党的理论和路线方针政策" in tree and "（一）（一）" not in tree and "（2）贯彻落实不够有力" in tree
    page.screenshot(path=str(artifacts / "feedback-editor-office.png"), full_page=True)
    page.close()

    page = browser.new_page(locale="zh-CN", viewport={"width": 1440, "height": 1000})
    log_in(page, live_server.url, "team")
    page.goto(f"{live_server.url}/findings/inspection/{inspection.pk}/feedback/")
    first = Problem.objects.get(inspection=inspection, title="学习还不够到位")
    page.click(f"#problem-{first.pk} [data-testid=move-down]")
    page.wait_for_load_state()
    assert "（1）贯彻落实不够有力" in page.inner_text("[data-testid=feedback-tree]")
    page.click(f"[data-testid=add-item-{first.aspect_id}]")
    page.screenshot(path=str(artifacts / "feedback-editor-team.png"), full_page=True)
    assert page.evaluate("() => document.querySelectorAll('script:not([src])').length") == 0
    page.close()
