from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    approved_plan,
    complete_measure_fields,
    dated_inspection,
    feedback_with_problems,
    user_with_role,
)
from tests.html_forms import shown_value, unchanged_post
from xuncha.accounts.enums import Role
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.rectification import domain
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(tree):
    return approved_plan(tree, 2)


@pytest.mark.parametrize(
    ("role", "scope", "expected"),
    [
        (Role.OFFICE, "city", {"overview": 200, "board": 200, "plan": 200, "measure": 200, "tasks": 404}),
        (Role.DISCIPLINE_REVIEWER, "city", {"overview": 200, "board": 200, "plan": 200, "measure": 200, "tasks": 404}),
        (Role.LIAISON, "district", {"overview": 200, "board": 200, "plan": 200, "measure": 200, "tasks": 200}),
        (
            Role.RESPONSIBLE_UNIT,
            "community",
            {"overview": 404, "board": 404, "plan": 404, "measure": 200, "tasks": 200},
        ),
        (
            Role.RESPONSIBLE_UNIT,
            "other_street",
            {"overview": 404, "board": 404, "plan": 404, "measure": 404, "tasks": 200},
        ),
        (Role.LIAISON, "other_district", {"overview": 404, "board": 404, "plan": 404, "measure": 404, "tasks": 200}),
        (Role.SYSTEM_ADMIN, "city", {"overview": 404, "board": 404, "plan": 404, "measure": 404, "tasks": 404}),
        (Role.AUDITOR, "city", {"overview": 404, "board": 404, "plan": 404, "measure": 404, "tasks": 404}),
    ],
)
def test_who_sees_rectification(tree, approved, client, role, scope, expected):
    inspection, plan, measures = approved
    client.force_login(user_with_role(role, getattr(tree, scope)))
    urls = {
        "overview": f"/rectification/inspection/{inspection.pk}/",
        "board": f"/rectification/inspection/{inspection.pk}/board/",
        "plan": f"/rectification/plans/{plan.pk}/",
        "measure": f"/rectification/measures/{measures[0].pk}/",
        "tasks": "/rectification/my-tasks/",
    }
    assert {k: client.get(u).status_code for k, u in urls.items()} == expected
    if expected["tasks"] == 200:
        visible = f'href="/rectification/measures/{measures[0].pk}/"' in client.get(urls["tasks"]).content.decode()
        assert visible is (expected["measure"] == 200)


def test_unit_reports_but_cannot_sign_off(tree, approved, client):
    _inspection, _plan, measures = approved
    client.force_login(user_with_role(Role.RESPONSIBLE_UNIT, tree.community))
    url = f"/rectification/measures/{measures[0].pk}/"
    assert client.post(url + "progress/", {"text": "已完成", "status": "done"}).status_code == 302
    assert client.post(url + "request_sign_off/").status_code == 302
    assert client.post(url + "approve_sign_off/").status_code == 404
    assert client.post(url + "no_such_step/").status_code == 404
    measures[0].refresh_from_db()
    assert measures[0].sign_off == "requested"


def test_second_editor_is_refused_and_sees_what_changed(tree, approved, client):
    _inspection, _plan, measures = approved
    measure = measures[0]
    first = Measure.objects.get(pk=measure.pk)
    domain.update_measure(first, by=None, expected_version=first.version, leader="区长")
    with pytest.raises(ConcurrentEditError):
        domain.update_measure(measure, by=None, expected_version=measure.version, leader="副区长")
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    form = {
        "version": measure.version,
        "problems": [p.pk for p in measure.problems.all()],
        "target": "目标",
        "content": "措施",
        "leader": "书记",
        "lead_unit": tree.street.pk,
        "deadline": "2022-12-31",
        "standard": "标准",
    }
    response = client.post(f"/rectification/measures/{measure.pk}/edit/", form)
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="conflict"' in body and "区长" in body
    assert Measure.objects.get(pk=measure.pk).leader == "区长"


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["board", "tasks", "plan"])
def test_query_counts_do_not_grow_with_measures(tree, client, page):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 4, organisation=tree.district, aspects=2)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    user = user_with_role(Role.LIAISON, tree.district)
    client.force_login(user)
    url = {
        "board": f"/rectification/inspection/{inspection.pk}/board/",
        "tasks": "/rectification/my-tasks/",
        "plan": f"/rectification/plans/{plan.pk}/",
    }[page]
    domain.add_measure(
        plan, by=None, problems=[problems[0]], units=[tree.street], **complete_measure_fields(tree.street)
    )
    one = _count(client, url)
    for p in problems[1:]:
        domain.add_measure(plan, by=None, problems=[p], units=[tree.street], **complete_measure_fields(tree.street))
    assert _count(client, url) == one


def test_liaison_cannot_move_an_approved_deadline_but_can_ask(tree, approved, client):
    """Fault found by a new user: the inspected side's liaison moved an approved measure's
    deadline from 2022 to 2030, unreviewed. Now the edit is refused on every door and a change
    request waits for the office, whose approval counts an extension (延期)."""
    from django.core.exceptions import PermissionDenied

    from xuncha.rectification.figures import rectification_figures
    from xuncha.rectification.models import MeasureChange

    inspection, _plan, measures = approved
    measure = Measure.objects.get(pk=measures[0].pk)
    old_deadline = measure.deadline
    liaison = user_with_role(Role.LIAISON, tree.district)
    with pytest.raises(PermissionDenied):
        domain.update_measure(measure, by=liaison, expected_version=measure.version, deadline=date(2030, 12, 31))
    client.force_login(liaison)
    page = client.get(f"/rectification/measures/{measure.pk}/").content.decode()
    assert 'data-testid="request-change"' in page and "/edit/" not in page
    form = {
        "version": measure.version,
        "problems": [p.pk for p in measure.problems.all()],
        "target": "目标",
        "content": "措施",
        "leader": "书记",
        "lead_unit": tree.street.pk,
        "deadline": "2030-12-31",
        "standard": "标准",
    }
    assert client.post(f"/rectification/measures/{measure.pk}/edit/", form).status_code == 404
    assert Measure.objects.get(pk=measure.pk).deadline == old_deadline
    response = client.post(
        f"/rectification/measures/{measure.pk}/request_change/",
        {"deadline": "2030-12-31", "reason": "资金未到位"},
    )
    assert response.status_code == 302
    change = MeasureChange.objects.get(measure=measure)
    assert change.status == "pending" and Measure.objects.get(pk=measure.pk).deadline == old_deadline
    # the liaison cannot decide its own request
    assert client.post(
        f"/rectification/measures/{measure.pk}/approve_change/", {"change": change.pk}
    ).status_code == 404
    office = user_with_role(Role.OFFICE, tree.city)
    client.force_login(office)
    page = client.get(f"/rectification/measures/{measure.pk}/").content.decode()
    assert 'data-testid="approve-change"' in page
    assert client.post(
        f"/rectification/measures/{measure.pk}/approve_change/", {"change": change.pk}
    ).status_code == 302
    assert Measure.objects.get(pk=measure.pk).deadline == date(2030, 12, 31)
    change.refresh_from_db()
    assert change.status == "approved" and change.extends_deadline and change.decided_by == office
    figures = rectification_figures(
        inspection.problems.all(), Measure.objects.filter(plan__inspection=inspection), today=date(2022, 1, 1)
    )
    assert figures.extensions == 1
    history = [h.deadline for h in Measure.history.filter(id=measure.pk).order_by("history_date")]
    assert history[-1] == date(2030, 12, 31) and old_deadline in history


def test_a_refused_change_changes_nothing(tree, approved):
    from django.core.exceptions import ValidationError

    _inspection, _plan, measures = approved
    liaison = user_with_role(Role.LIAISON, tree.district)
    office = user_with_role(Role.OFFICE, tree.city)
    change = domain.request_change(measures[0], by=liaison, reason="人手不足", standard="降低标准")
    with pytest.raises(ValidationError):
        domain.request_change(measures[0], by=liaison, reason="再申请", deadline=date(2031, 1, 1))
    with pytest.raises(ValidationError):
        domain.refuse_change(change, by=office, reason="")
    domain.refuse_change(change, by=office, reason="理由不充分")
    measure = Measure.objects.get(pk=measures[0].pk)
    assert measure.standard != "降低标准"
    change.refresh_from_db()
    assert change.status == "refused" and change.decision_reason == "理由不充分"


def test_an_office_edit_of_an_approved_measure_is_recorded_as_an_approved_change(tree, approved):
    _inspection, _plan, measures = approved
    office = user_with_role(Role.OFFICE, tree.city)
    measure = Measure.objects.get(pk=measures[0].pk)
    domain.update_measure(
        measure, by=office, expected_version=measure.version, deadline=date(2031, 6, 30), reason="经研究同意延期"
    )
    change = measure.changes.get()
    assert change.status == "approved" and change.extends_deadline and change.reason == "经研究同意延期"


def test_measure_deadline_is_shown_and_kept_when_saved_unchanged(tree, approved, client):
    _inspection, _plan, measures = approved
    measure = measures[0]
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/rectification/measures/{measure.pk}/"
    edit = f"/rectification/measures/{measure.pk}/edit/"
    page = client.get(url)
    assert "2022年12月31日" in page.content.decode()  # shown as text in Chinese
    assert shown_value(page, "deadline", edit) == "2022-12-31"
    assert client.post(edit, unchanged_post(page, "deadline", edit)).status_code == 302
    saved = Measure.objects.get(pk=measure.pk)
    assert saved.deadline == date(2022, 12, 31)


def test_start_plan_form_preselects_the_liaisons_only_organisation_and_not_the_offices_several(tree, client):
    """A liaison starts the plan of its own organisation without choosing it from a list of one;
    the office, which may start the plan of either inspected organisation, still chooses."""
    from tests.factories import make_inspection, make_term

    inspection = make_inspection(
        make_term(tree.city),
        [tree.district, tree.other_district],
        entry_on=date(2021, 1, 11),
        exit_on=date(2021, 2, 6),
        feedback_on=date(2021, 6, 25),
    )
    feedback_with_problems(inspection, 1, organisation=tree.district)
    start = f"/rectification/inspection/{inspection.pk}/start/"
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    sent = unchanged_post(client.get(f"/rectification/inspection/{inspection.pk}/"), "organisation", start)
    assert sent.get("organisation", [""]) == [""]  # either district's plan: chosen, not guessed

    client.force_login(user_with_role(Role.LIAISON, tree.district))
    sent = unchanged_post(client.get(f"/rectification/inspection/{inspection.pk}/"), "organisation", start)
    assert sent["organisation"] == [str(tree.district.pk)]
    response = client.post(start, {"organisation": sent["organisation"]})
    assert response.status_code == 302 and inspection.plans.get().organisation == tree.district
