"""At 390 px, as the public: open the 码上巡 page's questionnaire, answer it (the follow-up
question appears when its answer is chosen), submit; a second device answers too, and the
office's figures page, already open, shows the count move without reloading."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in
from tests.factories import PASSWORD
from tests.surveys import conftest as surveys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
world, fresh_rate_limits = surveys.world, surveys.fresh_rate_limits  # the questionnaire world of tests/surveys

PHONE = {"width": 390, "height": 844}


def pick(page, questionnaire, order: int, answer: str):
    fieldset = page.locator(f"#question-{questionnaire.questions.get(order=order).pk}")
    fieldset.get_by_label(answer, exact=True).check()


def answer_as_the_public(chromium, base, world, *, problems: bool, shot=None):
    context = chromium.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/m/{world['page'].token}/")
    if shot:
        page.screenshot(path=str(shot.with_name("survey-public-page-390.png")), full_page=True)
    page.click("text=填写问卷")
    page.wait_for_load_state()
    q = world["questionnaire"]
    follow_up = page.locator(f"#question-{q.questions.get(order=8).pk}")
    expect(follow_up).to_be_hidden()  # shown only after 是 is chosen
    pick(page, q, 1, "一般干部职工")
    for order, value in ((2, "5"), (3, "4"), (4, "4"), (5, "3")):
        page.check(f"#question-{q.questions.get(order=order).pk} input[value='{value}']")
    pick(page, q, 6, "较好")
    pick(page, q, 7, f"{'是' if problems else '否'}")
    if problems:
        follow_up.wait_for(state="visible")
        follow_up.locator("textarea").fill("个别班子成员长期不在岗。")
    else:
        expect(follow_up).to_be_hidden()
    if shot:
        page.screenshot(path=str(shot), full_page=True)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=thanks]")
    context.close()


def test_public_answers_with_a_follow_up_and_the_office_sees_the_count_move(
    live_server, browser, artifacts, world, settings
):
    settings.XUNCHA_SURVEY_MIN_RESPONSES = 2  # the breakdown shows from the second response
    base = live_server.url
    answer_as_the_public(browser, base, world, problems=True, shot=artifacts / "survey-public-390.png")
    from xuncha.surveys.models import Answer

    assert Answer.objects.filter(text="个别班子成员长期不在岗。").exists()

    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=world["users"]["office"], name="test", confirmed=True)  # the office's 2nd factor
    office = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    log_in(office, base, world["users"]["office"].username, PASSWORD)
    office.goto(f"{base}/surveys/windows/{world['window'].pk}/")
    assert office.inner_text("[data-testid=response-count]") == "1"
    assert "答卷少于2份，为保护答卷人，暂不显示分项统计" in office.inner_text("[data-testid=figures-withheld]")
    office.screenshot(path=str(artifacts / "survey-figures-withheld-1280.png"), full_page=True)

    answer_as_the_public(browser, base, world, problems=False)
    office.wait_for_selector("[data-testid=response-count]:text-is('2')", timeout=25_000)  # polled, not reloaded
    office.wait_for_selector("#chart-q{} svg".format(world["questionnaire"].questions.get(order=6).pk))
    assert office.locator("[data-testid=figures-withheld]").count() == 0
    office.screenshot(path=str(artifacts / "survey-figures-1280.png"), full_page=True)
    office.goto(f"{base}/surveys/windows/{world['window'].pk}/texts/")
    assert "个别班子成员长期不在岗。" in office.inner_text("body")
    office.screenshot(path=str(artifacts / "survey-texts-1280.png"), full_page=True)
    office.goto(f"{base}/surveys/{world['questionnaire'].pk}/")
    assert "题目已锁定" in office.inner_text("body")  # answered: frozen
    office.screenshot(path=str(artifacts / "survey-detail-1280.png"), full_page=True)
    office.goto(f"{base}/surveys/")
    office.screenshot(path=str(artifacts / "survey-list-1280.png"), full_page=True)
    office.goto(f"{base}/surveys/{world['questionnaire'].pk}/open/?inspection={world['inspection'].pk}")
    assert office.locator("input[name=pages]:checked").count() == 1  # every organisation by default
    office.screenshot(path=str(artifacts / "survey-open-1280.png"), full_page=True)
    office.close()
