"""Backup and restore: a backup restored into a new database and media directory reveals an
identity and serves an evidence file; the check names a missing key, a damaged or missing
file and a short audit log."""

import hashlib
import io
import json
import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.backup import database
from xuncha.files.domain import store_upload
from xuncha.findings.domain import ensure_default_categories, record_finding
from xuncha.findings.models import Category
from xuncha.petitions.domain import receive_petition
from xuncha.petitions.identity import Identity

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads committed rows only

REPORTER = Identity(name="李晓红", phone="13900002222", workplace="思明区某单位", address="厦门市思明区某路2号")
EVIDENCE = b"%PDF-1.4\n% talk record of the inspection team\n"
OTHER_KEYS = f"other9:{'ab' * 16}"


@pytest.fixture
def world(tree, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    inspection = dated_inspection(tree)
    petition = receive_petition(
        inspection,
        by=None,
        channel="letter",
        received_on=date(2021, 1, 15),
        content="反映补贴问题。",
        identity=REPORTER,
    )
    reader = user_with_role(Role.OFFICE, tree.city)
    grant_role(by=None, grantee=reader, role=Role.IDENTITY_READER, organisation=tree.city)
    ensure_default_categories()
    stored = store_upload(SimpleUploadedFile("谈话记录.pdf", EVIDENCE), by=None)
    record_finding(
        inspection,
        by=None,
        text="个别干部违规领取补贴。",
        source="talk",
        category=Category.objects.first(),
        organisation=tree.district,
        evidence=[stored],
    )
    return SimpleNamespace(petition=petition, reader=reader, stored=stored, tmp=tmp_path)


def _restore_target(tmp: Path) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp / 'restored.sqlite3'}"
    server = connection.settings_dict
    return f"postgres://{server['USER']}@{server['HOST']}:{server['PORT']}/h_backup_restored_{uuid.uuid4().hex[:8]}"


@pytest.fixture
def restore_url(tmp_path):
    url = _restore_target(tmp_path)
    yield url
    if url.startswith("postgres"):
        import dj_database_url

        database.drop_postgresql(dj_database_url.parse(url))


def _check(backup: Path) -> tuple[int, str]:
    err = io.StringIO()
    try:
        call_command("restore", str(backup), check=True, stdout=io.StringIO(), stderr=err)
    except SystemExit as exit:
        return exit.code, err.getvalue()
    return 0, err.getvalue()


_AFTER_RESTORE = """
import hashlib, json, sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from django.contrib.auth import get_user_model
from xuncha.audit.models import AuditEvent
from xuncha.petitions.identity import reveal
from xuncha.petitions.models import Petition

setup_test_environment()
args = json.loads(sys.argv[1])
user = get_user_model().objects.get(username=args["reader"])
identity = reveal(Petition.objects.get(pk=args["petition"]), by=user, category="verify", reason="恢复演练核对")
client = Client()
client.force_login(user)
from tests.two_factor import verify_session  # the reader holds a role that logs in with two factors
verify_session(client, user)
response = client.get(f"/files/{args['file']}/")
body = b"".join(response.streaming_content) if response.status_code == 200 else b""
print(json.dumps({
    "identity": identity.name if identity else None,
    "status": response.status_code,
    "sha256": hashlib.sha256(body).hexdigest(),
    "revealed": AuditEvent.objects.filter(action="petitions.identity.revealed").count(),
}))
"""


def test_backup_restores_into_a_new_database_that_reveals_and_serves_files(world, restore_url):
    backup = world.tmp / "xuncha-backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    assert backup.stat().st_mode & 0o077 == 0
    assert _check(backup) == (0, "")
    media = world.tmp / "restored-media"
    out = io.StringIO()
    call_command("restore", str(backup), database=restore_url, media=str(media), stdout=out, stderr=io.StringIO())
    assert "restored:" in out.getvalue()
    env = {
        **os.environ,
        "DATABASE_URL": restore_url,
        "XUNCHA_MEDIA_ROOT": str(media),
        "XUNCHA_IDENTITY_KEYS": django_settings.XUNCHA_IDENTITY_KEYS,
        "XUNCHA_VAR_DIR": str(world.tmp / "var"),
    }
    args = json.dumps({"reader": world.reader.username, "petition": world.petition.pk, "file": world.stored.pk})
    result = subprocess.run([sys.executable, "-c", _AFTER_RESTORE, args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    after = json.loads(result.stdout.strip().splitlines()[-1])
    assert after == {
        "identity": REPORTER.name,
        "status": 200,
        "sha256": hashlib.sha256(EVIDENCE).hexdigest(),
        "revealed": 1,
    }


def test_manifest_names_files_keys_and_the_audit_head(world):
    from xuncha.audit.models import AuditEvent
    from xuncha.petitions.models import ReporterIdentity

    backup = world.tmp / "backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    assert backup.stat().st_mode & 0o077 == 0  # case content is in clear in the dump: owner only
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["referenced_files"] == [world.stored.file.name]
    assert manifest["identity_key_ids"] == [ReporterIdentity.objects.get().key_id]
    last = AuditEvent.objects.order_by("-pk").first()
    assert (
        manifest["audit_head"]["last_id"] == last.pk and manifest["audit_head"]["count"] == AuditEvent.objects.count()
    )
    stored = backup / "media" / world.stored.file.name
    assert (
        manifest["files"][f"media/{world.stored.file.name}"]["sha256"]
        == hashlib.sha256(stored.read_bytes()).hexdigest()
    )
    assert manifest["database"]["file"] in manifest["files"]


def test_check_fails_naming_a_key_in_use_that_is_not_configured(world, restore_url):
    from xuncha.petitions.models import ReporterIdentity

    used = ReporterIdentity.objects.get().key_id
    backup = world.tmp / "backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    assert _check(backup)[0] == 0  # positive control: with the key configured it passes
    with override_settings(XUNCHA_IDENTITY_KEYS=OTHER_KEYS):
        code, err = _check(backup)
        assert code == 1 and used in err and "not in XUNCHA_IDENTITY_KEYS" in err
        with pytest.raises(SystemExit):  # and a restore refuses before writing anything
            call_command("restore", str(backup), database=restore_url, media=str(world.tmp / "m"), stderr=io.StringIO())
    assert not (world.tmp / "m").exists() and not (world.tmp / "restored.sqlite3").exists()


def test_check_fails_naming_a_damaged_or_missing_file(world):
    backup = world.tmp / "backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    name = world.stored.file.name
    (backup / "media" / name).write_bytes(b"%PDF-1.4 altered")
    code, err = _check(backup)
    assert code == 1 and f"checksum mismatch (damaged or altered): media/{name}" in err
    (backup / "media" / name).unlink()  # gone, and struck from the manifest too
    manifest = json.loads((backup / "manifest.json").read_text())
    del manifest["files"][f"media/{name}"]
    (backup / "manifest.json").write_text(json.dumps(manifest))
    code, err = _check(backup)
    assert code == 1 and f"stored file named by a record is missing: {name}" in err


def test_check_fails_when_the_audit_log_does_not_reach_the_recorded_head(world):
    backup = world.tmp / "backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    head = manifest["audit_head"]
    manifest["audit_head"] = {**head, "last_id": head["last_id"] + 1000}
    (backup / "manifest.json").write_text(json.dumps(manifest))
    code, err = _check(backup)
    assert code == 1 and f"the audit log's last event #{head['last_id'] + 1000} is missing" in err


def test_restore_refuses_a_database_that_is_not_empty(world, restore_url):
    backup = world.tmp / "backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    call_command("restore", str(backup), database=restore_url, media=str(world.tmp / "m1"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="restore into a new"):
        call_command("restore", str(backup), database=restore_url, media=str(world.tmp / "m2"), stdout=io.StringIO())
    assert not (world.tmp / "m2").exists()


def test_backup_names_a_stored_file_missing_from_the_media_root(world):
    (Path(django_settings.MEDIA_ROOT) / world.stored.file.name).unlink()
    backup = world.tmp / "backup"
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("backup", str(backup), stdout=io.StringIO(), stderr=err)
    assert exit.value.code == 1 and world.stored.file.name in err.getvalue()
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["missing_at_backup"] == [world.stored.file.name]
    code, err = _check(backup)
    assert code == 1 and f"stored file named by a record is missing: {world.stored.file.name}" in err


def test_check_verifies_the_audit_chain_and_its_recorded_head(world, settings):
    backup = world.tmp / "backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    head = manifest["audit_head"]["chain_head"]
    assert head["seq"] >= 1 and len(head["hash"]) == 64 and manifest["audit_key_ids"] == [""]
    assert _check(backup) == (0, "")  # positive control
    manifest["audit_head"]["chain_head"] = {**head, "hash": "0" * 64}  # a head the chain never had
    (backup / "manifest.json").write_text(json.dumps(manifest))
    code, err = _check(backup)
    assert code == 1 and f"audit chain: broken at event {head['seq']}" in err
    manifest["audit_head"]["chain_head"] = head
    (backup / "manifest.json").write_text(json.dumps(manifest))
    settings.XUNCHA_AUDIT_KEY = "k2:" + "44" * 32  # the key the events were chained with is gone
    code, err = _check(backup)
    assert code == 1 and "audit chain" in err and "XUNCHA_AUDIT_OLD_KEYS" in err


def test_check_catches_an_event_changed_inside_the_backup(world):
    """Not only the recorded head: an event altered in the backed-up database itself (its
    checksum recomputed, as whoever altered it would) breaks the chain the check walks."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite dump is a database file the test can alter in place; pg_dump's is an archive")
    import sqlite3

    backup = world.tmp / "backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    dumped = backup / manifest["database"]["file"]
    with sqlite3.connect(dumped) as db:
        db.execute("DROP TRIGGER audit_no_update")
        seq = db.execute("SELECT min(seq) FROM audit_auditevent").fetchone()[0]
        db.execute("UPDATE audit_auditevent SET org_path = '/0/' WHERE seq = ?", [seq])
    manifest["files"][manifest["database"]["file"]]["sha256"] = hashlib.sha256(dumped.read_bytes()).hexdigest()
    (backup / "manifest.json").write_text(json.dumps(manifest))
    code, err = _check(backup)
    assert code == 1 and f"audit chain: broken at event {seq}" in err
