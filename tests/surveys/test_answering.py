"""The public side: the form, the conditional follow-up enforced on the server, one response
per device and window, closed windows, and every outcome counted for the office."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.public.conftest import public_site  # noqa: F401  (the public site's settings)
from tests.surveys.conftest import answer_url, full_answers, post_as_device, question
from xuncha.public import abuse
from xuncha.public.models import Tally
from xuncha.surveys import domain
from xuncha.surveys.devices import device_digest, issued_device_id
from xuncha.surveys.models import Answer, Question, Response

pytestmark = pytest.mark.django_db


def tallies(world):
    return sorted(Tally.objects.filter(page=world["page"]).values_list("kind", "reason"))


def test_form_sets_an_httponly_signed_device_cookie(client, rf, world):
    response = client.get(answer_url(world))
    assert response.status_code == 200
    cookie = response.cookies["xuncha_device"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) == 365 * 24 * 3600
    request = rf.get("/", HTTP_COOKIE=f"xuncha_device={cookie.value}")
    issued = issued_device_id(request)
    assert issued and len(issued) == 32 and cookie.value != issued  # the id, signed with its time
    # kept on the next visit: the device stays the same device
    assert "xuncha_device" not in client.get(answer_url(world)).cookies
    assert "民主测评" in response.content.decode()
    # the follow-up question says what it depends on (shown without script; the script hides it)
    assert "仅当上面选择“是”时回答" in response.content.decode()


def test_response_is_stored_with_a_keyed_digest_and_counted(client, world):
    device = "a" * 32
    response = post_as_device(client, world, full_answers(world["questionnaire"]), device)
    assert response.status_code == 200 and "已收到" in response.content.decode()
    stored = Response.objects.get()
    assert stored.device_digest == device_digest(world["window"].pk, device)
    assert device not in stored.device_digest
    assert Answer.objects.filter(response=stored).count() == 7  # 3 choices, 4 scales; the empty texts left out
    assert tallies(world) == [("response", "")]


def test_answer_to_a_hidden_follow_up_is_dropped(client, world):
    q = world["questionnaire"]
    data = full_answers(q, problems="否", detail="这段文字回答了一个未显示的问题")
    assert post_as_device(client, world, data).status_code == 200
    assert not Answer.objects.filter(question=question(q, 8)).exists()


def test_shown_required_follow_up_must_be_answered(client, world):
    q = world["questionnaire"]
    response = post_as_device(client, world, full_answers(q, problems="是", detail=""))
    assert response.status_code == 400
    assert "必须回答" in response.content.decode()
    assert not Response.objects.exists()
    assert tallies(world) == [("refused", "invalid")]
    response = post_as_device(client, world, full_answers(q, problems="是", detail="某领导经常不在岗"))
    assert response.status_code == 200
    assert Answer.objects.get(question=question(q, 8)).text == "某领导经常不在岗"


def test_required_question_left_blank_is_refused(client, world):
    data = full_answers(world["questionnaire"])
    data[f"q{question(world['questionnaire'], 2).pk}"] = ""
    assert post_as_device(client, world, data).status_code == 400
    assert not Response.objects.exists()


def test_option_of_another_question_is_refused(client, world):
    q = world["questionnaire"]
    data = full_answers(q)
    data[f"q{question(q, 1).pk}"] = data[f"q{question(q, 6).pk}"]
    assert post_as_device(client, world, data).status_code == 400


def test_second_response_from_the_same_device_is_refused(client, world):
    data = full_answers(world["questionnaire"])
    device = "b" * 32
    assert post_as_device(client, world, data, device).status_code == 200
    response = post_as_device(client, world, data, device)
    assert response.status_code == 409
    assert "已在本设备上填写过" in response.content.decode()
    assert Response.objects.count() == 1
    assert tallies(world) == [("refused", "duplicate"), ("response", "")]
    # another device answers
    assert post_as_device(client, world, data, "c" * 32).status_code == 200
    assert Response.objects.count() == 2


def test_duplicate_is_found_by_the_constraint_not_by_reading_responses(client, world):
    """The public site's role may not read responses: the view never selects from them."""
    data = full_answers(world["questionnaire"])
    post_as_device(client, world, data, "d" * 32)
    with CaptureQueriesContext(connection) as queries:
        post_as_device(client, world, data, "d" * 32)
    reads = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert reads and not any("surveys_response" in sql.split("WHERE")[0] for sql in reads)
    assert not any("surveys_answer" in sql for sql in reads)
    touched = " ".join(q["sql"] for q in queries)
    for table in ("inspections_", "orgs_", "accounts_", "django_session"):
        assert table not in touched


def test_without_the_device_cookie_nothing_is_stored(client, world):
    response = client.post(answer_url(world), full_answers(world["questionnaire"]))
    assert response.status_code == 400
    assert "Cookie" in response.content.decode() and "刷新页面" in response.content.decode()
    assert not Response.objects.exists()
    assert "xuncha_device" in response.cookies  # given now: the next submission works


@pytest.mark.parametrize("forged", ["made-up", "a" * 32, "signed-elsewhere"])
def test_a_device_id_this_site_did_not_issue_is_refused(client, world, forged):
    """The device id is the site's, not whatever the client sends: a made-up id (a fresh one
    for each response would defeat the suppression), or one signed with another key, is
    refused as invalid and stores nothing."""
    if forged == "signed-elsewhere":
        from django.core import signing

        forged = signing.TimestampSigner(key="not this site's key", salt="xuncha_devicexuncha.surveys.device").sign(
            "b" * 32
        )
    client.cookies["xuncha_device"] = forged
    response = client.post(answer_url(world), full_answers(world["questionnaire"]))
    assert response.status_code == 400 and "刷新页面" in response.content.decode()
    assert not Response.objects.exists()
    assert tallies(world) == [("refused", "invalid")]
    # with the cookie the refusal just gave, the same answers are taken
    assert client.post(answer_url(world), full_answers(world["questionnaire"])).status_code == 200
    assert Response.objects.count() == 1


def test_closed_window_says_when_it_ended_and_refuses(client, world):
    window = world["window"]
    yesterday = timezone.localdate() - timedelta(days=1)
    window.opens_on, window.closes_on = yesterday - timedelta(days=5), yesterday
    window.save()
    page = client.get(answer_url(world)).content.decode()
    assert f"问卷已于{yesterday.year}年{yesterday.month}月{yesterday.day}日结束" in page
    assert "questionnaire-form" not in page
    response = post_as_device(client, world, full_answers(world["questionnaire"]))
    assert response.status_code == 410
    assert not Response.objects.exists()
    assert tallies(world) == [("refused", "closed")]


def test_window_closed_early_by_the_office_refuses(client, world):
    domain.close_window(world["window"], by=world["users"]["office"])
    response = post_as_device(client, world, full_answers(world["questionnaire"]))
    assert response.status_code == 410 and not Response.objects.exists()


def test_window_not_yet_open_says_when_it_opens(client, world):
    window = world["window"]
    window.opens_on = timezone.localdate() + timedelta(days=2)
    window.save()
    assert "问卷将于" in client.get(answer_url(world)).content.decode()


def test_list_of_the_page_and_unknown_codes(client, world):
    body = client.get(f"/m/{world['page'].token}/q/").content.decode()
    assert "对思明区委领导班子的民主测评" in body
    assert client.get("/m/not-a-code/q/").status_code == 404
    assert client.get(f"/m/not-a-code/q/{world['window'].pk}/").status_code == 404


def test_on_the_public_site_itself_without_session_or_login(client, world, public_site):  # noqa: F811
    """The public site's own settings (no session, no login middleware): the organisation's page
    offers the questionnaire, the form is filled and taken, no session cookie is set."""
    page = client.get(f"/m/{world['page'].token}/").content.decode()
    assert "对思明区委领导班子的民主测评" in page and answer_url(world) in page
    form = client.get(answer_url(world))
    assert form.status_code == 200 and "sessionid" not in form.cookies
    response = post_as_device(client, world, full_answers(world["questionnaire"]))
    assert response.status_code == 200 and "sessionid" not in response.cookies
    assert Response.objects.count() == 1


def test_a_meeting_room_on_one_address_answers_together(client, rf, world, settings):
    """Forty cadres on one Wi-Fi: each loads the form and answers. The report form's limits
    (per address, per page) are low here and play no part; the reports' bucket is left whole."""
    settings.XUNCHA_PUBLIC_RATE = 5
    settings.XUNCHA_PUBLIC_PAGE_RATE = 2
    data = full_answers(world["questionnaire"])
    statuses = []
    for _ in range(30):
        client.cookies.clear()
        assert client.get(answer_url(world)).status_code == 200
        statuses.append(client.post(answer_url(world), data).status_code)
    assert statuses == [200] * 30 and Response.objects.count() == 30
    assert abuse.report_allowed(rf.get("/"), world["page"].pk) is None  # the page's report bucket untouched


def test_responses_from_one_address_are_limited_and_counted(client, world, settings):
    settings.XUNCHA_PUBLIC_RESPONSES_PER_10_MINUTES = 3
    data = full_answers(world["questionnaire"])
    assert [post_as_device(client, world, data).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert Response.objects.count() == 3
    assert ("refused", "rate_limit") in tallies(world)
    # another address still answers
    assert post_as_device(client, world, data, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_flood_on_one_window_is_refused_whatever_the_addresses(client, world, settings):
    settings.XUNCHA_PUBLIC_WINDOW_RESPONSES_PER_MINUTE = 2
    data = full_answers(world["questionnaire"])
    statuses = [post_as_device(client, world, data, REMOTE_ADDR=f"10.0.1.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429] and Response.objects.count() == 2


def test_a_question_gone_while_answering_is_a_clear_refusal_not_a_500(client, world, monkeypatch):
    """Questions are frozen once opened; should one still go (a race, a change outside the
    pages) between reading the form and storing it, the answer is a Chinese message."""
    from xuncha.surveys import public_views

    q = world["questionnaire"]
    advice = question(q, 9)
    loaded = public_views.published_questions

    def then_deleted(questionnaire):
        questions = loaded(questionnaire)
        Question.objects.filter(pk=advice.pk).delete()
        return questions

    monkeypatch.setattr(public_views, "published_questions", then_deleted)
    response = post_as_device(client, world, full_answers(q, advice="加强学习"))
    assert response.status_code == 409
    assert "问卷发生了变化" in response.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert tallies(world) == [("refused", "invalid")]
