"""The device a questionnaire is answered from, without storing anything that identifies it.

The public site gives each browser a random id in a cookie (`COOKIE`, HttpOnly, a year). A
response stores only HMAC-SHA256(key, "<window id>:<device id>"), the key derived from
SECRET_KEY for this one use: the digest cannot be reversed to the cookie, cannot be recomputed
without the secret, and differs from window to window, so two responses of one device in two
windows cannot be linked. Clearing the cookie lets a person answer again: the suppression is
against casual repeats, not a census.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings

COOKIE = "xuncha_device"
COOKIE_AGE = 365 * 24 * 3600
_ID = re.compile(r"[A-Za-z0-9_-]{32}")


def _key() -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), b"xuncha.surveys.device-digest", hashlib.sha256).digest()


def new_device_id() -> str:
    """32 URL-safe characters (192 random bits)."""
    return secrets.token_urlsafe(24)


def valid_device_id(value: str | None) -> bool:
    return bool(value) and _ID.fullmatch(value) is not None


def device_digest(window_id: int, device_id: str) -> str:
    return hmac.new(_key(), f"{window_id}:{device_id}".encode(), hashlib.sha256).hexdigest()


def set_device_cookie(response, device_id: str, *, secure: bool) -> None:
    response.set_cookie(
        COOKIE, device_id, max_age=COOKIE_AGE, httponly=True, samesite="Lax", secure=secure, path="/"
    )
