"""The audit chain: `xuncha audit verify` names the first changed, removed or inserted event,
even when the table's owner did it with the append-only trigger out of the way."""

import io
import itertools
import json

import pytest
from django.core.management import call_command
from django.db import connection

from xuncha.audit import chain
from xuncha.audit.domain import record_event, record_events
from xuncha.audit.models import AuditChainHead, AuditEvent

pytestmark = pytest.mark.django_db


def _verify(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def _as_owner(sql: str, params=()) -> None:
    """What the table's owner can do: lift the append-only trigger, write, put it back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # the test's own transaction holds deferred foreign-key checks; ALTER TABLE wants none
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_no_update")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute(sql, params)
            cursor.execute(
                "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
            )


def _events(tree, n=5):
    created = [
        record_event("orgs.organisation.updated", obj=tree.street, data={"fields": ["name"], "n": i}) for i in range(n)
    ]
    return created


def test_events_form_one_unbroken_chain(tree):
    first = _events(tree, 3)[0]
    record_events("orgs.organisation.updated", actor=None, objs=[tree.city, tree.district])
    record_event("accounts.login.failed", data={"username": "张三", "when": ("a", 1)})
    rows = list(AuditEvent.objects.filter(seq__gte=first.seq).order_by("seq"))
    assert [e.seq for e in rows] == list(range(first.seq, first.seq + 6))
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(rows))
    assert len({e.hash for e in rows}) == 6 and all(len(e.hash) == 64 for e in rows)
    head = AuditChainHead.objects.get()
    assert (head.seq, head.hash) == (rows[-1].seq, rows[-1].hash)
    code, out = _verify()
    assert code == 0 and "审计日志完好" in out


def test_hmac_is_sm3_keyed_with_the_configured_key(tree, settings):
    event = record_event("orgs.organisation.moved", obj=tree.street)
    assert chain.digest(event, seq=event.seq, prev_hash=event.prev_hash) == event.hash
    other_key = "ff" * 32
    assert chain.digest(event, seq=event.seq, prev_hash=event.prev_hash, key=bytes.fromhex(other_key)) != event.hash
    settings.XUNCHA_AUDIT_KEY = other_key
    code, out = _verify()
    assert code == 1 and "HMAC" in out


def test_verify_names_an_event_the_owner_changed(tree):
    events = _events(tree)
    assert _verify()[0] == 0  # positive control: intact before the change
    _as_owner("UPDATE audit_auditevent SET org_path = %s WHERE id = %s", ["/9/", events[2].pk])
    code, out = _verify()
    assert code == 1
    assert f"第 {events[2].seq} 条事件（行号 {events[2].pk}）" in out and "事件被改动" in out
    assert f"此前 {events[2].seq - 1} 条事件完好" in out


def test_verify_catches_a_back_dated_event(tree):
    events = _events(tree)
    _as_owner("UPDATE audit_auditevent SET at = %s WHERE id = %s", ["2020-01-01 00:00:00", events[1].pk])
    code, out = _verify()
    assert code == 1 and f"第 {events[1].seq} 条事件" in out


def test_verify_names_an_event_deleted_from_the_middle(tree):
    events = _events(tree)
    _as_owner("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    code, out = _verify()
    assert code == 1 and f"第 {events[2].seq} 至 {events[2].seq} 条事件缺失" in out


def test_verify_catches_an_event_inserted_without_the_key(tree):
    events = _events(tree, 2)
    forged = AuditEvent(action="orgs.organisation.updated", object_repr="伪造", data={})
    chain.normalise(forged)
    seq, prev = events[-1].seq + 1, events[-1].hash
    forged_hash = chain.digest(forged, seq=seq, prev_hash=prev, key=b"guessed key 0123")
    _as_owner(
        "INSERT INTO audit_auditevent (at, actor_name, action, object_type, object_id, object_repr, org_path, "
        "data, seq, prev_hash, hash) VALUES (%s, '', %s, '', '', '伪造', '', '{}', %s, %s, %s)",
        [forged.at, forged.action, seq, prev, forged_hash],
    )
    AuditChainHead.objects.filter(pk=chain.HEAD_ID).update(seq=seq, hash=forged_hash)
    code, out = _verify()
    assert code == 1 and f"第 {seq} 条事件" in out and "HMAC" in out


def test_a_cut_tail_is_caught_by_the_stored_head_and_by_the_anchors(tree, tmp_path):
    anchors = tmp_path / "audit-anchors.jsonl"
    events = _events(tree, 3)
    code, out = _verify("--anchor", "--anchor-file", str(anchors))
    assert code == 0 and "已将链头" in out
    more = _events(tree, 2)
    assert _verify("--anchor", "--anchor-file", str(anchors))[0] == 0
    lines = [json.loads(line) for line in anchors.read_text().splitlines()]
    assert [a["seq"] for a in lines] == [events[-1].seq, more[-1].seq]

    _as_owner("DELETE FROM audit_auditevent WHERE seq > %s", [events[-1].seq])
    code, out = _verify("--anchor-file", str(anchors))
    assert code == 1 and "链头" in out  # the head row still says the chain was longer
    # the owner also rewinds the head row: the anchor written outside the database remains
    AuditChainHead.objects.filter(pk=chain.HEAD_ID).update(seq=events[-1].seq, hash=events[-1].hash)
    assert _verify()[0] == 0  # without the anchors the shorter chain looks whole
    code, out = _verify("--anchor", "--anchor-file", str(anchors))
    assert code == 1 and f"已达到第 {more[-1].seq} 条" in out and "事件被删除" in out
    assert len(anchors.read_text().splitlines()) == 2  # a broken chain is never anchored


def test_anchor_needs_a_file_and_a_malformed_anchor_file_is_an_error(tree, tmp_path, settings):
    from django.core.management.base import CommandError

    settings.XUNCHA_AUDIT_ANCHOR_FILE = ""
    with pytest.raises(CommandError, match="XUNCHA_AUDIT_ANCHOR_FILE"):
        call_command("audit", "verify", "--anchor", stdout=io.StringIO())
    bad = tmp_path / "anchors"
    bad.write_text("not json\n")
    settings.XUNCHA_AUDIT_ANCHOR_FILE = str(bad)
    with pytest.raises(CommandError, match="not an audit chain anchor"):
        call_command("audit", "verify", stdout=io.StringIO())


def test_no_key_means_no_event_and_a_failing_check(tree, settings):
    from django.core.checks import run_checks

    settings.XUNCHA_AUDIT_KEY = ""
    before = AuditEvent.objects.count()
    with pytest.raises(chain.AuditKeyError, match="XUNCHA_AUDIT_KEY is not set"):
        record_event("orgs.organisation.moved", obj=tree.street)
    assert AuditEvent.objects.count() == before
    assert "xuncha.E003" in [error.id for error in run_checks(include_deployment_checks=False)]
    settings.XUNCHA_AUDIT_KEY = "abc"
    with pytest.raises(chain.AuditKeyError, match="hexadecimal"):
        record_event("orgs.organisation.moved", obj=tree.street)


def test_sm3_is_available():
    assert chain.sm3_available()


def test_grants_command_prints_the_restricted_role_statements():
    out = io.StringIO()
    call_command("audit", "grants", "xuncha_app", "--owner", "xuncha_owner", stdout=out)
    text = out.getvalue()
    assert 'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_auditevent" FROM "xuncha_app";' in text
    assert 'ALTER DEFAULT PRIVILEGES FOR ROLE "xuncha_owner"' in text
