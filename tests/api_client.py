"""Calling the API as a script would, for the API tests of every app: a personal token's
header, a JSON POST, and quick password hashing (tokens and users are made by the dozen)."""

import json

import pytest

from xuncha.accounts.tokens import create_token


def bearer(user, scope: str = "write") -> dict:
    """The request headers of a new personal token of `user` (read-write unless `scope`)."""
    _token, secret = create_token(user, name="脚本", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(client, url: str, auth: dict, payload=None):
    """POST `payload` as JSON to `url` (a path under /api/v1 may leave the prefix out)."""
    if not url.startswith("/api/"):
        url = f"/api/v1{url}"
    return client.post(url, json.dumps(payload or {}), content_type="application/json", **auth)


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
