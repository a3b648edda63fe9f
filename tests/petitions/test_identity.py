import subprocess
import sys
from datetime import date

import pytest
from django.core import checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.confidential import vault
from xuncha.petitions.domain import receive_petition, triage_to_fix
from xuncha.petitions.identity import REDACTED, Identity, reveal
from xuncha.petitions.models import IdentityReveal, ReporterIdentity

pytestmark = pytest.mark.django_db
REPORTER = Identity(name="王小明", phone="13800001111", workplace="湖里区某公司", address="厦门市湖里区某路1号")


@pytest.fixture
def petition(tree):
    return receive_petition(
        dated_inspection(tree),
        by=None,
        channel="letter",
        received_on=date(2021, 1, 15),
        content="反映某社区违规发放补贴，举报人王小明，电话13800001111。",
        identity=REPORTER,
    )


def test_identity_is_encrypted_at_rest_and_bound_to_its_petition(petition):
    sealed = ReporterIdentity.objects.get(petition=petition)
    assert sealed.token.startswith("sm4gcm:") and "王小明" not in sealed.token and "13800001111" not in sealed.token
    with pytest.raises(vault.IdentityKeyError):  # copied onto another record, it does not open
        vault.decrypt(sealed.token, aad="petition:999999")


def test_reveal_needs_the_identity_reader_role_and_is_logged(tree, petition):
    office = user_with_role(Role.OFFICE, tree.city)
    with pytest.raises(PermissionDenied):
        reveal(petition, by=office, category="verify", reason="核实")
    grant_role(by=None, grantee=office, role=Role.IDENTITY_READER, organisation=tree.city)
    assert reveal(petition, by=office, category="verify", reason="核实身份") == REPORTER
    event = AuditEvent.objects.get(action="petitions.identity.revealed")
    record = IdentityReveal.objects.get()
    # the log says that, who, when, which petition and why by category; the words stay on the record
    assert event.actor == office and event.object_id == str(petition.pk)
    assert event.data == {"category": "verify", "reveal": record.pk}
    assert (record.petition, record.revealed_by, record.reason) == (petition, office, "核实身份")
    record.reason = "改写"  # a reveal is written once: never changed, never deleted
    with pytest.raises(PermissionError, match="never changed"):
        record.save()
    with pytest.raises(PermissionError, match="never deleted"):
        record.delete()
    assert IdentityReveal.objects.get().reason == "核实身份"


def test_reveal_without_a_category_or_reason_is_refused_and_logs_nothing(tree, petition):
    office = user_with_role(Role.OFFICE, tree.city)
    grant_role(by=None, grantee=office, role=Role.IDENTITY_READER, organisation=tree.city)
    with pytest.raises(ValidationError):
        reveal(petition, by=office, category="", reason="核实身份")
    with pytest.raises(ValidationError):
        reveal(petition, by=office, category="verify", reason="  ")
    assert not AuditEvent.objects.filter(action="petitions.identity.revealed").exists()
    assert not IdentityReveal.objects.exists()


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR])
def test_administrators_cannot_read_identities(tree, petition, role):
    with pytest.raises(PermissionDenied):
        reveal(petition, by=user_with_role(role, tree.city), category="verify", reason="x")


def test_copies_handed_to_units_are_redacted(tree, petition):
    _petition, fix = triage_to_fix(
        petition,
        by=user_with_role(Role.OFFICE, tree.city),
        organisation=tree.street,
        description="据王小明反映（电话13800001111），社区违规发放补贴，请立即核查整改。",
        handed_over_on=date(2021, 1, 16),
        deadline=date(2021, 1, 31),
    )
    assert "王小明" not in fix.description and "13800001111" not in fix.description
    assert fix.description.count(REDACTED) == 2


def test_rotation_reencrypts_with_the_new_key(petition):
    from xuncha.petitions.identity import _open, rekey_all

    old = vault.key_ring()
    new_spec = f"new2:{'ab' * 16},{old.current_id}:{old.keys[old.current_id].hex()}"
    with override_settings(XUNCHA_IDENTITY_KEYS=new_spec):
        assert rekey_all() == 1
        sealed = ReporterIdentity.objects.get(petition=petition)
        assert sealed.key_id == "new2" and _open(sealed) == REPORTER
    with override_settings(XUNCHA_IDENTITY_KEYS=f"new2:{'ab' * 16}"):
        assert _open(ReporterIdentity.objects.get(petition=petition)) == REPORTER


def test_wrong_key_is_a_clear_error_not_garbage(petition):
    current = vault.key_ring().current_id
    from xuncha.petitions.identity import _open

    sealed = ReporterIdentity.objects.get(petition=petition)
    with (
        override_settings(XUNCHA_IDENTITY_KEYS=f"{current}:{'cd' * 16}"),
        pytest.raises(vault.IdentityKeyError, match="wrong key"),
    ):
        _open(sealed)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "XUNCHA_IDENTITY_KEYS is not set"),
        ("k1:1234", "must be 16 bytes"),
        ("k1:zz" + "0" * 30, "not hexadecimal"),
        ("nokey", "must look like"),
    ],
)
def test_missing_or_malformed_key_is_rejected(value, message):
    with pytest.raises(vault.IdentityKeyError, match=message):
        vault.parse_keys(value)


def test_missing_key_stops_start_up_in_production(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "XUNCHA_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "example.gov.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    result = subprocess.run([sys.executable, "-m", "xuncha.cli", "check"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "xuncha.E001" in result.stderr and "XUNCHA_IDENTITY_KEYS is not set" in result.stderr


def test_wrong_key_for_stored_data_stops_start_up(tmp_path):
    db = f"sqlite:///{tmp_path}/db.sqlite3"
    base = {"PATH": "/usr/bin:/bin", "XUNCHA_ENV": "development", "XUNCHA_VAR_DIR": str(tmp_path), "DATABASE_URL": db}
    good = {**base, "XUNCHA_IDENTITY_KEYS": "k1:" + "11" * 16}
    run = [sys.executable, "-m", "xuncha.cli"]
    assert subprocess.run([*run, "migrate", "-v0"], env=good, capture_output=True).returncode == 0
    assert subprocess.run([*run, "check", "--database", "default"], env=good, capture_output=True).returncode == 0
    wrong = {**base, "XUNCHA_IDENTITY_KEYS": "k1:" + "22" * 16}
    result = subprocess.run([*run, "check", "--database", "default"], env=wrong, capture_output=True, text=True)
    assert result.returncode != 0 and "xuncha.E002" in result.stderr and "wrong key" in result.stderr


OTHER_KEYS = f"other9:{'ab' * 16}"  # a key ring without the key the stored identities use


def _reader(tree):
    reader = user_with_role(Role.OFFICE, tree.city)
    grant_role(by=None, grantee=reader, role=Role.IDENTITY_READER, organisation=tree.city)
    return reader


def test_reveal_with_a_missing_key_is_a_clear_error_logged_as_failed(tree, petition):
    reader = _reader(tree)
    used = ReporterIdentity.objects.get(petition=petition).key_id
    with override_settings(XUNCHA_IDENTITY_KEYS=OTHER_KEYS), pytest.raises(ValidationError) as error:
        reveal(petition, by=reader, category="verify", reason="核实身份")
    assert "未在本服务器配置" in error.value.messages[0] and used in error.value.messages[0]
    assert not AuditEvent.objects.filter(action="petitions.identity.revealed").exists()
    failed = AuditEvent.objects.get(action="petitions.identity.reveal_failed")
    assert failed.actor == reader and failed.data == {"category": "verify", "key_id": used}
    assert not IdentityReveal.objects.exists()  # no reveal recorded for what was not revealed
    # positive control: with the key it opens
    assert reveal(petition, by=reader, category="verify", reason="核实身份") == REPORTER


def test_reveal_page_with_a_missing_key_says_so_without_a_server_error(tree, petition, client):
    client.force_login(_reader(tree))
    with override_settings(XUNCHA_IDENTITY_KEYS=OTHER_KEYS):
        response = client.post(
            f"/petitions/{petition.pk}/", {"step": "reveal", "category": "verify", "reason": "核实身份"}
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "无法打开举报人信息" in page and REPORTER.workplace not in page
    assert not AuditEvent.objects.filter(action="petitions.identity.revealed").exists()
    form = {"step": "reveal", "category": "verify", "reason": "核实身份"}
    shown = client.post(f"/petitions/{petition.pk}/", form).content.decode()
    assert REPORTER.workplace in shown  # positive control: with the key the page shows it


def test_key_ids_in_use_are_the_distinct_keys_of_stored_identities(tree, petition):
    from xuncha.confidential.usage import key_ids_in_use

    current = vault.key_ring().current_id
    assert key_ids_in_use() == [current]
    second = receive_petition(
        dated_inspection(tree),
        by=None,
        channel="letter",
        received_on=date(2021, 2, 1),
        content="另一件",
        identity=REPORTER,
    )
    with override_settings(XUNCHA_IDENTITY_KEYS=f"aaa1:{'ab' * 16},{current}:{vault.key_ring().keys[current].hex()}"):
        receive_petition(
            dated_inspection(tree),
            by=None,
            channel="visit",
            received_on=date(2021, 2, 2),
            content="第三件",
            identity=REPORTER,
        )
    assert second.pk and key_ids_in_use() == sorted(["aaa1", current])


def test_a_key_in_use_that_is_not_configured_fails_the_database_check(petition):
    used = ReporterIdentity.objects.get(petition=petition).key_id
    assert not [e for e in checks.run_checks(databases=["default"], tags=["xuncha"]) if e.id == "xuncha.E003"]
    with override_settings(XUNCHA_IDENTITY_KEYS=OTHER_KEYS):
        errors = [e for e in checks.run_checks(databases=["default"], tags=["xuncha"]) if e.id == "xuncha.E003"]
        assert not checks.run_checks(tags=["xuncha"])  # without a database the check reads nothing
    assert len(errors) == 1 and used in errors[0].msg


def test_missing_key_for_stored_identities_stops_start_up(tmp_path):
    """Seal an identity under k1, then start with only k2: the database check refuses."""
    db = f"sqlite:///{tmp_path}/db.sqlite3"
    base = {"PATH": "/usr/bin:/bin", "XUNCHA_ENV": "development", "XUNCHA_VAR_DIR": str(tmp_path), "DATABASE_URL": db}
    k1 = {**base, "XUNCHA_IDENTITY_KEYS": "k1:" + "11" * 16}
    run = [sys.executable, "-m", "xuncha.cli"]
    assert subprocess.run([*run, "migrate", "-v0"], env=k1, capture_output=True).returncode == 0
    seal = (  # a sealed row is all the check looks at; its petition does not matter here
        "import django; django.setup();"
        "from django.db import connection;"
        "from xuncha.petitions.models import ReporterIdentity;"
        "from xuncha.confidential.vault import encrypt;"
        "connection.disable_constraint_checking();"
        "ReporterIdentity.objects.bulk_create("
        "[ReporterIdentity(petition_id=1, token=encrypt('{}', aad='x'), key_id='k1')])"
    )
    env = {**k1, "DJANGO_SETTINGS_MODULE": "xuncha.settings"}
    result = subprocess.run([sys.executable, "-c", seal], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    k2 = {**base, "XUNCHA_IDENTITY_KEYS": "k2:" + "22" * 16}
    assert subprocess.run([*run, "check", "--database", "default"], env=k1, capture_output=True).returncode == 0
    result = subprocess.run([*run, "check", "--database", "default"], env=k2, capture_output=True, text=True)
    assert result.returncode != 0 and "xuncha.E003" in result.stderr and "k1" in result.stderr
