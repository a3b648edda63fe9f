"""Staffing a team from the talent pools: who is proposed for a role, in which order and why;
a proposed person with a conflict of interest is listed with the reason and refused when
ticked; secondments (抽调) and the team's own appraisal (巡察组工作考评)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import PersonFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.people.domain import add_employment, add_relative
from xuncha.staffing.domain import add_pool_member, appraise_team, assign_member, create_pool, evaluate
from xuncha.staffing.models import TeamAppraisal, TeamMember
from xuncha.staffing.proposals import propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(tree):
    today = timezone.localdate()
    term = make_term(tree.city)
    inspection = make_inspection(
        term, [tree.street], entry_on=today + timedelta(days=10), exit_on=today + timedelta(days=60)
    )
    pool = create_pool(by=None, owner=tree.city, name="一线巡察干部库", kind="frontline")
    leaders = create_pool(by=None, owner=tree.city, name="组长库", kind="leaders")
    experts = create_pool(by=None, owner=tree.city, name="专家智库", kind="experts")
    people = {}
    for name, specialties, available in (
        ("甲财务", ["财务", "审计"], True),
        ("乙纪检", ["纪检"], True),
        ("丙忙碌", ["财务"], False),
        ("丁回避", ["财务", "审计"], True),
        ("戊已用", ["财务"], True),
    ):
        people[name] = PersonFactory(name=name, organisation=tree.other_district)
        add_pool_member(
            pool, by=None, person=people[name], joined_on=date(2022, 1, 1), specialties=specialties,
            available=available, availability_note="" if available else "借调中",
        )
    add_employment(people["丁回避"], by=None, organisation=tree.street, start=date(2015, 1, 1), end=None)
    people["组长"] = PersonFactory(name="组长", organisation=tree.city)
    add_pool_member(leaders, by=None, person=people["组长"], joined_on=date(2022, 1, 1))
    people["专家"] = PersonFactory(name="专家", organisation=tree.city)
    add_pool_member(experts, by=None, person=people["专家"], joined_on=date(2022, 1, 1), specialties=["财务"])
    # 戊 has already served on another team of the term
    earlier = make_inspection(
        term, [tree.other_street], entry_on=date(2021, 1, 1), exit_on=date(2021, 2, 1), title="早先一次"
    )
    evaluate(assign_member(earlier, by=None, person=people["戊已用"], role="member"), by=None, grade="excellent")
    return inspection, people


def test_members_are_ranked_by_fit_and_explained(tree, setting):
    inspection, _people = setting
    office = user_with_role(Role.OFFICE, tree.city)
    ranked = propose(inspection, user=office, role="member", specialties=["财务", "审计"])
    names = [p.person.name for p in ranked]
    # assignable first; two specialties matched before one; available before not; fewer teams first
    assert names == ["甲财务", "戊已用", "丙忙碌", "乙纪检", "丁回避"]
    assert "组长" not in names and "专家" not in names  # other role's pool; experts advise, not members
    first, used, busy, _, conflicted = ranked
    assert first.matched == ["财务", "审计"] and first.assignable
    assert any("1" in r for r in used.reasons) and used.last_grade == "excellent"
    assert any("借调中" in r for r in busy.reasons)
    assert not conflicted.assignable and conflicted.conflicts[0].kind == "former"
    assert "梧村街道党工委" in conflicted.refusals[0]
    # the leader's pool for a leader
    assert [p.person.name for p in propose(inspection, user=office, role="leader")] == ["组长"]


def test_overlap_and_team_places_are_said(tree, setting):
    inspection, people = setting
    office = user_with_role(Role.OFFICE, tree.city)
    assign_member(inspection, by=None, person=people["甲财务"], role="member")
    clash = make_inspection(
        inspection.term, [tree.other_street], entry_on=inspection.entry_on, exit_on=inspection.exit_on, title="同期"
    )
    assign_member(clash, by=None, person=people["乙纪检"], role="member")
    ranked = {p.person.name: p for p in propose(inspection, user=office, role="member")}
    assert ranked["甲财务"].on_team and not ranked["甲财务"].assignable
    assert "同期" in ranked["乙纪检"].clash


def test_reading_the_pools_costs_the_same_for_any_size(tree, setting):
    inspection, _people = setting
    office = user_with_role(Role.OFFICE, tree.city)
    pool = create_pool(by=None, owner=tree.city, name="大库", kind="frontline")

    def count():
        with CaptureQueriesContext(connection) as queries:
            propose(inspection, user=office, role="member", specialties=["财务"])
        return len(queries)

    count()  # the user's roles and scopes are read once per request; not what is measured
    before = count()
    for index in range(12):
        person = PersonFactory(name=f"新人{index}", organisation=tree.other_district)
        add_relative(person, by=None, name="亲属", relation="spouse", organisation=tree.community)
        add_pool_member(pool, by=None, person=person, joined_on=date(2022, 1, 1), specialties=["财务"])
    assert count() == before
    assert all(p.conflicts for p in propose(inspection, user=office, role="member") if p.person.name.startswith("新人"))


def test_ticked_people_are_assigned_and_the_conflicted_one_refused(tree, setting, client):
    inspection, people = setting
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/staffing/inspections/{inspection.pk}/propose/"
    page = client.get(url, {"role": "member", "specialties": ["财务"]}).content.decode()
    assert "丁回避" in page and 'data-testid="refusal"' in page
    response = client.post(
        url,
        {"role": "member", "specialties": ["财务"], "person": [people["甲财务"].pk, people["丁回避"].pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "甲财务" in text and "回避" in text
    assert list(TeamMember.objects.filter(inspection=inspection).values_list("person__name", flat=True)) == ["甲财务"]
    # someone outside the proposals (an expert) is not assigned through this page
    client.post(url, {"role": "member", "person": [people["专家"].pk]})
    assert not TeamMember.objects.filter(person=people["专家"]).exists()


def test_only_the_office_staffs_from_the_pools(tree, setting, client):
    inspection, _people = setting
    url = f"/staffing/inspections/{inspection.pk}/propose/"
    for role, scope in ((Role.LEADERSHIP, tree.city), (Role.LIAISON, tree.street), (Role.OFFICE, tree.other_district)):
        client.force_login(user_with_role(role, scope))
        assert client.get(url).status_code == 404


def test_a_seconded_member_keeps_the_lending_unit_and_period(tree, setting, client):
    inspection, people = setting
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.post(
        f"/inspections/{inspection.pk}/team/add/",
        {"person": people["乙纪检"].pk, "role": "deputy", "home_unit": tree.other_district.pk,
         "secondment_letter": "厦纪干〔2026〕3号"},
    )
    assert response.status_code == 302
    member = TeamMember.objects.get(person=people["乙纪检"])
    assert (member.home_unit, member.seconded_from, member.seconded_to) == (
        tree.other_district, inspection.entry_on, inspection.exit_on
    )
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert 'data-testid="secondment"' in page and "厦纪干〔2026〕3号" in page
    # a period without a unit is refused and stores nothing
    response = client.post(
        f"/inspections/{inspection.pk}/team/add/",
        {"person": people["甲财务"].pk, "role": "member", "seconded_from": "2026-01-01"},
    )
    assert response.status_code == 200 and not TeamMember.objects.filter(person=people["甲财务"]).exists()


def test_the_team_is_appraised_after_exit_by_the_office_only(tree, client):
    term = make_term(tree.city)
    inspection = make_inspection(term, [tree.district], entry_on=date(2021, 1, 11), exit_on=date(2021, 2, 6))
    assign_member(inspection, by=None, person=PersonFactory(organisation=tree.city), role="leader")
    office = user_with_role(Role.OFFICE, tree.city)
    client.force_login(office)
    url = f"/staffing/inspections/{inspection.pk}/appraise/"
    assert url in client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert client.post(url, {"score": "101", "grade": "excellent"}).status_code == 200  # out of range
    assert not TeamAppraisal.objects.exists()
    assert client.post(url, {"score": "91.5", "grade": "excellent", "comment": "作风扎实"}).status_code == 302
    appraisal = TeamAppraisal.objects.get(inspection=inspection)
    assert str(appraisal.score) == "91.5"
    assert AuditEvent.objects.filter(action="staffing.team.appraised").exists()
    assert 'data-testid="team-appraisal"' in client.get(f"/inspections/{inspection.pk}/").content.decode()
    # a later appraisal replaces it, and the history keeps the first
    appraise_team(inspection, by=office, score="88", grade="competent")
    assert appraisal.history.count() == 2
    client.force_login(user_with_role(Role.LEADERSHIP, tree.city))
    assert client.get(url).status_code == 404
    assert 'data-testid="team-appraisal"' not in client.get(f"/inspections/{inspection.pk}/").content.decode()
    # before exit it is not offered, and refused if tried
    today = timezone.localdate()
    running = make_inspection(term, [tree.other_district], entry_on=today, exit_on=today + timedelta(days=9))
    client.force_login(office)
    assert "/appraise/" not in client.get(f"/inspections/{running.pk}/").content.decode()
    client.post(f"/staffing/inspections/{running.pk}/appraise/", {"score": "90", "grade": "excellent"})
    assert not TeamAppraisal.objects.filter(inspection=running).exists()
