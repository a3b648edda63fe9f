"""On PostgreSQL the application connects as a restricted role (`xuncha audit grants`): it
reads and appends to the audit log and can do nothing else to it; the owner role that runs the
migrations cannot TRUNCATE it, and what the owner can still do (lift the trigger and rewrite an
event) `xuncha audit verify` catches.

Roles belong to the whole server: each is created inside the test's transaction (rolled back at
its end) under a name that carries the test database's name, so parallel runs never meet."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from xuncha.audit.domain import record_event, record_events
from xuncha.audit.models import AuditEvent
from xuncha.audit.roles import app_role_grants

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (roles and privileges)"),
]


def _role(kind: str) -> str:
    return f"xuncha_{kind}_test_{re.sub(r'[^a-z0-9_]', '_', connection.settings_dict['NAME'].lower())}"[:63]


def _as(role: str, sql: str) -> str | None:
    """Run `sql` as `role` in a savepoint; the error message, or None if it succeeded. The
    savepoint's rollback also undoes the SET ROLE."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {connection.ops.quote_name(role)}")
            cursor.execute(sql)
            raise _Succeeded
    except _Succeeded:
        return None
    except DatabaseError as error:
        return str(error)


class _Succeeded(Exception):
    pass


@pytest.fixture
def app_role(db):
    role = _role("app")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {connection.ops.quote_name(role)} NOLOGIN")
        for statement in app_role_grants(role):
            cursor.execute(statement)
    return role


def test_restricted_application_role_cannot_alter_disable_truncate_update_or_delete(tree, app_role):
    event = record_event("orgs.organisation.moved", obj=tree.street)
    forbidden = {
        "ALTER": "ALTER TABLE audit_auditevent ADD COLUMN forged integer",
        "DISABLE TRIGGER": "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_no_update",
        "TRUNCATE": "TRUNCATE audit_auditevent",
        "UPDATE": f"UPDATE audit_auditevent SET action = 'forged' WHERE id = {event.pk}",
        "DELETE": f"DELETE FROM audit_auditevent WHERE id = {event.pk}",
        "DROP": "DROP TABLE audit_auditevent",
        "head DELETE": "DELETE FROM audit_auditchainhead",
        "head TRUNCATE": "TRUNCATE audit_auditchainhead",
        "named UPDATE": "UPDATE audit_auditeventobject SET object_id = 'forged'",
        "named DELETE": "DELETE FROM audit_auditeventobject",
        "named TRUNCATE": "TRUNCATE audit_auditeventobject",
    }
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else ALTER would fail on the test's own pending checks
    refused = {name: _as(app_role, sql) for name, sql in forbidden.items()}
    assert all(refused.values()), {name: msg for name, msg in refused.items() if msg is None}
    assert all("must be owner" in msg or "permission denied" in msg for msg in refused.values()), refused
    assert AuditEvent.objects.get(pk=event.pk).action == "orgs.organisation.moved"

    # positive control: what the application does, it can do as that role
    assert _as(app_role, "SELECT count(*) FROM audit_auditevent") is None
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {connection.ops.quote_name(app_role)}")
        appended = record_event("orgs.organisation.updated", obj=tree.street, data={"fields": ["name"]})
        record_events("orgs.organisation.updated", actor=None, objs=[tree.street, tree.street])  # and a list's read
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == app_role
            cursor.execute("RESET ROLE")
    assert appended.seq == event.seq + 1


def test_owner_role_cannot_truncate_and_its_rewrite_is_caught_by_verify(tree):
    owner = _role("owner")
    events = [record_event("orgs.organisation.updated", obj=tree.street, data={"n": i}) for i in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test transaction's deferred checks block ALTER
        cursor.execute(f"CREATE ROLE {connection.ops.quote_name(owner)} NOLOGIN")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {connection.ops.quote_name(owner)}")
        cursor.execute(f"ALTER TABLE audit_auditevent OWNER TO {connection.ops.quote_name(owner)}")
        cursor.execute(f"ALTER TABLE audit_auditeventobject OWNER TO {connection.ops.quote_name(owner)}")

    # both tables at once (the records a list's event names refer to the events)
    message = _as(owner, "TRUNCATE audit_auditevent, audit_auditeventobject")
    assert message and "TRUNCATE is refused" in message
    message = _as(owner, "TRUNCATE audit_auditeventobject")
    assert message and "TRUNCATE is refused" in message
    assert AuditEvent.objects.count() >= 3

    # the owner lifts the trigger and back-dates an event: nothing in the database stops it...
    rewrite = (
        "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_no_update; "
        f"UPDATE audit_auditevent SET at = at - interval '30 days' WHERE id = {events[1].pk}; "
        "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_no_update"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {connection.ops.quote_name(owner)}")
        cursor.execute(rewrite)
        cursor.execute("RESET ROLE")
    # ...but the chain names it
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("audit", "verify", stdout=out)
    assert exit.value.code == 1
    assert f"第 {events[1].seq} 条事件（行号 {events[1].pk}）" in out.getvalue()
