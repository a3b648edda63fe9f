"""Scores within bounds with a reason, totals and grades worked out from the rows, sign-off and
reopening as declared steps, the ranked table (ties share a rank), the scheme frozen once used
and next year's copied from it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.appraisal.conftest import make_scheme, score_all, signed
from tests.factories import OrganisationFactory
from xuncha.appraisal import domain
from xuncha.appraisal.enums import AppraisalGrade, AppraisalStatus
from xuncha.appraisal.models import AppraisalItem, AppraisalScore
from xuncha.appraisal.queries import appraisals_for_user, ranked
from xuncha.appraisal.scoring import result
from xuncha.appraisal.subjects import subjects_of
from xuncha.audit.models import AuditEvent
from xuncha.orgs.enums import OrgKind, OrgLevel
from xuncha.workflow import actions


def test_the_subjects_are_the_committees_one_level_down(world):
    tree = world.tree
    assert set(subjects_of(tree.city)) == {tree.district, tree.other_district}
    assert list(subjects_of(tree.district)) == []  # streets own no term


def test_a_street_or_the_city_itself_is_refused_as_a_subject(world):
    for org in (world.tree.street, world.tree.city):
        with pytest.raises(ValidationError):
            domain.start_appraisal(by=world.office, scheme=world.scheme, subject=org)


@pytest.mark.parametrize("points, field", [("40.01", "score"), ("-1", "score")])
def test_a_score_out_of_bounds_is_refused(world, points, field):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    with pytest.raises(ValidationError) as refused:
        domain.score_item(appraisal, by=world.office, item=world.items[0], score=Decimal(points), reason="理由")
    assert field in refused.value.message_dict
    assert not AppraisalScore.objects.exists()


def test_a_score_needs_a_reason_and_an_item_of_the_scheme(world):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    with pytest.raises(ValidationError) as refused:
        domain.score_item(appraisal, by=world.office, item=world.items[0], score=Decimal(10), reason=" ")
    assert "reason" in refused.value.message_dict
    _other, other_items = make_scheme(world.tree.city, year=2025, title="2025年度")
    with pytest.raises(ValidationError) as refused:
        domain.score_item(appraisal, by=world.office, item=other_items[0], score=Decimal(10), reason="理由")
    assert "item" in refused.value.message_dict


def test_the_max_score_is_accepted_and_a_second_score_replaces_the_first(world):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    domain.score_item(appraisal, by=world.office, item=world.items[0], score=Decimal(40), reason="满分")
    domain.score_item(appraisal, by=world.office, item=world.items[0], score=Decimal(35), reason="复核扣分")
    row = AppraisalScore.objects.get()
    assert (row.score, row.reason) == (Decimal(35), "复核扣分")
    assert row.history.count() == 2  # the earlier score is kept in the history


def test_total_and_grade_are_worked_out_from_the_scores(world):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    score_all(appraisal, world.items, [38, 27.5, 20], world.office)
    worked = result(appraisal)
    assert [s.points for s in worked.sections] == [Decimal(38), Decimal("47.5")]
    assert (worked.total, worked.max_points, worked.unscored) == (Decimal("85.5"), Decimal(100), 0)
    assert world.scheme.grade_for(worked.total) == AppraisalGrade.GOOD
    assert sum(AppraisalScore.objects.values_list("score", flat=True)) == worked.total


def test_sign_off_waits_for_every_item_and_keeps_total_and_grade(world):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    score_all(appraisal, world.items[:2], [40, 30], world.office)
    step = actions.get("appraisal.sign_off")
    assert not step.offered_to(world.office, appraisal)
    with pytest.raises(ValidationError):
        domain.sign_off(appraisal, by=world.office)
    domain.score_item(appraisal, by=world.office, item=world.items[2], score=Decimal(25), reason="扣5分")
    assert step.offered_to(world.office, appraisal)
    done = domain.sign_off(appraisal, by=world.office)
    assert (done.status, done.signed_total, done.signed_grade) == (
        AppraisalStatus.SIGNED_OFF, Decimal(95), AppraisalGrade.EXCELLENT)
    assert not actions.get("appraisal.score").offered_to(world.office, done)  # no scoring once signed off


def test_reopening_needs_a_reason_and_clears_the_signed_total(world):
    appraisal = signed(world, world.tree.district, [40, 30, 30])
    with pytest.raises(ValidationError):
        domain.reopen(appraisal, by=world.office, reason="")
    reopened = domain.reopen(appraisal, by=world.office, reason="区委补充材料，重新评分")
    assert (reopened.status, reopened.signed_total, reopened.signed_grade) == (AppraisalStatus.DRAFT, None, "")
    assert reopened.reopen_reason == "区委补充材料，重新评分"
    codes = list(AuditEvent.objects.filter(object_id=str(appraisal.pk)).values_list("action", flat=True))
    assert {"appraisal.appraisal.signed_off", "appraisal.appraisal.reopened"} <= set(codes)


def test_only_the_upper_office_takes_the_steps(world):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    score_all(appraisal, world.items, [40, 30, 30], world.office)
    for user in (world.leader, world.district_office, world.reviewer):
        assert not actions.get("appraisal.sign_off").offered_to(user, appraisal)
        with pytest.raises(actions.ActionRefused):
            domain.score_item(appraisal, by=user, item=world.items[0], score=Decimal(1), reason="越权")


def test_the_ranked_table_ranks_signed_off_totals_and_ties_share_a_rank(world):
    tree = world.tree
    third = OrganisationFactory(name="中共厦门市集美区委员会", level=OrgLevel.DISTRICT, parent=tree.city)
    fourth = OrganisationFactory(name="中共厦门市海沧区委员会", level=OrgLevel.DISTRICT, parent=tree.city)
    OrganisationFactory(name="集美区委巡察办", level=OrgLevel.DISTRICT, kind=OrgKind.INSPECTION_OFFICE, parent=third)
    signed(world, tree.district, [35, 25, 25])  # 85
    signed(world, tree.other_district, [38, 28, 26])  # 92
    signed(world, third, [30, 30, 25])  # 85: ties with 思明区
    draft = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=fourth)
    domain.score_item(draft, by=world.office, item=world.items[0], score=Decimal(40), reason="满分")

    rows = ranked(world.scheme, appraisals_for_user(world.office))
    assert [(r.subject.pk, r.rank, r.total) for r in rows] == [
        (tree.other_district.pk, 1, Decimal(92)),
        (tree.district.pk, 2, Decimal(85)),
        (third.pk, 2, Decimal(85)),
        (fourth.pk, None, Decimal(40)),  # a draft: listed, not ranked
    ]
    assert rows[0].grade == AppraisalGrade.EXCELLENT and rows[1].grade == AppraisalGrade.GOOD
    assert rows[3].unscored == 2


def test_a_subject_not_appraised_yet_is_listed_last(world):
    signed(world, world.tree.district, [35, 25, 25])
    rows = ranked(world.scheme, appraisals_for_user(world.office))
    assert [(r.subject.pk, r.rank, r.appraisal) for r in rows][1] == (world.tree.other_district.pk, None, None)


def test_the_scheme_is_frozen_once_used_and_next_year_is_copied_from_it(world):
    domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    with pytest.raises(ValidationError):
        domain.add_item(world.items[0].section, by=world.office, text="新增", max_points=Decimal(5))
    with pytest.raises(ValidationError):
        domain.remove_item(world.items[0], by=world.office)
    with pytest.raises(ValidationError):  # one scheme per committee and year
        domain.create_scheme(by=world.office, owner=world.tree.city, year=2026, title="重复")

    copy = domain.copy_scheme(world.scheme, by=world.office, year=2027, title="2027年度区(市)党委巡察工作考评细则")
    assert copy.previous == world.scheme and copy.year == 2027
    assert [(i.section.name, i.text, i.max_points) for i in AppraisalItem.objects.filter(section__scheme=copy)] == [
        (i.section.name, i.text, i.max_points) for i in world.items
    ]
    added = domain.add_item(copy.sections.first(), by=world.office, text="新增指标", max_points=Decimal(5))
    domain.remove_item(added, by=world.office)
    assert not copy.is_frozen


def test_a_street_cannot_keep_a_scheme(world):
    with pytest.raises(ValidationError):
        domain.create_scheme(by=None, owner=world.tree.street, year=2026, title="街道")
