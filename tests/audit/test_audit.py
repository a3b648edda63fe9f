import pytest
from django.db import DatabaseError, connection, transaction

from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit.domain import record_event
from xuncha.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_events_cannot_be_changed_or_deleted(tree):
    event = record_event("orgs.organisation.updated", obj=tree.street)
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "orgs.organisation.updated"


def test_auditor_reads_events_in_scope_only(tree, client):
    inside = record_event("orgs.organisation.updated", obj=tree.street)
    outside = record_event("orgs.organisation.updated", obj=tree.other_street)
    auditor = user_with_role(Role.AUDITOR, tree.district)
    client.force_login(auditor)
    page = client.get("/audit/").content.decode()
    assert str(tree.street) in page and str(tree.other_street) not in page
    del inside, outside


def test_edit_through_page_writes_history_and_event(tree, client):
    office = user_with_role(Role.OFFICE, tree.district)
    client.force_login(office)
    response = client.post(
        f"/orgs/{tree.street.pk}/edit/",
        {
            "name": tree.street.name,
            "short_name": "梧村",
            "code": tree.street.code,
            "level": "town",
            "kind": "street",
            "sort_order": 0,
            "version": 1,
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="orgs.organisation.updated", actor=office).exists()
    detail = client.get(f"/orgs/{tree.street.pk}/").content.decode()
    assert "梧村" in detail and "变更历史" in detail


def test_stale_edit_through_page_shows_what_changed_and_saves_nothing(tree, client):
    office = user_with_role(Role.OFFICE, tree.district)
    client.force_login(office)
    form = {
        "name": tree.street.name,
        "short_name": "甲",
        "code": tree.street.code,
        "level": "town",
        "kind": "street",
        "sort_order": 0,
        "version": 1,
    }
    assert client.post(f"/orgs/{tree.street.pk}/edit/", form).status_code == 302
    response = client.post(f"/orgs/{tree.street.pk}/edit/", {**form, "short_name": "乙"})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="conflict"' in body and "甲" in body
    tree.street.refresh_from_db()
    assert tree.street.short_name == "甲"
