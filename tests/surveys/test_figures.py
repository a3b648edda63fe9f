"""The figures come from the rows: counts, shares, averages per question and per organisation,
and the 反向测评 read by the evaluation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import make_inspection, make_term
from tests.surveys.conftest import full_answers, post_as_device, question, shipped
from xuncha.public.publishing import publish_pages
from xuncha.surveys import domain
from xuncha.surveys.figures import figures, reverse_rating, texts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_response_shown(settings):
    """These tests count the rows: the minimum before a breakdown is shown is test_privacy.py's."""
    settings.XUNCHA_SURVEY_MIN_RESPONSES = 1


def by_question(result, order):
    return next(f for f in result.questions if f.question.order == order)


def test_counts_shares_and_averages_of_a_window(client, world):
    q = world["questionnaire"]
    post_as_device(client, world, full_answers(q, scores=(5, 4, 4, 3), overall="好"))
    post_as_device(client, world, full_answers(q, scores=(4, 4, 2, 3), overall="较好"))
    post_as_device(client, world, full_answers(q, scores=(3, 1, 2, 3), overall="好", problems="是", detail="不在岗"))
    result = figures(q, [world["window"]])
    assert result.responses == 3
    overall = by_question(result, 6)
    assert overall.answered == 3
    assert [(o.label, o.count, o.share) for o in overall.options] == [
        ("好", 2, Decimal("66.7")),
        ("较好", 1, Decimal("33.3")),
        ("一般", 0, Decimal("0.0")),
        ("差", 0, Decimal("0.0")),
    ]
    first_scale = by_question(result, 2)
    assert first_scale.average == Decimal("4.00")  # (5 + 4 + 3) / 3
    assert first_scale.average_score == Decimal("75.00")  # (4 - 1) / 4
    assert [o.count for o in first_scale.options] == [0, 0, 1, 1, 1]
    assert by_question(result, 3).average == Decimal("3.00")
    assert by_question(result, 8).answered == 1 and by_question(result, 8).texts == 1
    assert texts(world["window"]) == {question(q, 8).pk: ["不在岗"]}
    assert result.organisations[0].responses == 3
    assert result.organisations[0].averages[question(q, 2).pk] == Decimal("4.00")


def test_multiple_choice_shares_are_of_those_who_answered(client, world):
    office = world["users"]["office"]
    q = domain.create_questionnaire(
        by=office, owner=world["tree"].city, title="满意度", kind="satisfaction", source=shipped("satisfaction")
    )
    today = timezone.localdate()
    (window,) = domain.open_windows(
        q, by=office, inspection=world["inspection"], pages=[world["page"]], opens_on=today, closes_on=today
    )
    channels = question(q, 3)
    ids = {o.text: str(o.pk) for o in channels.options.all()}
    base = {
        f"q{question(q, 1).pk}": "4",
        f"q{question(q, 2).pk}": str(question(q, 2).options.get(text="清楚").pk),
        f"q{question(q, 4).pk}": str(question(q, 4).options.get(text="满意").pk),
    }
    world = {**world, "window": window}
    post_as_device(client, world, {**base, f"q{channels.pk}": [ids["来信"], ids["码上巡"]]})
    post_as_device(client, world, {**base, f"q{channels.pk}": [ids["码上巡"]]})
    post_as_device(client, world, base)  # optional: not answered
    result = figures(q, [window])
    figure = by_question(result, 3)
    assert result.responses == 3 and figure.answered == 2
    counts = {o.label: (o.count, o.share) for o in figure.options}
    assert counts["码上巡"] == (2, Decimal("100.0")) and counts["来信"] == (1, Decimal("50.0"))


def test_figures_across_organisations(client, tree, world):
    office = world["users"]["office"]
    inspection = make_inspection(
        make_term(tree.city, name="另一届"), [tree.district, tree.other_district], title="两个单位",
        entry_on=world["inspection"].entry_on, exit_on=world["inspection"].exit_on,
    )
    pages = publish_pages(inspection, by=None)
    q = world["questionnaire"]
    today = timezone.localdate()
    windows = domain.open_windows(q, by=office, inspection=inspection, pages=pages, opens_on=today, closes_on=today)
    for window, scores in zip(windows, [(5, 5, 5, 5), (1, 1, 1, 1)], strict=True):
        post_as_device(client, {**world, "page": window.page, "window": window}, full_answers(q, scores=scores))
    result = figures(q, windows)
    assert result.responses == 2
    assert by_question(result, 2).average == Decimal("3.00")
    assert sorted(o.averages[question(q, 2).pk] for o in result.organisations) == [Decimal("1.00"), Decimal("5.00")]


def test_reverse_rating_scores_on_0_to_100(client, world):
    office, inspection, district = world["users"]["office"], world["inspection"], world["tree"].district
    assert reverse_rating(inspection, district) is None  # no 反向测评 opened
    q = domain.create_questionnaire(
        by=office, owner=world["tree"].city, title="反向测评", kind="reverse", source=shipped("reverse")
    )
    today = timezone.localdate()
    (window,) = domain.open_windows(
        q, by=office, inspection=inspection, pages=[world["page"]], opens_on=today, closes_on=today + timedelta(1)
    )
    assert reverse_rating(inspection, district) == {"count": 0, "average": None, "questions": [], "withheld": True,
                                                 "windows": [window.pk]}
    no = str(question(q, 5).options.get(text="否").pk)

    def rate(values):
        data = {f"q{question(q, n).pk}": str(v) for n, v in zip((1, 2, 3, 4), values, strict=True)}
        data[f"q{question(q, 5).pk}"] = no
        post_as_device(client, {**world, "window": window}, data)

    rate((5, 5, 5, 5))  # 100
    rate((3, 3, 1, 1))  # (50 + 50 + 0 + 0) / 4 = 25
    rating = reverse_rating(inspection, district)
    assert rating["count"] == 2
    assert rating["average"] == Decimal("62.50")
    first = rating["questions"][0]
    assert (first["text"], first["count"], first["average"], first["score"]) == (
        "对整改工作总体成效的评价", 2, Decimal("4.00"), Decimal("75.00"),
    )
    assert rating["questions"][2]["score"] == Decimal("50.00")
    assert reverse_rating(inspection, world["tree"].other_district) is None


def test_the_evaluations_democratic_rating_reads_the_responses(client, world):
    """整改效果评价's 民主测评 item counts the 民主测评 opened on the organisation's page (each
    response the mean of its scale answers on 0–100), with a row to its figures; a figure
    entered for a rating held on paper stands in only while there is nothing to count."""
    from xuncha.evaluation.metrics import read

    district, inspection = world["tree"].district, world["inspection"]

    def reading():
        return read("democratic_rating", district, inspection=inspection, today=timezone.localdate())

    assert reading().value is None  # opened, nobody answered yet
    post_as_device(client, world, full_answers(world["questionnaire"], scores=(5, 5, 5, 5)))
    post_as_device(client, world, full_answers(world["questionnaire"], scores=(1, 1, 1, 1)))
    found = reading()
    assert found.value == Decimal("50.00")
    assert [row.url for row in found.rows] == [f"/surveys/windows/{world['window'].pk}/"]
    assert read("democratic_rating", district, term=inspection.term, today=timezone.localdate()).value == found.value
    assert read("democratic_rating", world["tree"].other_district, inspection=inspection,
                today=timezone.localdate()).value is None
    assert read("reverse_rating", district, inspection=inspection, today=timezone.localdate()).value is None


def test_an_evaluation_links_the_ratings_figures_only_for_those_who_may_open_them(client, world):
    """The evaluated organisation's liaison reads its signed-off evaluation, with the 民主测评's
    figure and its count, but not a link to the questionnaire's figures it may not open."""
    from xuncha.evaluation import domain as evaluation

    office, district, inspection = world["users"]["office"], world["tree"].district, world["inspection"]
    post_as_device(client, world, full_answers(world["questionnaire"], scores=(5, 5, 5, 5)))
    scheme = evaluation.create_scheme(by=None, owner=world["tree"].city, title="评价办法")
    plate = evaluation.add_plate(scheme, by=None, name="民主测评", max_points=Decimal(10))
    evaluation.add_item(plate, by=None, text="领导班子民主测评", max_points=Decimal(10), method="computed",
                        metric="democratic_rating", rule="rate")
    made = evaluation.start_evaluation(by=office, scheme=scheme, organisation=district, term=inspection.term,
                                       inspection=inspection)
    evaluation.submit_evaluation(made, by=office)
    evaluation.sign_off_evaluation(made, by=office)
    link = f'href="/surveys/windows/{world["window"].pk}/"'
    client.force_login(office)
    assert link in client.get(f"/evaluation/{made.pk}/").content.decode()
    assert client.get(f"/surveys/windows/{world['window'].pk}/").status_code == 200
    client.force_login(world["users"]["liaison"])
    page = client.get(f"/evaluation/{made.pk}/").content.decode()
    assert "1 份答卷" in page and link not in page
    assert client.get(f"/surveys/windows/{world['window'].pk}/").status_code == 404
