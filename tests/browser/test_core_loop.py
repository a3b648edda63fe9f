"""The acceptance test of the workbench (issue 14): the whole core loop in a browser, in which no
URL is typed after login. Each next actor finds its task on the home page (a to-do of a queue or
an unread notification) and completes it by clicking; the pages between are reached through the
sidebar, buttons and links:

term → inspection → team → feedback tree by pasting its text → petition → clue → two signatures
→ transfer → receipt → conclusion; plan → review → progress with a file → sign-off request →
return → sign-off.

The world is small (a city, one district with one street, the city's discipline commission and
inspection office) and built with the factories; the work itself is done through the pages."""

import secrets
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.browser.pages import PASSWORD, log_in, pick
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.orgs.enums import OrgKind, OrgLevel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# a feedback in the style of seed 004: aspects "（一）…方面", items "1.…", problems "（1）…"
FEEDBACK = (
    "市委第三巡察组关于巡察中共厦门市鹭江区委员会的反馈意见\n"
    "（一）贯彻落实党的路线方针政策和党中央决策部署方面\n"
    "1.推动高质量发展还有差距\n"
    "（1）营商环境优化不够。部分审批事项办理时限偏长，企业反映较多。\n"
    "（二）落实全面从严治党战略部署方面\n"
    "1.主体责任落实不够到位\n"
    "（2）监督检查流于形式。对下属单位的日常监督抓得不实。\n"
)
TERM = "十三届市委"
INSPECTION = "对中共厦门市鹭江区委员会的常规巡察"


def _world():
    """Organisations, people and the accounts of the loop, each with one role (the office's
    with an authenticator, as two-factor login requires)."""
    from xuncha.accounts.twofactor.domain import enrol_without_code

    city = OrganisationFactory(name="中共厦门市委员会", code="C350200", level=OrgLevel.CITY)
    office_org = OrganisationFactory(
        name="中共厦门市委巡察工作领导小组办公室", code="C350200-XCB", parent=city, kind=OrgKind.INSPECTION_OFFICE
    )
    commission = OrganisationFactory(
        name="中共厦门市纪律检查委员会", code="C350200-JW", parent=city, kind=OrgKind.DISCIPLINE_COMMISSION
    )
    district = OrganisationFactory(name="中共厦门市鹭江区委员会", code="C350299", parent=city, level=OrgLevel.DISTRICT)
    street = OrganisationFactory(
        name="鹭江区筼筜街道党工委", code="C350299-01", parent=district, level=OrgLevel.TOWN, kind=OrgKind.STREET
    )

    def account(username, name, home, role, scope, position):
        person = PersonFactory(name=name, organisation=home, position=position)
        user = UserFactory(username=username, password=PASSWORD, organisation=home, display_name=name, person=person)
        grant_role(by=None, grantee=user, role=role, organisation=scope)
        if role in Role.two_factor_required():
            enrol_without_code(user, secret=secrets.token_hex(20))
        return user

    return SimpleNamespace(
        city=city,
        district=district,
        street=street,
        commission=commission,
        office=account("office", "林晓峰", office_org, Role.OFFICE, city, "市委巡察办综合室主任"),
        office2=account("office2", "苏建平", office_org, Role.OFFICE, city, "市委巡察办副主任"),
        team=account("team", "黄志斌", office_org, Role.TEAM_MEMBER, district, "市委第三巡察组组长"),
        liaison=account("liaison", "吴丽华", district, Role.LIAISON, district, "区委办公室主任"),
        unit=account("unit", "郑海燕", street, Role.RESPONSIBLE_UNIT, street, "街道党工委副书记"),
        discipline=account(
            "discipline", "许文杰", commission, Role.DISCIPLINE_REVIEWER, city, "市纪委监委案件监督管理室干部"
        ),
    )


class Actor:
    """One person at the browser: logs in once, then only clicks."""

    def __init__(self, browser, base, username):
        self.page = browser.new_page(locale="zh-CN", viewport={"width": 1440, "height": 1000})
        log_in(self.page, base, username)
        self.page.set_default_timeout(10_000)

    def home(self):
        self.menu("工作台")
        self.page.wait_for_selector("[data-testid=todos]")
        return self

    def menu(self, label):
        self.page.locator("[data-testid=sidebar]").get_by_role("link", name=label, exact=True).click()
        self.page.wait_for_load_state()

    def todo(self, queue, text=""):
        """The to-do of `queue` on the home page (containing `text`); clicking it opens the record."""
        found = self.page.locator(f"[data-testid='queue-{queue}'] [data-testid=todo]", has_text=text)
        assert found.count() >= 1, f"no to-do in {queue}: " + self.page.inner_text("[data-testid=todos]")
        return found.first

    def notification(self, text):
        """An unread notification on the home page containing `text`."""
        found = self.page.locator("[data-testid=home-notifications] [data-testid=notification]", has_text=text)
        assert found.count() >= 1, "no notification: " + self.page.inner_text("[data-testid=home-notifications]")
        return found.first

    def close(self):
        self.page.close()


def test_core_loop_by_clicking_only(live_server, browser, artifacts, tmp_path):
    try:
        _loop(live_server, browser, artifacts, tmp_path)
    except Exception:
        for n, page in enumerate(p for context in browser.contexts for p in context.pages):
            page.screenshot(path=str(artifacts / f"loop-failed-{n}.png"), full_page=True)
        raise


def _loop(live_server, browser, artifacts, tmp_path):
    from xuncha.clues.enums import ClueStatus
    from xuncha.clues.models import Clue
    from xuncha.rectification.enums import MeasureStatus, SignOff
    from xuncha.rectification.models import Measure

    started = time.monotonic()
    _world()
    base = live_server.url
    today = timezone.localdate()
    iso = lambda d: d.isoformat()  # noqa: E731
    evidence = tmp_path / "整改台账.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% the street's ledger of the fixed approvals\n")

    # the office plans a term, an inspection of the district, and staffs its team
    office = Actor(browser, base, "office")
    office.menu("巡察计划")
    office.page.click("text=新建届次")
    office.page.fill("#id_name", TERM)
    pick(office.page, "id_owner", "中共厦门市委员会")
    office.page.fill("#id_starts_on", iso(today - timedelta(days=400)))
    office.page.fill("#id_ends_on", iso(today + timedelta(days=1400)))
    office.page.uncheck("#id_joint_review_plans_0")  # routine plans: the office alone (三方联审 off)
    office.page.click("form button[type=submit]")
    office.page.wait_for_selector(f"h1 >> text={TERM}")
    office.page.click("text=新建巡察")
    office.page.fill("#id_title", INSPECTION)
    office.page.select_option("#id_kind", "routine")
    office.page.fill("#id_team_name", "市委第三巡察组")
    pick(office.page, "id_targets", "鹭江区委员会")
    office.page.fill("#id_entry_on", iso(today - timedelta(days=120)))
    office.page.fill("#id_exit_on", iso(today - timedelta(days=70)))
    office.page.click("form button[type=submit]")
    office.page.wait_for_selector("text=巡察已创建")
    office.page.click("text=配备组员")
    pick(office.page, "id_person", "黄志斌")
    office.page.select_option("#id_role", "leader")
    office.page.click("form button[type=submit]")
    office.page.wait_for_selector("text=组员已配备")

    # the team leader is told, pastes the feedback, registers a petition, makes it a clue and signs
    team = Actor(browser, base, "team")
    team.notification("配备组员").click()
    team.page.wait_for_selector(f"h1 >> text={INSPECTION}")
    team.page.click("[data-testid=open-feedback]")
    team.page.click("[data-testid=paste-link]")
    team.page.fill("#id_text", FEEDBACK)
    team.page.click("[data-testid=review]")
    assert "2个方面2项共2个问题" in team.page.inner_text("[data-testid=preview]")
    team.page.click("[data-testid=confirm]")
    team.page.wait_for_selector("[data-testid=feedback-tree]")
    assert "（2）监督检查流于形式" in team.page.inner_text("[data-testid=feedback-tree]")
    team.page.screenshot(path=str(artifacts / "loop-feedback-pasted.png"), full_page=True)

    # the office gives the feedback: its date starts the clock of the plan
    office.home()
    office.menu("巡察")
    office.page.click(f"text={INSPECTION}")
    office.page.click("a[href$='/dates/']")
    office.page.fill("#id_feedback_on", iso(today - timedelta(days=3)))
    office.page.click("form button[type=submit]")
    office.page.wait_for_selector(f"h1 >> text={INSPECTION}")

    # the team leader registers a petition, makes it a clue and signs it first
    team.menu("信访件")
    team.page.click("[data-testid=new-petition]")
    team.page.select_option("#id_channel", "letter")
    team.page.fill("#id_content", "反映区发改局某科长在项目审批中收受企业好处费。")
    team.page.fill("#id_reporter_name", "陈某某")
    team.page.click("form button[type=submit]")
    team.page.wait_for_selector("text=信访件已登记")
    team.page.fill("#id_clue-allegation", "反映区发改局某科长在项目审批中收受企业好处费。")
    team.page.fill("#id_clue-person_name", "钟某")
    team.page.select_option("#id_clue-person_rank", "section")
    team.page.click("[data-testid=step-clue]")
    team.page.click("text=查看问题线索")
    team.page.click("[data-testid=sign]")
    team.page.wait_for_selector("[data-testid=signatures] >> text=黄志斌")
    assert team.home().page.locator("[data-testid='queue-clue.sign']").count() == 0  # the second is someone else's
    team.close()
    clue = Clue.objects.get()

    # the second signature and the transfer: another clerk of the office finds the clue on the home page
    office2 = Actor(browser, base, "office2")
    office2.todo("clue.sign", str(clue)).click()
    office2.page.click("[data-testid=sign]")
    office2.page.wait_for_selector("[data-testid=clue-status] >> text=已双签")
    office2.page.select_option("#id_receiving_kind", "discipline")
    pick(office2.page, "id_receiving_body", "中共厦门市纪律检查委员会")
    office2.page.click("[data-testid=transfer]")
    office2.page.wait_for_selector("[data-testid=clue-status] >> text=已移交")
    office2.close()

    # the discipline commission is told, confirms receipt, records the handling and concludes
    discipline = Actor(browser, base, "discipline")
    assert discipline.todo("clue.receive", str(clue)).is_visible()
    discipline.notification(f"{clue}：移交").click()
    discipline.page.click("form[action$='/acknowledge/'] button")
    discipline.page.select_option("#id_method", "talk_inquiry")
    discipline.page.click("form[action$='/handling/'] button")
    discipline.page.fill("#id_conclusion", "经谈话函询，反映问题部分属实，予以批评教育。")
    discipline.page.select_option(f"#id_person_{clue.persons.get().pk}", "criticism")
    discipline.page.click("form[action$='/conclude/'] button")
    discipline.page.wait_for_selector("[data-testid=clue-status] >> text=已办结")
    discipline.page.screenshot(path=str(artifacts / "loop-clue-concluded.png"), full_page=True)
    discipline.close()

    # the liaison is told the feedback is given and by when the plan is due; writes it and submits it
    liaison = Actor(browser, base, "liaison")
    liaison.notification("请于").click()  # "…已于…反馈，请于…前报送整改方案"
    assert "鹭江区委员会" in liaison.page.inner_text("form[action$='/start/']")  # its own, chosen already
    liaison.page.click("form[action$='/start/'] button")
    problems = liaison.page.locator("#id_problems option")
    assert problems.count() == 2  # one measure serves both problems
    liaison.page.select_option("#id_problems", [problems.nth(n).get_attribute("value") for n in range(2)])
    liaison.page.fill("#id_target", "审批时限压缩一半，日常监督全覆盖")
    liaison.page.fill("#id_content", "梳理审批事项清单，建立日常监督台账")
    liaison.page.fill("#id_leader", "区委副书记")
    pick(liaison.page, "id_units", "筼筜街道")
    pick(liaison.page, "id_lead_unit", "筼筜街道")
    liaison.page.fill("#id_deadline", iso(today + timedelta(days=90)))
    liaison.page.fill("#id_standard", "审批时限不超过10个工作日")
    liaison.page.click("form[action$='/add_measure/'] button")
    # the page reloads with the measure: submitting before it has would submit a plan without it
    liaison.page.wait_for_selector("[data-testid=measures] >> text=梳理审批事项清单")
    liaison.page.click("[data-testid=submit-plan]")
    liaison.page.wait_for_selector("[data-testid=plan-status] >> text=已提交")
    liaison.close()

    # the office reviews it from its to-do list
    office.home()
    office.todo("plan.review").click()
    office.page.click("[data-testid=approve-plan]")
    office.page.wait_for_selector("[data-testid=plan-status] >> text=已批准")

    # the unit reports progress with a file and asks for sign-off
    unit = Actor(browser, base, "unit")
    unit.todo("measure.progress").click()
    unit.page.fill("#id_text", "审批事项清单已公布，日常监督台账已建立。")
    unit.page.select_option("#id_status", "done")
    unit.page.set_input_files("#id_evidence", str(evidence))
    unit.page.click("[data-testid=post-progress]")
    unit.page.wait_for_selector("text=整改台账.pdf")
    unit.page.click("[data-testid=request-sign-off]")
    unit.page.wait_for_selector("[data-testid=sign-off] >> text=申请销号")

    # the office returns it with a reason
    office.home()
    office.todo("measure.sign_off").click()
    office.page.fill("textarea[name=reason]", "未附审批时限统计表")
    office.page.click("[data-testid=return-sign-off]")
    office.page.wait_for_selector("[data-testid=measure-status] >> text=正在整改")

    # the unit is told, adds the table and asks again
    unit.home()
    unit.notification("退回").click()
    unit.page.fill("#id_text", "补充审批时限统计表。")
    unit.page.select_option("#id_status", "done")
    unit.page.set_input_files("#id_evidence", str(evidence))
    unit.page.click("[data-testid=post-progress]")
    unit.page.click("[data-testid=request-sign-off]")
    unit.page.wait_for_selector("[data-testid=sign-off] >> text=申请销号")
    unit.close()

    # the office signs it off
    office.home()
    office.todo("measure.sign_off").click()
    office.page.click("[data-testid=approve-sign-off]")
    office.page.wait_for_selector("[data-testid=sign-off] >> text=已销号")
    office.page.screenshot(path=str(artifacts / "loop-signed-off.png"), full_page=True)
    office.close()

    measure = Measure.objects.get()
    assert measure.sign_off == SignOff.APPROVED and measure.status == MeasureStatus.DONE
    clue.refresh_from_db()
    assert clue.status == ClueStatus.CONCLUDED
    print(f"loop: {time.monotonic() - started:.1f}s")
