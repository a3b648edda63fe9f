"""PBKDF2-HMAC-SM3 password hashes, and the move to them at login."""

import hashlib

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from tests.factories import PASSWORD, user_with_role
from xuncha.accounts.enums import Role
from xuncha.accounts.hashers import PBKDF2SM3PasswordHasher

SM3_FIRST = ["xuncha.accounts.hashers.PBKDF2SM3PasswordHasher", "django.contrib.auth.hashers.MD5PasswordHasher"]


def test_sm3_hash_matches_an_independent_pbkdf2_hmac_sm3():
    if "sm3" not in hashlib.algorithms_available:
        pytest.skip("hashlib's OpenSSL has no SM3 to compare with")
    encoded = PBKDF2SM3PasswordHasher().encode("Xiamen-2025", "somesalt", iterations=1000)
    algorithm, iterations, salt, digest = encoded.split("$")
    expected = hashlib.pbkdf2_hmac("sm3", b"Xiamen-2025", b"somesalt", 1000)
    import base64

    assert (algorithm, iterations, salt) == ("pbkdf2_sm3", "1000", "somesalt")
    assert base64.b64decode(digest) == expected


def test_sm3_hash_verifies_the_right_password_only(settings):
    settings.PASSWORD_HASHERS = SM3_FIRST
    encoded = make_password("Xiamen-2025")
    assert encoded.startswith("pbkdf2_sm3$600000$")
    assert check_password("Xiamen-2025", encoded)
    assert not check_password("Xiamen-2026", encoded)


@pytest.mark.django_db
def test_existing_hash_is_upgraded_to_sm3_at_login(tree, client, settings):
    user = user_with_role(Role.OFFICE, tree.city, username="hash-upgrade")
    assert identify_hasher(user.password).algorithm != "pbkdf2_sm3"  # hashed before SM3 was chosen
    settings.PASSWORD_HASHERS = SM3_FIRST
    assert client.post("/login/", {"username": "hash-upgrade", "password": PASSWORD}).status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "pbkdf2_sm3"
    assert user.check_password(PASSWORD)


def test_password_hasher_setting_refuses_an_unknown_value():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("XUNCHA_")}
    result = subprocess.run(
        [sys.executable, "-m", "xuncha.cli", "check"],
        env={**env, "XUNCHA_PASSWORD_HASHER": "sm3-please"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "XUNCHA_PASSWORD_HASHER must be" in result.stderr
