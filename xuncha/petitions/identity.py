"""Reporter identities: sealed on entry, opened only by an explicit, logged reveal, and used
inside the platform only to redact copies that leave it."""

import json
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.confidential.vault import IdentityKeyError, decrypt, encrypt, key_ring
from xuncha.petitions.enums import RevealReason
from xuncha.petitions.models import IdentityReveal, Petition, ReporterIdentity

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


def reveal(petition: Petition, *, by, category: str, reason: str) -> Identity | None:
    """Show the reporter's identity to `by`, who must be allowed to; the read is recorded first.
    The access log gets the reason's category and the reveal record's id; the reason in `by`'s
    words stays on the `IdentityReveal`, which the auditor does not read.

    The record, the `revealed` event and the decryption share one transaction: if the identity
    cannot be opened (its key is not configured, or is the wrong key), they are rolled back, a
    `reveal_failed` event records the attempt instead, and `by` gets a ValidationError saying
    why, never the identity and never a server error."""
    from xuncha.petitions.rules import may_reveal_identity

    if not may_reveal_identity(by, petition):
        raise PermissionDenied
    if category not in RevealReason.values:
        raise ValidationError({"category": _("Choose why you need the reporter's identity.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you need the reporter's identity.")})
    sealed = ReporterIdentity.objects.filter(petition=petition).first()
    if sealed is None:
        return None
    try:
        with transaction.atomic():
            record = IdentityReveal.objects.create(
                petition=petition, revealed_by=by, category=category, reason=reason.strip()[:300]
            )
            record_event(
                "petitions.identity.revealed",
                actor=by,
                obj=petition,
                data={"category": category, "reveal": record.pk},
            )
            return _open(sealed)
    except IdentityKeyError:
        with transaction.atomic():
            record_event(
                "petitions.identity.reveal_failed",
                actor=by,
                obj=petition,
                data={"category": category, "key_id": sealed.key_id},
            )
        raise ValidationError(
            _(
                "The reporter's identity cannot be opened: the key it was sealed with (%(key)s) is not "
                "configured on this server or does not match. Nothing was revealed; ask the system "
                "administrator to restore the key."
            )
            % {"key": sealed.key_id}
        ) from None


def identity_values(petitions) -> dict[int, list[str]]:
    """Each petition's reporter's name, phone, workplace and address (one query), for scrubbing
    only: the one caller is `xuncha.confidential.disclosure`, which replaces them in text and
    never shows them. None for an identity whose key is missing: it cannot be scrubbed, so the
    text it might be in is withheld (a missing key is a configuration fault, xuncha.E003)."""
    ids = [p.pk for p in petitions if p is not None]
    if not ids:
        return {}
    values = {}
    for sealed in ReporterIdentity.objects.filter(petition_id__in=ids):
        try:
            values[sealed.petition_id] = [v for v in asdict(_open(sealed)).values() if v and len(v) >= 2]
        except IdentityKeyError:
            values[sealed.petition_id] = None  # cannot be opened: the scrubber withholds the text
    return values


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
