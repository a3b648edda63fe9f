"""SM4-GCM encryption of reporter identities (举报人信息) at rest.

Keys come from XUNCHA_IDENTITY_KEYS: a comma-separated list of ``key_id:hex``, each key 16
bytes (32 hex digits); the first one encrypts, all of them decrypt. Rotation: put a new key
first, keep the old ones, run ``xuncha identity_keys --rekey`` to re-encrypt every identity
with the new key, then drop the old ones. See docs/confidentiality.md.

A token is ``sm4gcm:<key_id>:<nonce b64>:<ciphertext+tag b64>``; the additional data binds it
to the record it belongs to, so a ciphertext copied onto another record does not decrypt.
"""

import base64
import os
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "sm4gcm"
TAG_BYTES = 16


class IdentityKeyError(ImproperlyConfigured):
    """The identity keys are missing, malformed, or cannot decrypt stored data."""


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    keys: dict[str, bytes]


def parse_keys(raw: str | None) -> KeyRing:
    if not raw or not raw.strip():
        raise IdentityKeyError(
            "XUNCHA_IDENTITY_KEYS is not set: reporter identities cannot be encrypted or read. "
            "Generate a key with `xuncha identity_keys --generate` and set XUNCHA_IDENTITY_KEYS=<id>:<hex>."
        )
    keys: dict[str, bytes] = {}
    order = []
    for part in raw.split(","):
        key_id, sep, hex_key = part.strip().partition(":")
        if not sep or not key_id or not key_id.isalnum():
            raise IdentityKeyError(f"XUNCHA_IDENTITY_KEYS entry {key_id!r} must look like <id>:<32 hex digits>")
        try:
            key = bytes.fromhex(hex_key)
        except ValueError:
            raise IdentityKeyError(f"XUNCHA_IDENTITY_KEYS key {key_id!r} is not hexadecimal") from None
        if len(key) != 16:
            raise IdentityKeyError(f"XUNCHA_IDENTITY_KEYS key {key_id!r} must be 16 bytes (32 hex digits) for SM4")
        if key_id in keys:
            raise IdentityKeyError(f"XUNCHA_IDENTITY_KEYS lists key {key_id!r} twice")
        keys[key_id] = key
        order.append(key_id)
    return KeyRing(order[0], keys)


@cache
def _ring_for(raw: str | None) -> KeyRing:
    return parse_keys(raw)


def key_ring() -> KeyRing:
    return _ring_for(settings.XUNCHA_IDENTITY_KEYS)


def encrypt(plaintext: str, *, aad: str) -> str:
    ring = key_ring()
    nonce = os.urandom(12)
    encryptor = Cipher(algorithms.SM4(ring.keys[ring.current_id]), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad.encode())
    body = encryptor.update(plaintext.encode()) + encryptor.finalize() + encryptor.tag
    return ":".join([PREFIX, ring.current_id, base64.b64encode(nonce).decode(), base64.b64encode(body).decode()])


def key_id_of(token: str) -> str:
    return token.split(":", 2)[1]


def decrypt(token: str, *, aad: str) -> str:
    try:
        prefix, key_id, nonce_b64, body_b64 = token.split(":")
    except ValueError:
        raise IdentityKeyError("an encrypted identity is malformed") from None
    if prefix != PREFIX:
        raise IdentityKeyError("an encrypted identity uses an unknown scheme")
    ring = key_ring()
    if key_id not in ring.keys:
        raise IdentityKeyError(
            f"reporter identities are encrypted with key {key_id!r}, which XUNCHA_IDENTITY_KEYS does not list"
        )
    nonce, body = base64.b64decode(nonce_b64), base64.b64decode(body_b64)
    decryptor = Cipher(algorithms.SM4(ring.keys[key_id]), modes.GCM(nonce, body[-TAG_BYTES:])).decryptor()
    decryptor.authenticate_additional_data(aad.encode())
    try:
        return (decryptor.update(body[:-TAG_BYTES]) + decryptor.finalize()).decode()
    except InvalidTag:
        raise IdentityKeyError(
            f"key {key_id!r} in XUNCHA_IDENTITY_KEYS does not decrypt stored identities: wrong key?"
        ) from None


def generate_key_spec(key_id: str) -> str:
    return f"{key_id}:{os.urandom(16).hex()}"
