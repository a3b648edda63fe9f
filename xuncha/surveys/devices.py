"""The device a questionnaire is answered from, without storing anything that identifies it.

The site gives each browser a random id when it opens a questionnaire, in a cookie (`COOKIE`,
HttpOnly, a year) signed with SECRET_KEY and a salt of its own (django.core.signing: the id and
the time it was issued). A submission without a valid signature is refused: the id is one this
site issued, not whatever the client sends, so a script cannot make up a new device for each
response (it has to fetch the page for each, which the per-address limit counts).

A response stores only HMAC-SHA256(key, "<window id>:<device id>"), the key derived from
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
from django.core import signing

COOKIE = "xuncha_device"
COOKIE_AGE = 365 * 24 * 3600
SALT = "xuncha.surveys.device"
_ID = re.compile(r"[A-Za-z0-9_-]{32}")


def _key() -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), b"xuncha.surveys.device-digest", hashlib.sha256).digest()


def new_device_id() -> str:
    """32 URL-safe characters (192 random bits)."""
    return secrets.token_urlsafe(24)


def valid_device_id(value: str | None) -> bool:
    return bool(value) and _ID.fullmatch(value) is not None


def _signer() -> signing.TimestampSigner:
    return signing.get_cookie_signer(salt=COOKIE + SALT)


def signed(device_id: str) -> str:
    """The cookie's value: the id and the time it was issued, signed (as `set_signed_cookie`)."""
    return _signer().sign(device_id)


def issued_device_id(request) -> str | None:
    """The device id this site issued to the browser, or None (no cookie, a forged or altered
    one, or one older than a year)."""
    value = request.COOKIES.get(COOKIE)
    if not value:
        return None
    try:
        device_id = _signer().unsign(value, max_age=COOKIE_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None
    return device_id if valid_device_id(device_id) else None


def device_digest(window_id: int, device_id: str) -> str:
    return hmac.new(_key(), f"{window_id}:{device_id}".encode(), hashlib.sha256).hexdigest()


def set_device_cookie(response, device_id: str, *, secure: bool) -> None:
    response.set_cookie(
        COOKIE, signed(device_id), max_age=COOKIE_AGE, httponly=True, samesite="Lax", secure=secure, path="/"
    )
