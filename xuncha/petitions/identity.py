"""Reporter identities: sealed on entry, opened only by an explicit, logged reveal, and used
inside the platform only to redact copies that leave it."""

import json
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from xuncha.audit.domain import record_event
from xuncha.confidential.vault import decrypt, encrypt, key_ring
from xuncha.petitions.models import Petition, ReporterIdentity

REDACTED = "〔已隐去〕"


@dataclass(frozen=True)
class Identity:
    name: str = ""
    phone: str = ""
    workplace: str = ""
    address: str = ""

    def is_empty(self) -> bool:
        return not any(asdict(self).values())


def _aad(petition_id: int) -> str:
    return f"petition:{petition_id}"


def seal(petition: Petition, identity: Identity) -> ReporterIdentity | None:
    if identity.is_empty():
        return None
    token = encrypt(json.dumps(asdict(identity), ensure_ascii=False), aad=_aad(petition.pk))
    return ReporterIdentity.objects.create(petition=petition, token=token, key_id=key_ring().current_id)


def _open(sealed: ReporterIdentity) -> Identity:
    return Identity(**json.loads(decrypt(sealed.token, aad=_aad(sealed.petition_id))))


def reveal(petition: Petition, *, by, reason: str) -> Identity | None:
    """Show the reporter's identity to `by`, who must be allowed to; the read is logged first."""
    from xuncha.petitions.rules import may_reveal_identity

    if not may_reveal_identity(by, petition):
        raise PermissionDenied
    sealed = ReporterIdentity.objects.filter(petition=petition).first()
    if sealed is None:
        return None
    with transaction.atomic():
        record_event("petitions.identity.revealed", actor=by, obj=petition, data={"reason": reason})
    return _open(sealed)


def redact(text: str, petition: Petition | None) -> str:
    """Remove the reporter's name, phone, workplace and address from text leaving the platform."""
    if petition is None:
        return text
    sealed = ReporterIdentity.objects.filter(petition=petition).first()
    if sealed is None:
        return text
    identity = _open(sealed)
    for value in sorted((v for v in asdict(identity).values() if v and len(v) >= 2), key=len, reverse=True):
        text = text.replace(value, REDACTED)
    return text


def rekey_all() -> int:
    """Re-encrypt every identity not under the current key (after a key rotation)."""
    current = key_ring().current_id
    count = 0
    for sealed in ReporterIdentity.objects.exclude(key_id=current).iterator():
        with transaction.atomic():
            identity = _open(sealed)
            sealed.token = encrypt(json.dumps(asdict(identity), ensure_ascii=False), aad=_aad(sealed.petition_id))
            sealed.key_id = current
            sealed.save(update_fields=["token", "key_id"])
            count += 1
    return count
