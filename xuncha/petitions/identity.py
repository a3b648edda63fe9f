"""Reporter identities: sealed on entry, opened only by an explicit, logged reveal, and used
inside the platform only to redact copies that leave it."""

import json
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.confidential.vault import IdentityKeyError, decrypt, encrypt, key_ring
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
    """Show the reporter's identity to `by`, who must be allowed to; the read is logged first.

    The `revealed` event and the decryption share one transaction: if the identity cannot be
    opened (its key is not configured, or is the wrong key), the event is rolled back, a
    `reveal_failed` event records the attempt instead, and `by` gets a ValidationError saying
    why, never the identity and never a server error."""
    from xuncha.petitions.rules import may_reveal_identity

    if not may_reveal_identity(by, petition):
        raise PermissionDenied
    sealed = ReporterIdentity.objects.filter(petition=petition).first()
    if sealed is None:
        return None
    try:
        with transaction.atomic():
            record_event("petitions.identity.revealed", actor=by, obj=petition, data={"reason": reason})
            return _open(sealed)
    except IdentityKeyError:
        with transaction.atomic():
            record_event(
                "petitions.identity.reveal_failed",
                actor=by,
                obj=petition,
                data={"reason": reason, "key_id": sealed.key_id},
            )
        raise ValidationError(
            _(
                "The reporter's identity cannot be opened: the key it was sealed with (%(key)s) is not "
                "configured on this server or does not match. Nothing was revealed; ask the system "
                "administrator to restore the key."
            )
            % {"key": sealed.key_id}
        ) from None


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
