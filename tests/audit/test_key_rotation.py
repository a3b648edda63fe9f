"""Rotating the audit key: events keep the id of the key they were chained with, the chain
verifies across a rotation with the retired key configured, and names the key without it;
a retired key cannot sign anything after its successor took over."""

import io

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection

from xuncha.audit import chain
from xuncha.audit.domain import record_event
from xuncha.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

OLD = "k2025:" + "11" * 32
NEW = "k2026:" + "22" * 32


def _verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def _rotated(tree, settings, n_old=3, n_new=2):
    """The fixtures' events are chained with the test run's unnamed key; then two rotations."""
    settings.XUNCHA_AUDIT_KEY, settings.XUNCHA_AUDIT_OLD_KEYS = OLD, f":{settings.XUNCHA_AUDIT_KEY}"
    old = [record_event("orgs.organisation.updated", obj=tree.street, data={"n": i}) for i in range(n_old)]
    settings.XUNCHA_AUDIT_KEY, settings.XUNCHA_AUDIT_OLD_KEYS = NEW, f"{OLD},{settings.XUNCHA_AUDIT_OLD_KEYS}"
    new = [record_event("orgs.organisation.updated", obj=tree.city, data={"n": i}) for i in range(n_new)]
    return old, new


def test_a_rotation_keeps_the_chain_verifiable(tree, settings):
    old, new = _rotated(tree, settings)
    assert {e.key_id for e in old} == {"k2025"} and {e.key_id for e in new} == {"k2026"}
    assert new[0].prev_hash == old[-1].hash  # the first event of the new key links to the old chain
    assert chain.digest(new[0], seq=new[0].seq, prev_hash=new[0].prev_hash) == new[0].hash
    code, out = _verify()
    assert code == 0 and "审计日志完好" in out


def test_the_key_id_is_covered_by_the_hmac(tree, settings):
    settings.XUNCHA_AUDIT_KEY = OLD
    event = record_event("orgs.organisation.updated", obj=tree.street)
    relabelled = AuditEvent.objects.get(pk=event.pk)
    relabelled.key_id = "other"
    old_key = bytes.fromhex("11" * 32)
    assert chain.digest(relabelled, seq=event.seq, prev_hash=event.prev_hash, key=old_key) != event.hash


def test_a_retired_key_left_out_is_named_by_verify_and_the_start_up_check(tree, settings):
    old, _new = _rotated(tree, settings)
    configured = settings.XUNCHA_AUDIT_OLD_KEYS
    settings.XUNCHA_AUDIT_OLD_KEYS = configured.replace(OLD + ",", "")
    code, out = _verify()
    assert code == 1 and "k2025" in out and f"第 {old[0].seq} 条" in out
    errors = [e for e in run_checks(databases=["default"]) if e.id == "xuncha.E005"]
    assert len(errors) == 1 and "k2025" in errors[0].msg and "XUNCHA_AUDIT_OLD_KEYS" in errors[0].msg
    settings.XUNCHA_AUDIT_OLD_KEYS = configured  # positive control: configured again, no error
    assert [e for e in run_checks(databases=["default"]) if e.id == "xuncha.E005"] == []


def test_an_unnamed_key_can_be_retired_too(tree, settings):
    bare = settings.XUNCHA_AUDIT_KEY  # the test run's key has no id, like a key set before ids
    first = record_event("orgs.organisation.updated", obj=tree.street)
    assert first.key_id == ""
    settings.XUNCHA_AUDIT_KEY, settings.XUNCHA_AUDIT_OLD_KEYS = NEW, f":{bare}"
    record_event("orgs.organisation.updated", obj=tree.street)
    assert _verify()[0] == 0


def test_an_event_forged_with_a_retired_key_after_the_rotation_is_caught(tree, settings):
    """Whoever learns the retired key appends an event chained with it after the new key took
    over (rewriting the head too): the chain is otherwise consistent, but keys only move forward."""
    _old, _new = _rotated(tree, settings)
    assert _verify()[0] == 0  # positive control
    operator = settings.XUNCHA_AUDIT_OLD_KEYS
    settings.XUNCHA_AUDIT_KEY = OLD  # the forger's configuration: the retired key as current
    settings.XUNCHA_AUDIT_OLD_KEYS = operator.replace(OLD, NEW)
    forged = record_event("orgs.organisation.updated", obj=tree.street, data={"forged": True})
    assert forged.key_id == "k2025"
    settings.XUNCHA_AUDIT_KEY, settings.XUNCHA_AUDIT_OLD_KEYS = NEW, operator  # the operator's configuration
    code, out = _verify()
    assert code == 1 and f"第 {forged.seq} 条" in out and "停用" in out


def test_malformed_keys_are_refused(settings):
    settings.XUNCHA_AUDIT_OLD_KEYS = "bad id:" + "11" * 32
    with pytest.raises(chain.AuditKeyError, match="key id"):
        chain.key_ring()
    settings.XUNCHA_AUDIT_OLD_KEYS = "x:" + "11" * 8
    with pytest.raises(chain.AuditKeyError, match="at least 32 hex digits"):
        chain.key_ring()


def test_sqlite_keeps_the_append_only_trigger_after_the_migration(tree):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite rebuilds the table for a new column; PostgreSQL alters it in place")
    event = record_event("orgs.organisation.updated", obj=tree.street)
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET org_path = '/x/' WHERE id = %s", [event.pk])
