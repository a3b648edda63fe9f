"""The acceptance test of 回头看 (issue 17): the office starts a follow-up inspection from the
earlier inspection's page by clicking, re-checks three earlier problems with three different
verdicts (整改到位, 整改不到位, 反弹), and sees the rebound counted on the page and in the
earlier inspection's rectification figures, and the evaluation of the organisation's
rectification (a scheme deducting 5 points per rebound) lose 5 points with the rebound listed."""

import secrets

import pytest

from tests.browser.pages import PASSWORD, log_in
from tests.factories import UserFactory, approved_plan
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world(tree):
    """思明区's earlier inspection with three problems, (1) and (2) signed off, (3) still at
    work; the city's office with an authenticator (two-factor login)."""
    from xuncha.accounts.twofactor.domain import enrol_without_code
    from xuncha.rectification import domain

    inspection, _plan, measures = approved_plan(tree, 3)
    for measure in measures[:2]:
        domain.post_progress(measure, by=None, text="已完成", status="done")
        domain.request_sign_off(measure, by=None)
        domain.approve_sign_off(measure, by=None)
    office = UserFactory(username="office", password=PASSWORD, organisation=tree.city, display_name="林晓峰")
    grant_role(by=None, grantee=office, role=Role.OFFICE, organisation=tree.city)
    enrol_without_code(office, secret=secrets.token_hex(20))
    return inspection, _evaluation(inspection, measures[0].plan.organisation)


def _evaluation(inspection, organisation):
    """The office's evaluation of the organisation's rectification after `inspection`: 20
    points for 反弹回潮, 5 deducted per rebound, and 80 scored by hand."""
    from decimal import Decimal

    from xuncha.evaluation import domain

    scheme = domain.create_scheme(by=None, owner=inspection.term.owner, title="整改成效评估（测试）")
    plate = domain.add_plate(scheme, by=None, name="整改成效", max_points=Decimal(100))
    domain.add_item(plate, by=None, text="反弹回潮", max_points=Decimal(20), method="computed",
                    metric="rebounds", rule="deduct", per_unit=Decimal(5))
    domain.add_item(plate, by=None, text="整改工作总体情况", max_points=Decimal(80))
    return domain.start_evaluation(by=None, scheme=scheme, organisation=organisation, term=inspection.term,
                                   inspection=inspection)


def _evaluation_total(page, base, evaluation) -> str:
    page.goto(f"{base}/evaluation/{evaluation.pk}/")
    return page.inner_text("[data-testid=total]").split("/")[0].strip()


def _verdict(page, title, verdict, note):
    row = page.locator("[data-testid=recheck]", has_text=title)
    row.locator(f"input[name=verdict][value={verdict}]").check()
    row.locator("textarea[name=note]").fill(note)
    row.locator("[data-testid=record-verdict]").click()
    page.wait_for_selector(f"[data-testid=recheck][data-verdict={verdict}] >> text={title}")


def test_follow_up_by_clicking(live_server, browser, artifacts, tree):
    from xuncha.followup.models import ReCheck
    from xuncha.rectification.models import Rebound

    earlier, evaluation = _world(tree)
    base = live_server.url
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page.set_default_timeout(10_000)
    try:
        log_in(page, base, "office")
        assert _evaluation_total(page, base, evaluation) == "20.00"  # no rebound yet; the hand score not given
        assert page.locator("[data-testid=deductions]").count() == 0
        page.goto(f"{base}/")
        page.locator("[data-testid=sidebar]").get_by_role("link", name="巡察", exact=True).click()
        page.get_by_role("link", name=earlier.title).first.click()
        page.click("[data-testid=start-follow-up]")
        page.wait_for_selector("[data-testid=follow-up-intro]")
        page.screenshot(path=str(artifacts / "follow-up-create.png"), full_page=True)
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=rechecks]")
        assert page.inner_text("[data-testid=count-pending]") == "3"
        assert page.inner_text("[data-testid=earlier-rebounds]") == "0"

        _verdict(page, "问题1", "rectified", "实地查看，审批时限已压缩，台账齐全。")
        _verdict(page, "问题3", "not_rectified", "整改措施未落实，仍有企业反映。")
        _verdict(page, "问题2", "rebound", "销号后问题再次出现。")

        assert page.inner_text("[data-testid=count-pending]") == "0"
        assert page.inner_text("[data-testid=count-rectified]") == "1"
        assert page.inner_text("[data-testid=count-not-rectified]") == "1"
        assert page.inner_text("[data-testid=count-rebound]") == "1"
        assert page.inner_text("[data-testid=earlier-rebounds]") == "1"
        assert page.locator("[data-testid=new-problem]").count() == 2
        page.screenshot(path=str(artifacts / "follow-up-rechecks.png"), full_page=True)

        # the rows behind the page
        assert Rebound.objects.filter(problem__inspection=earlier).count() == 1
        assert ReCheck.objects.get(problem__title="问题2").rebound is not None

        # the earlier inspection shows its follow-up; the follow-up's feedback has the two new problems
        page.click("[data-testid=follows-up] a")
        page.wait_for_selector("[data-testid=follow-up]")
        page.screenshot(path=str(artifacts / "follow-up-earlier.png"), full_page=True)
        page.locator("[data-testid=follow-up] a").first.click()
        page.wait_for_selector("[data-testid=open-rechecks]")
        page.screenshot(path=str(artifacts / "follow-up-detail.png"), full_page=True)
        page.click("[data-testid=open-feedback]")
        page.wait_for_selector("text=【反弹回潮】问题2")
        page.wait_for_selector("text=【整改不到位】问题3")

        # the evaluation of the organisation's rectification: 5 points off, the rebound listed
        assert _evaluation_total(page, base, evaluation) == "15.00"
        deductions = page.locator("[data-testid=deductions] li")
        assert deductions.count() == 1 and "问题2" in deductions.inner_text()
        page.screenshot(path=str(artifacts / "follow-up-evaluation.png"), full_page=True)
    except Exception:
        page.screenshot(path=str(artifacts / "follow-up-failed.png"), full_page=True)
        raise
    finally:
        page.close()
