"""Factories that go through the domain functions, so test data is built like real data."""

import itertools

import factory

from xuncha.accounts.domain import create_user, grant_role
from xuncha.accounts.enums import Role
from xuncha.orgs.domain import create_organisation
from xuncha.orgs.enums import OrgKind, OrgLevel
from xuncha.people.domain import create_person

PASSWORD = "Test-pass-2025"
_codes = itertools.count(1)


class OrganisationFactory(factory.Factory):
    class Meta:
        model = dict

    name = factory.Sequence(lambda n: f"测试单位{n}")
    code = factory.LazyFunction(lambda: f"T{next(_codes):06d}")
    level = OrgLevel.CITY
    kind = OrgKind.PARTY_COMMITTEE
    parent = None

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        return create_organisation(by=None, parent=parent, **kwargs)


class PersonFactory(factory.Factory):
    class Meta:
        model = dict

    name = factory.Sequence(lambda n: f"人员{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    position = "干部"

    @classmethod
    def _create(cls, model_class, **kwargs):
        return create_person(by=None, **kwargs)


class UserFactory(factory.Factory):
    class Meta:
        model = dict

    username = factory.Sequence(lambda n: f"user{n}")
    password = PASSWORD
    organisation = factory.SubFactory(OrganisationFactory)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return create_user(by=None, **kwargs)


def user_with_role(role: Role, scope, **kwargs):
    user = UserFactory(organisation=scope, **kwargs)
    grant_role(by=None, grantee=user, role=role, organisation=scope)
    return user


def make_term(owner, **kwargs):
    from datetime import date

    from django.utils import timezone

    from xuncha.plans.domain import create_term, set_scope_rule

    ends = timezone.localdate().replace(month=12, day=31)
    options = {
        "name": "十二届市委",
        "starts_on": date(2016, 1, 1),
        "ends_on": ends.replace(year=ends.year + 5),
        **kwargs,
    }
    term = create_term(by=None, owner=owner, **options)
    set_scope_rule(term, by=None, organisation=owner, include=True, subtree=True)
    return term


def make_inspection(term, targets, **kwargs):
    from xuncha.inspections.domain import create_inspection

    options = {"title": "对测试单位的巡察", "team_name": "市委第一巡察组", **kwargs}
    return create_inspection(by=None, term=term, targets=targets, **options)


def dated_inspection(tree, **kwargs):
    """An inspection of 思明区 by the city's term, entered, with dates set."""
    from datetime import date

    term = make_term(tree.city)
    options = {"entry_on": date(2021, 1, 11), "exit_on": date(2021, 2, 6), **kwargs}
    return make_inspection(term, [tree.district], **options)


def feedback_with_problems(inspection, count: int, *, organisation=None, aspects: int = 1):
    """An inspection's feedback with `count` problems spread over `aspects` aspects."""
    from datetime import date

    from xuncha.findings.domain import add_aspect, add_problem

    before = date(2000, 1, 1)
    made = [add_aspect(inspection, by=None, title=f"方面{n + 1}", today=before) for n in range(aspects)]
    return [
        add_problem(
            inspection, by=None, aspect=made[n % aspects], title=f"问题{n + 1}", organisation=organisation, today=before
        )
        for n in range(count)
    ]


def complete_measure_fields(unit, **overrides):
    from datetime import date

    return {
        "target": "目标",
        "content": "措施",
        "leader": "区委副书记",
        "lead_unit": unit,
        "deadline": date(2022, 12, 31),
        "standard": "标准",
        **overrides,
    }


OWN_PROBLEM, OTHER_PROBLEM = "思明区问题", "湖里区机密问题"
OWN_MEASURE, OTHER_MEASURE = "思明区整改措施", "湖里区机密措施"
OTHER_ASPECT = "湖里区机密方面"


def two_target_inspection(tree, *, own: int = 3, other: int = 2, approved=("own", "other")):
    """An inspection of two sibling organisations (思明区 and 湖里区), entered, feedback given,
    `own` problems concerning 思明区 and `other` concerning 湖里区 under one shared aspect (the
    last of 湖里区's under an aspect of its own, `OTHER_ASPECT`), an
    approved plan for each (those named in `approved`; the others stay drafts) with one measure
    per problem (led by each district's street).

    Titles and texts carry the organisation (`OWN_PROBLEM`, `OTHER_PROBLEM`, `OWN_MEASURE`,
    `OTHER_MEASURE`), so a test can look for the other organisation's text on any page."""
    from datetime import date
    from types import SimpleNamespace

    from xuncha.findings.domain import add_aspect, add_problem
    from xuncha.rectification import domain

    term = make_term(tree.city)
    inspection = make_inspection(
        term,
        [tree.district, tree.other_district],
        entry_on=date(2021, 1, 11),
        exit_on=date(2021, 2, 6),
        feedback_on=date(2021, 6, 25),
    )
    before = date(2000, 1, 1)
    aspect = add_aspect(inspection, by=None, title="共同方面", today=before)
    apart = add_aspect(inspection, by=None, title=OTHER_ASPECT, today=before)
    made = SimpleNamespace(inspection=inspection, aspect=aspect, apart=apart, problems={}, plans={}, measures={})
    for key, org, unit, count, problem_word, measure_word in [
        ("own", tree.district, tree.street, own, OWN_PROBLEM, OWN_MEASURE),
        ("other", tree.other_district, tree.other_street, other, OTHER_PROBLEM, OTHER_MEASURE),
    ]:
        problems = [
            add_problem(
                inspection,
                by=None,
                aspect=apart if key == "other" and n == count - 1 else aspect,
                title=f"{problem_word}{n + 1}",
                text=f"{problem_word}{n + 1}的详细情况",
                organisation=org,
                today=before,
            )
            for n in range(count)
        ]
        plan = domain.start_plan(inspection, by=None, organisation=org)
        measures = [
            domain.add_measure(
                plan,
                by=None,
                problems=[p],
                units=[unit],
                **complete_measure_fields(unit, content=f"{measure_word}{n + 1}", target=f"{measure_word}{n + 1}目标"),
            )
            for n, p in enumerate(problems)
        ]
        if key in approved:
            domain.submit_plan(plan, by=None)
            domain.approve_plan(plan, by=None)
        made.problems[key], made.plans[key], made.measures[key] = problems, plan, measures
    return made


def approved_plan(tree, problems: int):
    """An inspection of tree.district (feedback 2021-06-25) with `problems` problems, its plan
    approved with one measure per problem, led by tree.street and shared with tree.community."""
    from datetime import date

    from xuncha.rectification import domain

    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    found = feedback_with_problems(inspection, problems, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measures = [
        domain.add_measure(plan, by=None, problems=[p], units=[tree.community], **complete_measure_fields(tree.street))
        for p in found
    ]
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    return inspection, plan, measures
