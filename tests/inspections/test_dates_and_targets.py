from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_inspection, make_term
from xuncha.inspections.domain import add_target, set_dates
from xuncha.inspections.models import Inspection, InspectionTarget
from xuncha.plans.dates import add_months
from xuncha.plans.domain import create_batch, create_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def term(tree):
    return make_term(tree.city)


@pytest.fixture
def round15(term):
    return create_round(by=None, term=term, number=15, starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))


def test_due_dates_follow_feedback_by_term_months(tree, term):
    inspection = make_inspection(
        term,
        [tree.district],
        entry_on=date(2021, 11, 1),
        exit_on=date(2021, 12, 31),
        feedback_on=date(2022, 2, 28),
    )
    assert inspection.plan_due_on == date(2022, 4, 28)
    assert inspection.report_due_on == date(2022, 8, 28)
    term.plan_months = 1
    term.save()
    inspection = set_dates(
        Inspection.objects.get(pk=inspection.pk),
        by=None,
        expected_version=inspection.version,
        entry_on=date(2021, 11, 1),
        exit_on=date(2021, 12, 31),
        feedback_on=date(2022, 1, 31),
    )
    assert inspection.plan_due_on == date(2022, 2, 28)  # clamped to the month's last day


@pytest.mark.parametrize(
    ("entry", "exit", "feedback", "field", "message"),
    [
        (date(2022, 3, 1), date(2022, 2, 1), None, "exit_on", "撤离日期早于进驻日期"),
        (date(2022, 3, 1), date(2022, 4, 1), date(2022, 3, 15), "feedback_on", "撤离之前"),
        (None, None, date(2022, 3, 15), "feedback_on", "先填写进驻日期"),
    ],
)
def test_dates_out_of_order_are_refused(tree, term, entry, exit, feedback, field, message):
    with pytest.raises(ValidationError) as caught:
        make_inspection(term, [tree.district], entry_on=entry, exit_on=exit, feedback_on=feedback)
    assert message in " ".join(caught.value.message_dict[field])
    assert not Inspection.objects.exists()


def test_entry_outside_round_is_refused(tree, term, round15):
    with pytest.raises(ValidationError, match="不在"):
        make_inspection(term, [tree.district], round=round15, entry_on=date(2023, 2, 1))


def test_organisation_inspected_twice_in_one_round_is_refused(tree, term, round15):
    batch = create_batch(by=None, round=round15, number=3, starts_on=date(2022, 3, 1), ends_on=date(2022, 6, 30))
    first = make_inspection(term, [tree.district], round=round15, batch=batch, entry_on=date(2022, 3, 10))
    with pytest.raises(ValidationError, match="已在"):
        make_inspection(term, [tree.street, tree.district], round=round15, entry_on=date(2022, 5, 1), title="第二次")
    assert Inspection.objects.count() == 1  # the whole creation rolled back
    other = make_inspection(term, [tree.street], round=round15, entry_on=date(2022, 5, 1), title="第二次")
    with pytest.raises(ValidationError, match="已在"):
        add_target(other, by=None, organisation=tree.district)
    assert InspectionTarget.objects.filter(organisation=tree.district).count() == 1
    del first


def test_batch_of_another_round_and_special_without_theme_are_refused(tree, term, round15):
    other_round = create_round(by=None, term=term, number=16, starts_on=date(2023, 1, 1), ends_on=date(2023, 6, 30))
    batch = create_batch(by=None, round=other_round, number=1, starts_on=date(2023, 1, 1), ends_on=date(2023, 2, 1))
    with pytest.raises(ValidationError, match="批次"):
        make_inspection(term, [tree.district], round=round15, batch=batch)
    with pytest.raises(ValidationError, match="主题"):
        make_inspection(term, [tree.district], kind="special")


def test_round_outside_term_and_batch_outside_round_are_refused(term, round15):
    with pytest.raises(ValidationError, match="届"):
        create_round(by=None, term=term, number=99, starts_on=date(2010, 1, 1), ends_on=date(2010, 2, 1))
    with pytest.raises(ValidationError, match="轮"):
        create_batch(by=None, round=round15, number=9, starts_on=date(2022, 12, 1), ends_on=date(2023, 1, 31))


def test_add_months_clamps():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 12, 15), 2) == date(2025, 2, 15)
    assert add_months(date(2024, 3, 31), -60) == date(2019, 3, 31)


def test_dates_page_shows_the_saved_dates_and_keeps_them_when_saved_unchanged(tree, term, client):
    from tests.factories import user_with_role
    from tests.html_forms import shown_value, unchanged_post
    from xuncha.accounts.enums import Role

    inspection = make_inspection(
        term, [tree.district], entry_on=date(2021, 11, 1), exit_on=date(2021, 12, 31), feedback_on=date(2022, 2, 28)
    )
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/inspections/{inspection.pk}/dates/"
    page = client.get(url)
    assert [shown_value(page, name) for name in ("entry_on", "exit_on", "feedback_on")] == [
        "2021-11-01",
        "2021-12-31",
        "2022-02-28",
    ]
    assert client.post(url, unchanged_post(page, "entry_on")).status_code == 302
    saved = Inspection.objects.get(pk=inspection.pk)
    assert (saved.entry_on, saved.exit_on, saved.feedback_on) == (
        date(2021, 11, 1),
        date(2021, 12, 31),
        date(2022, 2, 28),
    )
