"""Respondents stay unrecognisable when few answer: below XUNCHA_SURVEY_MIN_RESPONSES a window
shows its count only (pages, partial refresh, organisation columns, export, free text, the
反向测评); free texts are not listed in the order they came in; a response keeps its date, never
a time."""

from io import BytesIO

import pytest
from django.db import models
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import make_inspection, make_term
from tests.surveys.conftest import full_answers, post_as_device, question, shipped
from xuncha.public.publishing import publish_pages
from xuncha.surveys import domain
from xuncha.surveys.figures import _shuffled, figures, reverse_rating, texts
from xuncha.surveys.models import Answer, Response

pytestmark = pytest.mark.django_db

WITHHELD = "答卷少于5份，为保护答卷人，暂不显示分项统计"
SECRET = "某某领导长期不在岗"


def answer(client, world, n, **kwargs):
    for _ in range(n):
        post_as_device(client, world, full_answers(world["questionnaire"], **kwargs))
    client.cookies.clear()


def test_below_the_minimum_a_window_shows_its_count_only(client, world):
    """Four cadres have answered: the office sees “4”, no average, no option count, no chart,
    no free text; the fifth response shows the breakdown."""
    answer(client, world, 3, scores=(5, 5, 5, 5))
    answer(client, world, 1, scores=(1, 1, 1, 1), problems="是", detail=SECRET)
    result = figures(world["questionnaire"], [world["window"]])
    assert (result.responses, result.withheld, result.questions) == (4, True, [])
    assert result.chart_data()["questions"] == []
    client.force_login(world["users"]["office"])
    url = f"/surveys/windows/{world['window'].pk}/"
    for body in (client.get(url).content.decode(), client.get(url, headers={"HX-Request": "true"}).content.decode()):
        assert 'data-testid="response-count">4<' in body and WITHHELD in body
        assert 'data-testid="average"' not in body and "chart-q" not in body and "贯彻落实党中央决策部署" not in body
    texts_page = client.get(f"/surveys/windows/{world['window'].pk}/texts/").content.decode()
    assert WITHHELD in texts_page and SECRET not in texts_page
    assert texts(world["window"]) is None

    answer(client, world, 1)
    client.force_login(world["users"]["office"])
    body = client.get(url).content.decode()
    assert 'data-testid="response-count">5<' in body and WITHHELD not in body and 'data-testid="average"' in body
    assert SECRET in client.get(f"/surveys/windows/{world['window'].pk}/texts/").content.decode()


def test_the_minimum_is_a_setting(client, world, settings):
    settings.XUNCHA_SURVEY_MIN_RESPONSES = 2
    answer(client, world, 1)
    assert figures(world["questionnaire"], [world["window"]]).withheld
    answer(client, world, 1)
    assert not figures(world["questionnaire"], [world["window"]]).withheld


@pytest.fixture
def two_organisations(client, tree, world):
    """The questionnaire opened on two more pages: six responses on one, two on the other."""
    office, q = world["users"]["office"], world["questionnaire"]
    inspection = make_inspection(
        make_term(tree.city, name="另一届"), [tree.district, tree.other_district], title="两个单位",
        entry_on=world["inspection"].entry_on, exit_on=world["inspection"].exit_on,
    )
    today = timezone.localdate()
    big, small = domain.open_windows(
        q, by=office, inspection=inspection, pages=publish_pages(inspection, by=None), opens_on=today,
        closes_on=today,
    )
    answer(client, {**world, "page": big.page, "window": big}, 6, scores=(5, 5, 5, 5))
    answer(client, {**world, "page": small.page, "window": small}, 2, scores=(1, 1, 1, 1))
    return big, small


def test_across_organisations_a_small_one_is_a_count_and_left_out_of_the_breakdown(client, world, two_organisations):
    """Else the total minus the big organisation's figures would give the small one away."""
    big, small = two_organisations
    q = world["questionnaire"]
    result = figures(q, [big, small])
    assert result.responses == 8 and result.left_out == 2 and not result.withheld
    first_scale = next(f for f in result.questions if f.question.order == 2)
    assert first_scale.answered == 6 and str(first_scale.average) == "5.00"  # the small one's 1s are not in
    columns = {o.window.pk: o for o in result.organisations}
    assert columns[small.pk].withheld and columns[small.pk].averages == {} and columns[small.pk].responses == 2
    assert not columns[big.pk].withheld and str(columns[big.pk].averages[question(q, 2).pk]) == "5.00"

    client.force_login(world["users"]["office"])
    body = client.get(f"/surveys/{q.pk}/figures/").content.decode()
    assert 'data-testid="organisation-withheld"' in body and "答卷少于5份，暂不显示" in body
    assert "2份答卷未计入分项统计" in body

    sheet = load_workbook(BytesIO(client.get(f"/surveys/{q.pk}/export.xlsx").content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    small_name = small.page.organisation_name
    small_rows = [r for r in rows if r[0] == small_name]
    assert len(small_rows) == 1 and small_rows[0][3] == "（答卷数）" and small_rows[0][4] == 2
    assert "暂不显示分项统计" in small_rows[0][2]
    assert any(r[0] == big.page.organisation_name and r[3] == "（作答人数）" for r in rows)
    total = next(r for r in rows if r[0] == "全部" and r[2] == "贯彻落实党中央决策部署和上级工作要求情况")
    assert total[4] == 6 and float(total[6]) == 5.0


def test_window_export_below_the_minimum_has_the_count_only(client, world):
    answer(client, world, 2)
    client.force_login(world["users"]["team"])
    response = client.get(f"/surveys/windows/{world['window'].pk}/export.xlsx")
    rows = [[c.value for c in row] for row in load_workbook(BytesIO(response.content)).active.iter_rows()]
    figures_rows = [r for r in rows if r[0] == "全部"]
    assert len(figures_rows) == 1 and figures_rows[0][3] == "（答卷数）" and figures_rows[0][4] == 2
    assert "暂不显示分项统计" in figures_rows[0][2]


def test_reverse_rating_below_the_minimum_is_a_count(client, world):
    office, inspection = world["users"]["office"], world["inspection"]
    q = domain.create_questionnaire(
        by=office, owner=world["tree"].city, title="反向测评", kind="reverse", source=shipped("reverse")
    )
    today = timezone.localdate()
    (window,) = domain.open_windows(
        q, by=office, inspection=inspection, pages=[world["page"]], opens_on=today, closes_on=today
    )
    data = {f"q{question(q, n).pk}": "5" for n in (1, 2, 3, 4)}
    data[f"q{question(q, 5).pk}"] = str(question(q, 5).options.get(text="否").pk)
    for _ in range(4):
        post_as_device(client, {**world, "window": window}, data)
    rating = reverse_rating(inspection, world["tree"].district)
    assert rating == {"count": 4, "average": None, "questions": [], "withheld": True, "windows": [window.pk]}
    post_as_device(client, {**world, "window": window}, data)
    rating = reverse_rating(inspection, world["tree"].district)
    assert rating["count"] == 5 and not rating["withheld"] and str(rating["average"]) == "100.00"


def test_free_texts_are_not_listed_in_the_order_they_came_in(client, world, settings):
    settings.SECRET_KEY = "a fixed key: the order below is the same on every run"
    for n in range(1, 9):
        post_as_device(client, world, full_answers(world["questionnaire"], advice=f"建议{n}"))
    advice = question(world["questionnaire"], 9)
    submitted = [f"建议{n}" for n in range(1, 9)]
    listed = texts(world["window"])[advice.pk]
    assert sorted(listed) == sorted(submitted) and listed != submitted
    ids = dict(Answer.objects.filter(question=advice).values_list("text", "id"))
    assert listed == sorted(submitted, key=lambda text: _shuffled(ids[text]))  # keyed, stable
    client.force_login(world["users"]["office"])
    page = client.get(f"/surveys/windows/{world['window'].pk}/texts/").content.decode()
    assert [page.index(text) for text in listed] == sorted(page.index(text) for text in listed)


def test_a_response_keeps_its_date_not_its_time(client, world):
    assert not [f.name for f in Response._meta.get_fields() if isinstance(f, models.DateTimeField)]
    answer(client, world, 1)
    assert Response.objects.get().submitted_on == timezone.localdate()
