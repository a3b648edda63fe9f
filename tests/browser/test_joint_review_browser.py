"""三方联审 in a zh-CN browser, on the demo (issue 18): the office turns on joint review of
sign-offs for 提级巡察 on the term's page; the organisation department returns 市民宗局's plan
with a reason; 梧村街道's liaison asks to sign a measure off; the discipline commission approves
the request from its workbench and the organisation department returns it; each page as each
role sees it is kept as a screenshot (artifacts/joint-review-*.png)."""

import pytest

from tests.browser.pages import PASSWORD, new_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCOUNTS = ("office", "discipline", "orgdept", "liaison")


def test_joint_review_of_plans_and_sign_offs(live_server, browser, artifacts):
    from xuncha.demo.current import CITY_TERM
    from xuncha.demo.loader import load_demo
    from xuncha.plans.models import Term
    from xuncha.rectification.enums import PlanStatus, SignOff
    from xuncha.rectification.models import Measure, Plan

    load_demo(passwords=dict.fromkeys(ACCOUNTS, PASSWORD), casework=False, current=True)
    base = live_server.url
    term = Term.objects.get(name=CITY_TERM, owner__code="350200")
    mzj = Plan.objects.get(organisation__code="350200-MZJ")
    wucun = Plan.objects.get(organisation__code="350203-01", inspection__term=term)
    measure = Measure.objects.get(plan=wucun, updates__text__startswith="绩效考核办法已出台")

    # the office: the term's setting, sign-offs of 提级巡察 under joint review from now on
    office = new_session(browser, base, "office")
    office.goto(f"{base}/plans/{term.pk}/")
    card = office.locator("[data-testid=joint-review-setting]")
    assert "常规巡察" in card.locator("[data-testid=joint-review-plans]").inner_text()
    assert "无，由巡察办单独审批" in card.locator("[data-testid=joint-review-sign-offs]").inner_text()
    card.locator("input[name=joint_review_sign_offs][value=escalated]").check()
    card.locator("[data-testid=save-joint-review]").click()
    office.wait_for_selector("text=三方联审设置已保存")
    assert "提级巡察" in office.locator("[data-testid=joint-review-sign-offs]").inner_text()
    office.locator("[data-testid=joint-review-setting]").screenshot(path=str(artifacts / "joint-review-term.png"))
    office.goto(f"{base}/plans/new/")
    office.screenshot(path=str(artifacts / "joint-review-term-form.png"), full_page=True)
    # 市民宗局's plan: the office waits for the organisation department, it cannot approve yet
    office.goto(f"{base}/rectification/plans/{mzj.pk}/")
    assert office.locator("[data-testid=approve-plan]").count() == 0
    assert "组织部" in office.inner_text("[data-testid=joint-pending]")
    office.screenshot(path=str(artifacts / "joint-review-plan-office.png"), full_page=True)

    # the organisation department returns it, with its reason
    orgdept = new_session(browser, base, "orgdept")
    orgdept.locator(f"a[href$='/rectification/plans/{mzj.pk}/#actions']").first.click()
    orgdept.screenshot(path=str(artifacts / "joint-review-plan-orgdept.png"), full_page=True)
    orgdept.click("[data-testid=joint-return]")  # no reason: the browser asks for one, nothing sent
    assert Plan.objects.get(pk=mzj.pk).status == PlanStatus.SUBMITTED
    orgdept.fill("[data-testid=joint-review] textarea[name=reason]", "宗教活动场所财务监管措施缺少量化目标，请补充。")
    orgdept.click("[data-testid=joint-return]")
    orgdept.wait_for_selector("[data-testid=plan-status] >> text=已退回")
    decisions = orgdept.inner_text("[data-testid=joint-decisions]")
    assert "纪委监委" in decisions and "同意" in decisions and "缺少量化目标" in decisions
    orgdept.screenshot(path=str(artifacts / "joint-review-plan-returned.png"), full_page=True)

    # 梧村街道's liaison: its plan shows both bodies' approvals; a measure goes to sign-off
    liaison = new_session(browser, base, "liaison")
    liaison.goto(f"{base}/rectification/plans/{wucun.pk}/")
    decisions = liaison.inner_text("[data-testid=joint-decisions]")
    assert "纪委监委" in decisions and "组织部" in decisions
    liaison.screenshot(path=str(artifacts / "joint-review-plan-liaison.png"), full_page=True)
    liaison.goto(f"{base}/rectification/measures/{measure.pk}/")
    assert "须经纪委监委、组织部联审" in liaison.inner_text("[data-testid=joint-review]")
    liaison.click("[data-testid=request-sign-off]")
    liaison.wait_for_selector("[data-testid=sign-off] >> text=申请销号")
    liaison.screenshot(path=str(artifacts / "joint-review-measure-liaison.png"), full_page=True)

    # the discipline commission approves it from its workbench
    discipline = new_session(browser, base, "discipline")
    discipline.locator(f"a[href$='/rectification/measures/{measure.pk}/#actions']").first.click()
    discipline.screenshot(path=str(artifacts / "joint-review-measure-discipline.png"), full_page=True)
    discipline.click("[data-testid=joint-approve]")
    discipline.wait_for_selector("[data-testid=joint-decisions] >> text=同意")

    # the office waits for the organisation department, which returns the request
    office.goto(f"{base}/rectification/measures/{measure.pk}/")
    assert office.locator("[data-testid=approve-sign-off]").count() == 0
    orgdept.goto(f"{base}/rectification/measures/{measure.pk}/")
    orgdept.fill("[data-testid=joint-review] textarea[name=reason]", "考核结果兑现材料未附，请补充后重新申请。")
    orgdept.click("[data-testid=joint-return]")
    orgdept.wait_for_selector("[data-testid=measure-status] >> text=正在整改")
    assert Measure.objects.get(pk=measure.pk).sign_off == SignOff.RETURNED
    orgdept.screenshot(path=str(artifacts / "joint-review-measure-orgdept.png"), full_page=True)
    office.reload()
    assert "考核结果兑现材料未附" in office.inner_text("[data-testid=joint-decisions]")
    office.screenshot(path=str(artifacts / "joint-review-measure-office.png"), full_page=True)
    # the liaison is told, with the step and who took it
    liaison.goto(f"{base}/")
    liaison.screenshot(path=str(artifacts / "joint-review-liaison-home.png"), full_page=True)
    for page in (office, orgdept, liaison, discipline):
        page.close()
