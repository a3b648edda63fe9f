"""The acceptance test of meetings (issue 18): the office records a feedback meeting from the
inspection's page, with the leaders attending, a decision and a follow-up item sent to the
inspected organisation's liaison; the item appears on the owner's workbench; after its deadline
the daily warning run (for a later date) escalates it: the owner's workbench shows it among the
warnings and the owner and the office were notified."""

import secrets
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.pages import PASSWORD, log_in, pick
from tests.factories import PersonFactory, UserFactory, dated_inspection
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world(tree):
    """思明区's inspection whose feedback the 书记专题会 decided a few days ago (after the leading
    group heard it); the city's office (two-factor login), 思明区's liaison and three leaders."""
    from xuncha.accounts.twofactor.domain import enrol_without_code
    from xuncha.meetings import domain
    from xuncha.meetings.enums import MeetingKind

    today = timezone.localdate()
    inspection = dated_inspection(
        tree, title="对思明区委的常规巡察", entry_on=today - timedelta(days=90), exit_on=today - timedelta(days=40)
    )
    office = UserFactory(username="office", password=PASSWORD, organisation=tree.city, display_name="林晓峰")
    grant_role(by=None, grantee=office, role=Role.OFFICE, organisation=tree.city)
    enrol_without_code(office, secret=secrets.token_hex(20))
    liaison = UserFactory(username="liaison", password=PASSWORD, organisation=tree.district, display_name="吴丽华")
    grant_role(by=None, grantee=liaison, role=Role.LIAISON, organisation=tree.district)
    for name, post in [("许文涛", "副市长"), ("黄永明", "市人大常委会副主任"), ("高志远", "市委常委、组织部部长")]:
        PersonFactory(name=name, organisation=tree.city, position=post)
    term = inspection.term
    group = domain.record_meeting(
        term,
        by=office,
        kind=MeetingKind.LEADING_GROUP,
        title="市委巡察工作领导小组第5次会议",
        held_on=today - timedelta(days=12),
    )
    domain.add_agenda_item(
        group,
        by=office,
        title="听取市委第一巡察组汇报",
        inspection=inspection,
        decision="同意提请市委书记专题会议审议。",
    )
    special = domain.record_meeting(
        term, by=office, kind=MeetingKind.SECRETARY, title="市委书记专题会议", held_on=today - timedelta(days=5)
    )
    domain.add_agenda_item(
        special,
        by=office,
        title="审议巡察情况报告",
        inspection=inspection,
        decision="原则同意，向思明区委反馈巡察意见。",
        decides_feedback=True,
    )
    return inspection, office, liaison


def test_feedback_meeting_follow_up_on_the_owners_workbench_and_escalated(live_server, browser, artifacts, tree):
    from xuncha.meetings.models import FollowUpItem
    from xuncha.supervision.models import Notification
    from xuncha.supervision.tasks import run_warnings

    inspection, _office, liaison = _world(tree)
    today = timezone.localdate()
    base = live_server.url
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page.set_default_timeout(10_000)
    owner_page = None
    try:
        log_in(page, base, "office")
        page.goto(f"{base}/inspections/{inspection.pk}/")
        assert "市委书记专题会议" in page.inner_text("[data-testid=feedback-decided-by]")
        page.locator("[data-testid=meetings-card]").get_by_role("link", name="记录会议").click()
        page.fill("#id_title", "市委第一巡察组对思明区委巡察情况反馈会议")
        page.fill("#id_held_on", today.isoformat())
        page.fill("#id_place", "思明区委常委会议室")
        for name in ("许文涛", "黄永明", "高志远"):
            pick(page, "id_attendees", name)
        for name in ("许文涛", "黄永明"):
            pick(page, "id_leaders", name)
        page.fill("#id_leader_role", "市级分管领导")
        page.screenshot(path=str(artifacts / "meeting-create.png"), full_page=True)
        page.click("form.card button[type=submit]")
        page.wait_for_selector("[data-testid=meeting-title]")
        assert page.locator("[data-testid=leader]").count() == 2
        assert page.inner_text("[data-testid=fed-back]") == inspection.title

        agenda = page.locator("[data-testid=agenda-form]")
        agenda.locator("#id_item-title").fill("反馈巡察意见，提出整改要求")
        agenda.locator("#id_item-decision").fill("思明区委要切实履行整改主体责任，对群众反映强烈的问题立行立改。")
        agenda.locator("button[type=submit]").click()
        page.wait_for_selector("[data-testid=decision]")

        follow_up = page.locator("[data-testid=follow-up-form]")
        follow_up.locator("#id_followup-agenda_item").select_option(label="1. 反馈巡察意见，提出整改要求")
        follow_up.locator("#id_followup-description").fill("区委办牵头约谈相关街道负责人，并书面报送整改推进情况。")
        follow_up.locator("#id_followup-owner").select_option(label=f"吴丽华 · {tree.district.name}")
        follow_up.locator("#id_followup-deadline").fill((today + timedelta(days=7)).isoformat())
        follow_up.locator("button[type=submit]").click()
        page.wait_for_selector("[data-testid=follow-ups] >> text=吴丽华")
        page.screenshot(path=str(artifacts / "meeting-detail.png"), full_page=True)
        item = FollowUpItem.objects.get(owner=liaison)
        page.goto(f"{base}/meetings/?kind=feedback")
        assert page.locator("[data-testid=meeting-list] tbody tr").count() == 1
        page.screenshot(path=str(artifacts / "meeting-list.png"), full_page=True)
        page.goto(f"{base}/meetings/figures/")
        page.locator("[data-testid=leader-count]").first.click()
        assert page.locator("[data-testid=leader-rows] tbody tr").count() == 2
        page.screenshot(path=str(artifacts / "meeting-leader-figures.png"), full_page=True)
        page.goto(f"{base}/inspections/{inspection.pk}/")
        page.locator("[data-testid=meetings-card]").screenshot(path=str(artifacts / "meeting-inspection-card.png"))

        owner_page = log_in(browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900}), base, "liaison")
        queue = owner_page.locator("[data-testid='queue-followup.complete']")
        assert queue.locator("[data-testid=todo]").count() == 1
        assert owner_page.locator("[data-testid=follow-up-warning]").count() == 0
        owner_page.screenshot(path=str(artifacts / "meeting-follow-up-workbench.png"), full_page=True)

        # the daily warning run, for the day after the deadline
        summary = run_warnings.call((today + timedelta(days=8)).isoformat())
        assert summary["follow_ups_escalated"] == 1
        told = set(
            Notification.objects.filter(url=f"/meetings/follow-ups/{item.pk}/", level="red").values_list(
                "user__username", flat=True
            )
        )
        assert told == {"liaison", "office"}

        owner_page.reload()
        warning = owner_page.locator("[data-testid=follow-up-warning]")
        assert warning.count() == 1 and "逾期交办事项" in warning.inner_text()
        assert "逾期" in owner_page.inner_text("[data-testid=home-notifications]")
        owner_page.screenshot(path=str(artifacts / "meeting-follow-up-escalated.png"), full_page=True)
        warning.click()
        owner_page.wait_for_selector("[data-testid=follow-up-overdue]")
        owner_page.fill("#id_note", "已约谈梧村、中华街道负责人，整改推进情况已书面报送。")
        owner_page.click("#actions button[type=submit]")
        owner_page.wait_for_selector("[data-testid=follow-up-note]")
        assert owner_page.inner_text("[data-testid=follow-up-status]").startswith("已办结")
        owner_page.screenshot(path=str(artifacts / "meeting-follow-up-done.png"), full_page=True)
    finally:
        page.close()
        if owner_page is not None:
            owner_page.close()
