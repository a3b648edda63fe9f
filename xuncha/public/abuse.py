"""What keeps the public site usable under abuse, and counts it for the office.

* Rate limits per client address (every request, and reports per hour) and per organisation
  page (submissions per minute from everyone together), in the counters the site's processes
  share (counters.py). The address is used only as a keyed hash and expires with the window;
  it is never written to the database.
* A CAPTCHA drawn on the server (the `captcha` library, digits only: easy on a phone, no
  third-party service, works on a closed network). The answer travels encrypted inside the
  challenge (AES-GCM, key derived from SECRET_KEY), so no table is needed; each challenge is
  accepted once, within 20 minutes.
* A honeypot: a field hidden from people; whatever fills it is a robot.
* Counts: every accepted submission is a Tally row written with it; refusals are counted in
  memory and written in batches (at most one INSERT per kind of refusal and page every
  XUNCHA_PUBLIC_TALLY_SECONDS), so that a flood costs the database almost nothing.
"""

import atexit
import base64
import hashlib
import ipaddress
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections import Counter

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.crypto import salted_hmac

from xuncha.public import counters
from xuncha.public.enums import RefusalReason, TallyKind
from xuncha.web.client_address import client_ip

logger = logging.getLogger("xuncha.public")

HONEYPOT_FIELD = "website"
CAPTCHA_DIGITS = 4
CAPTCHA_SECONDS = 20 * 60


def _keyed(purpose: str, value: str) -> str:
    return salted_hmac(f"xuncha.public.{purpose}", value).hexdigest()[:32]


def address_key(request) -> str:
    """The client's address as a keyed hash: enough to count its requests, useless to anyone
    who reads the counters without the secret. An IPv6 client counts by its /64 network (one
    subscriber's allocation: otherwise it would have 2^64 fresh addresses)."""
    address = client_ip(request) or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.version == 6 and parsed.ipv4_mapped is None:
        address = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return _keyed("address", address)


def hit(bucket: str, limit: int, seconds: int) -> bool:
    """Count one request in `bucket` for the current window of `seconds`; True while within
    `limit`, False once over it."""
    try:
        return counters.hit(f"{bucket}:{seconds}", seconds) <= limit
    except sqlite3.Error:  # the counters cannot be written: serve (and say so in the log)
        logger.exception("public site: the rate-limit counters are not writable")
        return True


def address_allowed(request) -> bool:
    return hit(f"a:{address_key(request)}", settings.XUNCHA_PUBLIC_RATE, 60)


def report_allowed(request, page_id: int) -> RefusalReason | None:
    """Reports from one address per hour, and submissions to one page per minute. Asked only
    once the CAPTCHA is solved, so that robots cannot use up a page's allowance."""
    if not hit(f"r:{address_key(request)}", settings.XUNCHA_PUBLIC_REPORTS_PER_HOUR, 3600):
        return RefusalReason.RATE_LIMIT
    if not hit(f"p:{page_id}", settings.XUNCHA_PUBLIC_PAGE_RATE, 60):
        return RefusalReason.RATE_LIMIT
    return None


# CAPTCHA ---------------------------------------------------------------------------------


def _captcha_key() -> bytes:
    return hashlib.sha256(salted_hmac("xuncha.public.captcha", "key").digest()).digest()[:16]


def new_challenge() -> str:
    """A fresh challenge: its answer and time, encrypted; safe to put in a page and a URL."""
    answer = "".join(secrets.choice("23456789") for _ in range(CAPTCHA_DIGITS))
    nonce = os.urandom(12)
    sealed = AESGCM(_captcha_key()).encrypt(nonce, f"{answer}:{int(time.time())}".encode(), b"captcha")
    return base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def _decode(challenge: str) -> bytes | None:
    """The challenge's bytes, only from its one canonical spelling: base64 skips characters
    outside its alphabet, so "AB..CD" would otherwise be a new string for the same challenge."""
    try:
        raw = base64.b64decode(challenge + "=" * (-len(challenge) % 4), altchars=b"-_", validate=True)
    except (ValueError, TypeError):
        return None
    if base64.urlsafe_b64encode(raw).decode().rstrip("=") != challenge:
        return None
    return raw


def _open_challenge(challenge: str) -> tuple[str, int] | None:
    raw = _decode(challenge or "")
    if raw is None or len(raw) < 13:
        return None
    try:
        plain = AESGCM(_captcha_key()).decrypt(raw[:12], raw[12:], b"captcha").decode()
        answer, issued = plain.split(":")
        return answer, int(issued)
    except (ValueError, InvalidTag, UnicodeDecodeError):
        return None


def challenge_image(challenge: str) -> bytes | None:
    opened = _open_challenge(challenge)
    if opened is None or time.time() - opened[1] > CAPTCHA_SECONDS:
        return None
    from captcha.image import ImageCaptcha

    return ImageCaptcha(width=160, height=60).generate(opened[0]).getvalue()


def captcha_passed(challenge: str, answer: str) -> bool:
    """The answer matches, the challenge is fresh, and it was not used before."""
    if not settings.XUNCHA_PUBLIC_CAPTCHA:
        return True
    opened = _open_challenge(challenge or "")
    if opened is None or time.time() - opened[1] > CAPTCHA_SECONDS:
        return False
    if not secrets.compare_digest(opened[0], (answer or "").strip()):
        return False
    # accepted once: a second use of the same challenge (a replayed form) fails; keyed by its
    # random nonce, which no respelling of the challenge changes
    nonce = _decode(challenge)[:12].hex()
    try:
        return counters.spend(f"captcha:{nonce}", CAPTCHA_SECONDS + 60)
    except sqlite3.Error:
        logger.exception("public site: the spent CAPTCHAs cannot be recorded")
        return True


def honeypot_filled(data) -> bool:
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


# Counts ----------------------------------------------------------------------------------

_pending: Counter = Counter()
_lock = threading.Lock()
_last_flush = [time.monotonic()]


def count(kind: str, *, page_id: int | None = None) -> None:
    """One accepted submission (written at once, inside the caller's transaction)."""
    from xuncha.public.models import Tally

    Tally.objects.create(page_id=page_id, kind=kind)


def refuse(reason: str, *, page_id: int | None = None) -> None:
    """One refusal, counted in memory and written with the others of its kind in batches."""
    with _lock:
        _pending[(page_id, reason)] += 1
        due = time.monotonic() - _last_flush[0] >= settings.XUNCHA_PUBLIC_TALLY_SECONDS
    if due:
        flush()


def flush() -> int:
    """Write the refusals counted so far (one row per page and reason); returns the rows."""
    from django.db import DatabaseError

    from xuncha.public.models import Tally

    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush[0] = time.monotonic()
    if not batch:
        return 0
    rows = [Tally(page_id=page, kind=TallyKind.REFUSED, reason=reason, count=n) for (page, reason), n in batch.items()]
    try:
        Tally.objects.bulk_create(rows)
    except DatabaseError:
        with _lock:  # keep them for the next flush
            for (page, reason), n in batch.items():
                _pending[(page, reason)] += n
        return 0
    return len(rows)



# a worker that stops (a restart, a deploy) writes the refusals it counted since its last flush
# instead of losing them (flush keeps them, and so loses them at exit, only if the database fails)
atexit.register(flush)
