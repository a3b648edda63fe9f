"""The evaluation pages as the office, reviewers, the evaluated organisation's liaison and the
office of another district see them: steps, consequences of a 差, the ranked table and its
export, versioning of a used scheme, and the query counts of the list pages."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.downloads import download_name
from tests.evaluation.conftest import computed_scheme, start
from tests.factories import OrganisationFactory
from xuncha.audit.models import AuditEvent
from xuncha.evaluation import domain
from xuncha.evaluation.enums import ConsequenceKind, EvaluationStatus, Grade
from xuncha.evaluation.models import Consequence, Evaluation, Item, Scheme
from xuncha.orgs.enums import OrgLevel


def _hand_scheme(world, title="评价办法"):
    scheme = domain.create_scheme(by=None, owner=world.tree.city, title=title)
    plate = domain.add_plate(scheme, by=None, name="综合", max_points=Decimal(100))
    item = domain.add_item(plate, by=None, text="综合评价", max_points=Decimal(100))
    return scheme, item


def _signed(world, points, organisation=None, scheme=None):
    if scheme is None:
        scheme, item = _hand_scheme(world)
    else:
        item = scheme.plates.first().items.first()
    evaluation = domain.start_evaluation(
        by=world.office,
        scheme=scheme,
        organisation=organisation or world.tree.district,
        term=world.term,
        inspection=world.inspection if organisation is None else None,
    )
    domain.score_item(evaluation, by=world.office, item=item, score=Decimal(points))
    domain.submit_evaluation(evaluation, by=world.office)
    return domain.sign_off_evaluation(evaluation, by=world.office)


def test_the_office_submits_and_signs_off_and_the_grade_is_kept(world, client):
    scheme, item = _hand_scheme(world)
    evaluation = start(world, scheme)
    domain.score_item(evaluation, by=world.office, item=item, score=Decimal(85))
    client.force_login(world.office)

    client.post(f"/evaluation/{evaluation.pk}/step/submit/")
    client.post(f"/evaluation/{evaluation.pk}/step/sign_off/")

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SIGNED_OFF
    assert (evaluation.signed_score, evaluation.signed_grade) == (Decimal(85), Grade.GOOD)
    codes = list(AuditEvent.objects.filter(object_id=str(evaluation.pk)).values_list("action", flat=True))
    assert "evaluation.evaluation.signed_off" in codes


def test_a_reviewer_reads_but_takes_no_step(world, client):
    scheme, _item = _hand_scheme(world)
    evaluation = start(world, scheme)
    client.force_login(world.reviewer)

    assert client.get(f"/evaluation/{evaluation.pk}/").status_code == 200
    assert client.post(f"/evaluation/{evaluation.pk}/step/submit/").status_code == 404
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT


def test_the_liaison_reads_its_own_evaluation_only_once_signed_off(world, client):
    scheme, item = _hand_scheme(world)
    evaluation = start(world, scheme)
    domain.score_item(evaluation, by=world.office, item=item, score=Decimal(70))
    url = f"/evaluation/{evaluation.pk}/"
    client.force_login(world.liaison)
    assert client.get(url).status_code == 404

    domain.submit_evaluation(evaluation, by=world.office)
    domain.sign_off_evaluation(evaluation, by=world.office)

    assert client.get(url).status_code == 200
    client.force_login(world.other_liaison)
    assert client.get(url).status_code == 404


def test_the_office_of_another_district_gets_404_everywhere(world, client):
    evaluation = _signed(world, 50)
    client.force_login(world.office)
    assert client.get(f"/evaluation/{evaluation.pk}/").status_code == 200  # positive control
    client.force_login(world.other_office)

    for url in [
        f"/evaluation/{evaluation.pk}/",
        f"/evaluation/terms/{world.term.pk}/",
        f"/evaluation/terms/{world.term.pk}/export.xlsx",
        f"/evaluation/schemes/{evaluation.scheme.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/evaluation/{evaluation.pk}/step/order_interview/").status_code == 404
    assert not Consequence.objects.exists()
    assert world.tree.district.name not in client.get("/evaluation/").content.decode()


def test_a_poor_evaluation_proposes_the_consequences_each_one_click(world, client):
    evaluation = _signed(world, 40)
    client.force_login(world.office)
    page = client.get(f"/evaluation/{evaluation.pk}/").content.decode()
    assert 'data-testid="order-interview"' in page and 'data-testid="order-follow-up"' in page

    client.post(f"/evaluation/{evaluation.pk}/step/order_interview/")
    client.post(f"/evaluation/{evaluation.pk}/step/order_follow_up/")
    client.post(f"/evaluation/{evaluation.pk}/step/order_interview/")  # twice: refused

    assert sorted(evaluation.consequences.values_list("kind", flat=True)) == sorted(ConsequenceKind.values)
    page = client.get(f"/evaluation/{evaluation.pk}/").content.decode()
    assert f"/supervision/interviews/new/?inspection={world.inspection.pk}" in page

    # the 回头看 was started with the click: a follow-up of the evaluated inspection re-checking
    # the organisation's problems, linked from the order
    follow_up = evaluation.consequences.get(kind=ConsequenceKind.FOLLOW_UP).follow_up
    assert follow_up.follows_up == world.inspection and follow_up.kind == "follow_up"
    assert follow_up.rechecks.count() == world.inspection.problems.count() > 0
    assert f"/followup/{follow_up.pk}/" in page

    # the 约谈 is carried out by recording the interview: the order then shows it
    from tests.supervision.conftest import days_before
    from xuncha.supervision import interviews

    held = interviews.record_interview(
        world.inspection, by=world.office, organisation=world.tree.district, held_on=days_before(1),
        interviewers=[world.tree.people["city"]], interviewees=[world.tree.people["district"]],
        reason="整改效果评价为差", summary="要求限期整改", measures=[],
    )
    page = client.get(f"/evaluation/{evaluation.pk}/").content.decode()
    assert 'data-testid="interviews-held"' in page and f"/supervision/interviews/{held.pk}/" in page


def test_a_fair_evaluation_proposes_no_consequence(world, client):
    evaluation = _signed(world, 60)
    client.force_login(world.office)

    assert 'data-testid="consequences"' not in client.get(f"/evaluation/{evaluation.pk}/").content.decode()
    assert client.post(f"/evaluation/{evaluation.pk}/step/order_interview/").status_code == 302
    assert not evaluation.consequences.exists()


def test_the_ranked_table_and_its_export_for_the_performance_review(world, client):
    scheme, _item = _hand_scheme(world)
    street, other = world.tree.street, world.tree.community
    _signed(world, 95, scheme=scheme)
    _signed(world, 70, organisation=street, scheme=scheme)
    _signed(world, 70, organisation=other, scheme=scheme)
    start(world, scheme)  # a draft: not ranked
    client.force_login(world.office)

    page = client.get(f"/evaluation/terms/{world.term.pk}/").content.decode()
    assert "尚未签批、不参加排名的评价：1 份" in page
    response = client.get(f"/evaluation/terms/{world.term.pk}/export.xlsx")

    name, plain = download_name(response)
    assert name.endswith(".xlsx") and world.term.name in name and "整改效果评价" in name
    assert plain.startswith("evaluation-")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows() if isinstance(row[0].value, int)]
    assert [(r[0], r[1], float(r[4])) for r in rows] == [
        (1, world.tree.district.name, 95.0),
        (2, other.name, 70.0),
        (2, street.name, 70.0),
    ]


def test_a_used_scheme_is_frozen_and_copied_as_a_new_version(world, client):
    scheme, _items = computed_scheme(world.tree.city)
    start(world, scheme)
    client.force_login(world.office)
    plate = scheme.plates.first()

    client.post(f"/evaluation/schemes/{scheme.pk}/plate/", {"name": "新板块", "max_points": "5"})
    assert scheme.plates.count() == 2
    response = client.post(f"/evaluation/schemes/{scheme.pk}/version/")

    copy = Scheme.objects.get(previous=scheme)
    assert response.url == f"/evaluation/schemes/{copy.pk}/"
    assert copy.version == 2 and not copy.is_frozen
    assert [p.name for p in copy.plates.all()] == [p.name for p in scheme.plates.all()]
    assert copy.plates.get(order=plate.order).items.count() == plate.items.count()
    client.post(f"/evaluation/schemes/{copy.pk}/plate/", {"name": "新板块", "max_points": "5"})
    assert copy.plates.count() == 3


def test_the_editor_adds_plates_and_computed_items(world, client):
    client.force_login(world.office)
    client.post(
        "/evaluation/schemes/new/",
        {"owner": world.tree.city.pk, "title": "四个方面22项", "excellent_from": 90, "good_from": 80, "fair_from": 60},
    )
    scheme = Scheme.objects.get(title="四个方面22项")
    client.post(f"/evaluation/schemes/{scheme.pk}/plate/", {"name": "整改成效", "max_points": "40"})
    client.post(
        f"/evaluation/schemes/{scheme.pk}/item/",
        {
            "plate": scheme.plates.get().pk,
            "text": "整改措施逾期",
            "max_points": "10",
            "method": "computed",
            "metric": "overdue_measures",
            "rule": "deduct",
            "per_unit": "2",
        },
    )
    item = scheme.plates.get().items.get()
    assert (item.metric, item.rule, item.per_unit) == ("overdue_measures", "deduct", Decimal(2))


def test_bad_thresholds_are_refused_with_a_message(world, client):
    client.force_login(world.office)
    response = client.post(
        "/evaluation/schemes/new/",
        {"owner": world.tree.city.pk, "title": "倒挂", "excellent_from": 60, "good_from": 80, "fair_from": 90},
    )
    assert response.status_code == 200 and not Scheme.objects.filter(title="倒挂").exists()


@pytest.mark.parametrize("rows", [1, 3])
def test_the_list_pages_read_a_fixed_number_of_queries(world, client, django_assert_max_num_queries, rows):
    scheme, _item = _hand_scheme(world)
    for n in range(rows):
        org = OrganisationFactory(name=f"社区{n}", level=OrgLevel.VILLAGE, parent=world.tree.street)
        _signed(world, 80 + n, organisation=org, scheme=scheme)
        _hand_scheme(world, title=f"办法{n}")
    client.force_login(world.office)
    client.get("/evaluation/")  # warm the session and the menu

    for url in ["/evaluation/", "/evaluation/schemes/", f"/evaluation/terms/{world.term.pk}/"]:
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200
    assert Evaluation.objects.count() == rows


def test_an_evaluation_with_an_unscored_hand_item_is_not_submitted(world, client):
    scheme, _items = computed_scheme(world.tree.city)
    evaluation = start(world, scheme)
    client.force_login(world.office)

    response = client.post(f"/evaluation/{evaluation.pk}/step/submit/", follow=True)

    assert "尚有1项人工打分指标未打分" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT


def test_the_office_starts_an_evaluation_from_a_scheme_built_on_a_template(world, client):
    template = domain.create_scheme(by=None, owner=world.tree.city, title="模板", is_template=True)
    domain.add_plate(template, by=None, name="综合", max_points=Decimal(100))
    client.force_login(world.office)
    assert client.get(f"/evaluation/schemes/new/?source={template.pk}").status_code == 200

    client.post(
        "/evaluation/schemes/new/",
        {
            "owner": world.tree.city.pk, "title": "本办办法", "source": template.pk,
            "excellent_from": 90, "good_from": 80, "fair_from": 60,
        },
    )
    scheme = Scheme.objects.get(title="本办办法")
    assert not scheme.is_template and scheme.plates.count() == 1
    assert client.get("/evaluation/new/").status_code == 200
    response = client.post(
        "/evaluation/new/",
        {
            "scheme": scheme.pk, "term": world.term.pk,
            "organisation": world.tree.district.pk, "inspection": world.inspection.pk,
        },
    )

    evaluation = Evaluation.objects.get()
    assert response.url == f"/evaluation/{evaluation.pk}/"
    assert (evaluation.organisation, evaluation.inspection) == (world.tree.district, world.inspection)
    assert client.post("/evaluation/new/", {"scheme": template.pk, "term": world.term.pk,
                                            "organisation": world.tree.district.pk}).status_code == 200
    assert Evaluation.objects.count() == 1  # a template is not used as it is


def test_the_editor_changes_and_removes_indicators_until_the_scheme_is_used(world, client):
    scheme, items = computed_scheme(world.tree.city)
    hand_plate = items["hand"].plate
    client.force_login(world.office)
    page = client.get(f"/evaluation/schemes/{scheme.pk}/").content.decode()
    assert f"/evaluation/schemes/items/{items['rebounds'].pk}/" in page
    assert client.get(f"/evaluation/schemes/items/{items['rebounds'].pk}/").status_code == 200

    # deduct 5 → 3 per rebound, and moved to the other plate: last there, the old plate closes up
    changed = {"plate": hand_plate.pk, "text": "反弹回潮", "max_points": "10", "method": "computed",
               "metric": "rebounds", "rule": "deduct", "per_unit": "3"}
    response = client.post(f"/evaluation/schemes/items/{items['rebounds'].pk}/", changed)
    assert response.status_code == 302
    moved = scheme.plates.get(pk=hand_plate.pk).items.get(text="反弹回潮")
    assert (moved.per_unit, moved.order) == (Decimal(3), 2)
    first = scheme.plates.get(order=1)
    assert [i.order for i in first.items.order_by("order")] == list(range(1, first.items.count() + 1))
    bad = client.post(f"/evaluation/schemes/items/{moved.pk}/", {**changed, "rule": "deduct", "per_unit": "0"})
    assert bad.status_code == 200 and Scheme.objects.get(pk=scheme.pk).plates.get(pk=hand_plate.pk).items.get(
        pk=moved.pk).per_unit == Decimal(3)  # refused with the form's message, nothing changed

    client.post(f"/evaluation/schemes/items/{items['red_cards'].pk}/remove/")
    assert not first.items.filter(text="red_cards").exists()
    removed = AuditEvent.objects.filter(action="evaluation.scheme.changed").order_by("-pk").first()
    assert removed.data["removed"]["metric"] == "red_cards"  # the trail keeps what it said

    # once used, frozen: neither changed nor removed
    start(world, scheme)
    count = first.items.count()
    client.post(f"/evaluation/schemes/items/{items['overdue_measures'].pk}/remove/")
    client.post(f"/evaluation/schemes/items/{moved.pk}/", {**changed, "per_unit": "1"})
    assert first.items.count() == count and Item.objects.get(pk=moved.pk).per_unit == Decimal(3)
    assert "item-actions" not in client.get(f"/evaluation/schemes/{scheme.pk}/").content.decode()

    # another district's office: 404
    client.force_login(world.other_office)
    assert client.get(f"/evaluation/schemes/items/{moved.pk}/").status_code == 404
    assert client.post(f"/evaluation/schemes/items/{moved.pk}/remove/").status_code == 404
