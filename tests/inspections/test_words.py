"""巡视 or 巡察 from the inspecting body's level (issue 15): a provincial inspection's pages,
kind, notifications, history and letters say 巡视 (巡视组, 省委巡视工作领导小组办公室); a city
inspection's say 巡察. Typed text (a title, a team's name) is never rewritten."""

from datetime import date

import pytest
from django.template import Context, Template

from tests.factories import (
    OrganisationFactory,
    complete_measure_fields,
    feedback_with_problems,
    make_inspection,
    make_term,
    user_with_role,
)
from xuncha.accounts.enums import Role
from xuncha.audit.history import history_entries
from xuncha.inspections.domain import set_dates
from xuncha.inspections.words import XUNCHA, XUNSHI, words_of
from xuncha.orgs.enums import OrgLevel
from xuncha.rectification import domain as rectification
from xuncha.supervision import documents
from xuncha.supervision.configuration import default_issuer_name, settings_for_term
from xuncha.supervision.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def provincial():
    """中共福建省委's term inspecting 湖里区委, as in seed 004."""
    province = OrganisationFactory(name="中共福建省委", level=OrgLevel.PROVINCE)
    district = OrganisationFactory(name="中共厦门市湖里区委员会", level=OrgLevel.DISTRICT, parent=province)
    term = make_term(province, name="十届省委")
    inspection = make_inspection(
        term,
        [district],
        title="省委巡视一组对湖里区委的巡视",
        team_name="省委巡视一组",
        entry_on=date(2021, 3, 1),
        exit_on=date(2021, 4, 30),
    )
    return inspection, province, district


@pytest.fixture
def city(tree):
    inspection = make_inspection(
        make_term(tree.city), [tree.district], entry_on=date(2021, 1, 11), exit_on=date(2021, 2, 6)
    )
    return inspection, tree.city, tree.district


def test_words_of_follow_any_record_to_its_inspection(provincial, city):
    (xunshi, _, district), (xuncha, _, city_district) = provincial, city
    assert words_of(xunshi) is XUNSHI and words_of(xuncha) is XUNCHA
    assert words_of(xunshi.term) is XUNSHI and words_of(xuncha.term) is XUNCHA
    (problem,) = feedback_with_problems(xunshi, 1, organisation=district)
    (city_problem,) = feedback_with_problems(xuncha, 1, organisation=city_district)
    assert words_of(problem) is XUNSHI and words_of(city_problem) is XUNCHA
    assert words_of(None) is XUNCHA and words_of(district) is XUNCHA  # an organisation inspects nothing by itself


def test_say_rewrites_only_for_xunshi():
    assert XUNSHI.say("常规巡察") == "常规巡视" and XUNSHI.say("巡察组") == "巡视组"
    assert XUNCHA.say("常规巡察") == "常规巡察" and XUNSHI.say("Routine inspection") == "Routine inspection"
    assert XUNSHI.say(None) == ""


def test_kind_label_of_a_provincial_inspection_is_xunshi(provincial, city):
    assert provincial[0].kind_label == "常规巡视"
    assert city[0].kind_label == "常规巡察"


def test_the_template_filter_says_the_label_in_the_inspections_words(provincial, city):
    template = Template('{{ _("Team")|in_words_of:obj }}')
    assert template.render(Context({"obj": provincial[0]})) == "巡视组"
    assert template.render(Context({"obj": city[0]})) == "巡察组"


def _page(client, inspection, scope):
    client.force_login(user_with_role(Role.OFFICE, scope))
    response = client.get(f"/inspections/{inspection.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_provincial_inspections_page_says_xunshi(provincial, client):
    inspection, province, _ = provincial
    page = _page(client, inspection, province)
    assert "常规巡视" in page and 'data-testid="team-title">巡视组<' in page
    assert "常规巡察" not in page and "巡察组" not in page
    listed = client.get("/inspections/").content.decode()
    row = listed[listed.index('data-testid="inspection-list"') :]  # the kind filter lists every kind in 巡察
    assert "常规巡视" in row and "常规巡察" not in row


def test_a_city_inspections_page_says_xuncha(city, client):
    inspection, owner, _ = city
    page = _page(client, inspection, owner)
    assert "常规巡察" in page and 'data-testid="team-title">巡察组<' in page
    assert "巡视" not in page


def _feedback(inspection):
    return set_dates(
        inspection,
        by=None,
        expected_version=inspection.version,
        entry_on=inspection.entry_on,
        exit_on=inspection.exit_on,
        feedback_on=date(2021, 6, 25),
    )


def test_the_plan_due_notification_says_xunshi_for_a_provincial_inspection(provincial, city):
    inspection, _, district = provincial
    liaison = user_with_role(Role.LIAISON, district)
    city_liaison = user_with_role(Role.LIAISON, city[2])
    feedback_with_problems(inspection, 1, organisation=district)
    feedback_with_problems(city[0], 1, organisation=city[2])
    _feedback(inspection)
    _feedback(city[0])
    (told,) = Notification.objects.filter(user=liaison).values_list("title", flat=True)
    (city_told,) = Notification.objects.filter(user=city_liaison).values_list("title", flat=True)
    assert "反馈巡视意见" in told and "巡察" not in told
    assert "反馈巡察意见" in city_told and "巡视" not in city_told


def test_the_default_letter_issuer_and_text_say_xunshi_for_a_provincial_inspection(provincial, city):
    inspection, _, district = provincial
    assert default_issuer_name(inspection.term) == "中共福建省委巡视工作领导小组办公室"
    assert default_issuer_name(city[0].term) == "中共厦门市委员会巡察工作领导小组办公室"
    assert settings_for_term(inspection.term).issuer_name == "中共福建省委巡视工作领导小组办公室"
    inspection = _feedback(inspection)
    (problem,) = feedback_with_problems(inspection, 1, organisation=district)
    unit = OrganisationFactory(name="湖里区委办", level=OrgLevel.TOWN, parent=district)
    plan = rectification.start_plan(inspection, by=None, organisation=district)
    measure = rectification.add_measure(
        plan, by=None, problems=[problem], **complete_measure_fields(unit, deadline=date(2021, 9, 30))
    )
    rectification.submit_plan(plan, by=None, on=date(2021, 7, 3))
    rectification.approve_plan(plan, by=None, on=date(2021, 7, 10))
    letter = documents.draft_document(
        inspection, by=None, kind="notice", addressee=district, measures=[measure], today=date(2021, 10, 8)
    )
    assert letter.issuer_name == "中共福建省委巡视工作领导小组办公室"
    assert "巡视整改" in letter.title and "反馈了巡视意见" in letter.body
    assert "巡察" not in letter.title + letter.body


def test_history_says_the_kind_and_fields_in_the_inspections_words(provincial):
    inspection, province, _ = provincial
    reader = user_with_role(Role.OFFICE, province)
    inspection.kind = "special"
    inspection.theme = "营商环境"
    inspection.team_name = "省委巡察一组"  # typed text: shown as typed
    inspection.save()
    (newest, *_) = history_entries(inspection, user=reader)
    changed = {field: (old, new) for field, old, new in newest.changes}
    assert changed["类型"] == ("常规巡视", "专项巡视")
    assert changed["巡视组"] == ("省委巡视一组", "省委巡察一组")


def test_the_new_inspection_form_of_a_provincial_term_asks_in_its_words(provincial, client):
    inspection, province, _ = provincial
    client.force_login(user_with_role(Role.OFFICE, province))
    form = client.get(f"/inspections/new/?term={inspection.term.pk}").content.decode()
    assert "新建巡视" in form and "常规巡视" in form and "巡视组" in form
    assert "巡察" not in form[form.index("<main") :]
