"""Who sees what: the office, the addressed organisation, reviewers and leadership, and the
users who must not (another organisation's liaison, the administrators)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.supervision.conftest import days_before
from xuncha.accounts.permissions import Action, restrict
from xuncha.supervision import documents as domain
from xuncha.supervision.escalation import compute_warnings
from xuncha.supervision.interviews import record_interview
from xuncha.supervision.models import Interview, MeasureWarning, SupervisionDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(world):
    def draft():
        return domain.draft_document(
            world.inspection,
            by=world.office,
            kind="notice",
            addressee=world.tree.district,
            measures=world.measures[:1],
            today=days_before(5),
        )

    issued = domain.issue_document(draft(), by=world.office, on=days_before(5))
    return draft(), issued


def _status(client, user, name, pk, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(reverse(name, args=[pk]), data or {}).status_code


def test_liaison_of_another_organisation_gets_404(world, client, documents):
    _draft, issued = documents
    for name in ("supervision:document", "supervision:document_docx"):
        assert _status(client, world.other_liaison, name, issued.pk) == 404
    assert (
        _status(
            client,
            world.other_liaison,
            "supervision:document_answer",
            issued.pk,
            "post",
            {"answer": "x", "answered_on": "2025-06-26"},
        )
        == 404
    )
    issued.refresh_from_db()
    assert issued.status == "issued"


def test_administrators_see_nothing(world, client, documents):
    compute_warnings(days_before(-1))
    record_interview(
        world.inspection,
        by=world.office,
        organisation=world.tree.district,
        held_on=date(2025, 7, 5),
        interviewers=[world.tree.people["city"]],
        interviewees=[world.tree.people["district"]],
        reason="整改逾期",
        summary="约谈要求限期整改",
    )
    admin = world.admin
    for model in (SupervisionDocument, MeasureWarning, Interview):
        assert not restrict(model.objects.all(), admin, Action.VIEW).exists()
    client.force_login(admin)
    assert "data-step" not in client.get(reverse("supervision:warnings")).content.decode()
    assert client.get(reverse("supervision:inspection_warnings", args=[world.inspection.pk])).status_code == 404
    assert documents[1].number not in client.get(reverse("supervision:documents")).content.decode()
    assert client.get(reverse("supervision:document", args=[documents[1].pk])).status_code == 404
    assert client.get(reverse("supervision:interview", args=[Interview.objects.get().pk])).status_code == 404


def test_drafts_are_the_offices_alone(world, client, documents):
    draft, issued = documents
    assert _status(client, world.office, "supervision:document", draft.pk) == 200
    for user in (world.liaison, world.leader, world.principal):
        assert _status(client, user, "supervision:document", draft.pk) == 404
        assert _status(client, user, "supervision:document", issued.pk) == 200


def test_the_addressed_liaison_answers_but_cannot_issue_or_close(world, client, documents):
    draft, issued = documents
    assert _status(client, world.liaison, "supervision:document_issue", draft.pk, "post", {"on": "2025-06-26"}) == 404
    answered = _status(
        client,
        world.liaison,
        "supervision:document_answer",
        issued.pk,
        "post",
        {"answer": "已整改", "answered_on": "2025-06-26"},
    )
    assert answered == 302
    issued.refresh_from_db()
    assert issued.status == "answered" and issued.answered_by == world.liaison
    assert _status(client, world.liaison, "supervision:document_close", issued.pk, "post", {"on": "2025-06-27"}) == 404


def test_reviewers_and_leadership_read_but_do_not_answer(world, client, documents):
    _draft, issued = documents
    assert (
        _status(
            client,
            world.principal,
            "supervision:document_answer",
            issued.pk,
            "post",
            {"answer": "x", "answered_on": "2025-06-26"},
        )
        == 404
    )


def test_a_handler_below_the_organisation_sees_its_warnings_by_inspection(world, client):
    compute_warnings(days_before(20))
    client.force_login(world.handler)
    page = client.get(reverse("supervision:inspection_warnings", args=[world.inspection.pk]))
    assert page.status_code == 200 and page.content.decode().count('data-step="green"') == 3
    client.force_login(world.other_liaison)
    assert client.get(reverse("supervision:inspection_warnings", args=[world.inspection.pk])).status_code == 404
    assert 'data-step="' not in client.get(reverse("supervision:warnings")).content.decode()


def test_interviews_are_read_like_documents(world, client):
    interview = record_interview(
        world.inspection,
        by=world.office,
        organisation=world.tree.district,
        held_on=timezone.localdate(),
        interviewers=[world.tree.people["city"]],
        interviewees=[world.tree.people["district"]],
        reason="整改逾期",
        summary="约谈要求限期整改",
    )
    for user in (world.office, world.liaison, world.principal, world.leader):
        assert _status(client, user, "supervision:interview", interview.pk) == 200
    for user in (world.other_liaison, world.handler, world.admin):
        assert _status(client, user, "supervision:interview", interview.pk) == 404
    assert _status(client, world.liaison, "supervision:interview_edit", interview.pk) == 404
