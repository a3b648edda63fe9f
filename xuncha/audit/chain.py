"""The audit log as a hash chain: what makes a changed, removed or inserted event visible.

Each event carries `seq` (1, 2, 3, … with no gap), `prev_hash` (the previous event's HMAC; 64
zeros for the first) and `hash`: HMAC-SM3, keyed with ``XUNCHA_AUDIT_KEY``, over a canonical
serialisation of everything it stores (sorted JSON of code, actor, object, organisation path,
address, details, ISO time, previous HMAC and sequence number). Whoever changes an event,
deletes one from the middle or inserts one, even as the table's owner with the trigger
disabled, breaks the chain at that event unless they hold the key; `verify` names the first
broken link. Cutting the tail leaves a shorter valid chain, so `verify --anchor` appends the
head to a file kept outside the database (``XUNCHA_AUDIT_ANCHOR_FILE``) and every later
`verify` checks the chain still reaches each anchored head.

Keys rotate: ``XUNCHA_AUDIT_KEY`` may name its key (``<id>:<hex>``); every event records the id
of the key it was chained with (`key_id`, "" for an unnamed key) and the HMAC covers that id.
After a rotation the retired keys stay in ``XUNCHA_AUDIT_OLD_KEYS`` (comma-separated
``<id>:<hex>``) so that `verify` can check the events chained with them; an event whose key is
not configured is a break that names the key (docs/security.md, "Rotating the audit key").

Appends are serialised: `append` locks the one `AuditChainHead` row (SELECT … FOR UPDATE on
PostgreSQL; SQLite writes one transaction at a time anyway) in the transaction that inserts the
event, and the lock is held until that transaction commits. Writers of audit events therefore
commit one after another; record the event last in a transaction, after its other row locks,
so the head is held briefly and never waited for while holding it (docs/security.md).
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from cryptography.hazmat.primitives import hashes, hmac
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

GENESIS = "0" * 64
HEAD_ID = 1


class AuditKeyError(ImproperlyConfigured):
    pass


def parse_key(value: str | None) -> bytes:
    """XUNCHA_AUDIT_KEY: at least 32 hex digits (64 recommended), optionally after a key id
    (``<id>:<hex>``). There is no fallback: without a key no event can be written or verified."""
    return _parse_entry(value, "XUNCHA_AUDIT_KEY")[1]


def _parse_entry(value: str | None, setting: str) -> tuple[str, bytes]:
    if not value or not value.strip():
        raise AuditKeyError(f"{setting} is not set: the audit log cannot be written or verified")
    key_id, _sep, hex_key = value.strip().rpartition(":")
    if key_id and not (key_id.replace("-", "").replace("_", "").isalnum() and len(key_id) <= 32):
        raise AuditKeyError(f"{setting}: the key id {key_id!r} must be letters, digits, - or _ (at most 32)")
    try:
        key = bytes.fromhex(hex_key)
    except ValueError:
        raise AuditKeyError(f"{setting} is not hexadecimal") from None
    if len(key) < 16:
        raise AuditKeyError(f"{setting} must have at least 32 hex digits (64 recommended)")
    return key_id, key


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    keys: dict[str, bytes]

    def key(self, key_id: str) -> bytes:
        if key_id not in self.keys:
            raise AuditKeyError(missing_key_message(key_id))
        return self.keys[key_id]


def missing_key_message(key_id: str) -> str:
    from django.utils.translation import gettext as _

    return _(
        "events were chained with the audit key %(id)s, which is not configured: add it to XUNCHA_AUDIT_OLD_KEYS"
    ) % {"id": key_id or _("(unnamed)")}


def key_ring() -> KeyRing:
    """The current key (XUNCHA_AUDIT_KEY) and the retired ones (XUNCHA_AUDIT_OLD_KEYS), parsed
    once per value of the two settings (every appended event asks)."""
    return _ring_for(settings.XUNCHA_AUDIT_KEY, getattr(settings, "XUNCHA_AUDIT_OLD_KEYS", "") or "")


@cache
def _ring_for(current_value: str, old_values: str) -> KeyRing:
    current_id, current = _parse_entry(current_value, "XUNCHA_AUDIT_KEY")
    keys = {current_id: current}
    for part in old_values.split(","):
        if not part.strip():
            continue
        key_id, key = _parse_entry(part, "XUNCHA_AUDIT_OLD_KEYS")
        if key_id in keys and keys[key_id] != key:
            raise AuditKeyError(f"XUNCHA_AUDIT_OLD_KEYS: the key id {key_id or '(unnamed)'!r} is used twice")
        keys[key_id] = key
    return KeyRing(current_id, keys)


def key_ids_in_use(using: str = "default") -> list[str]:
    from xuncha.audit.models import AuditEvent

    return sorted(AuditEvent.objects.using(using).order_by().values_list("key_id", flat=True).distinct())


def missing_key_ids(using: str = "default") -> list[str]:
    ring = key_ring()
    return [key_id for key_id in key_ids_in_use(using) if key_id not in ring.keys]


def sm3_available() -> bool:
    from cryptography.hazmat.backends.openssl.backend import backend

    return backend.hmac_supported(hashes.SM3())


def canonical(event, *, seq: int, prev_hash: str) -> bytes:
    """The bytes the HMAC covers. Reads plain attributes only, so a migration's historical
    model and the current one hash alike. `at` in UTC with microseconds, as both databases
    store it; `data` as JSON with sorted keys."""
    at = event.at.astimezone(UTC) if timezone.is_aware(event.at) else event.at.replace(tzinfo=UTC)
    content = {
        "action": event.action,
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "org_path": event.org_path,
        "ip": event.ip_address or "",
        "data": event.data,
        "at": at.isoformat(timespec="microseconds"),
        "prev": prev_hash,
        "seq": seq,
    }
    if key_id := getattr(event, "key_id", ""):  # events chained before keys had ids hash as before
        content["key"] = key_id
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(event, *, seq: int, prev_hash: str, key: bytes | None = None) -> str:
    if key is None:
        key = key_ring().key(getattr(event, "key_id", ""))
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(canonical(event, seq=seq, prev_hash=prev_hash))
    return mac.finalize().hex()


def normalise(event) -> None:
    """Give the unsaved event the values the database will give back: details through a JSON
    round trip (tuples become lists, keys strings), the address as Django stores it."""
    event.data = json.loads(json.dumps(event.data or {}))
    if event.ip_address:
        event.ip_address = type(event)._meta.get_field("ip_address").get_prep_value(event.ip_address)
    if event.at is None:
        event.at = timezone.now()


def _locked_head():
    from xuncha.audit.models import AuditChainHead

    head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    if head is None:
        # created by migration 0004; only a flushed test database lacks it. Concurrent creators
        # cannot both win: the losing INSERT is ignored and both then lock the one row.
        AuditChainHead.objects.bulk_create([AuditChainHead(pk=HEAD_ID, seq=0, hash=GENESIS)], ignore_conflicts=True)
        head = AuditChainHead.objects.select_for_update().get(pk=HEAD_ID)
    return head


def append(events: list) -> list:
    """Chain and insert unsaved `AuditEvent`s, in order, as the chain's next links."""
    from xuncha.audit.models import AuditChainHead, AuditEvent

    if not events:
        return events
    ring = key_ring()
    key = ring.keys[ring.current_id]
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        seq, prev = head.seq, head.hash
        for event in events:
            normalise(event)
            seq += 1
            event.seq, event.prev_hash, event.key_id = seq, prev, ring.current_id
            event.hash = prev = digest(event, seq=seq, prev_hash=prev, key=key)
        if len(events) == 1:
            events[0].save(force_insert=True)
        else:
            AuditEvent.objects.bulk_create(events)
        AuditChainHead.objects.filter(pk=HEAD_ID).update(seq=seq, hash=prev)
    return events


def chain_unchained(model, head_model, *, key: bytes) -> int:
    """Chain events written before the chain existed (seq is null), in id order, after any
    chained ones. Used by migration 0004 with historical models; UPDATE must be allowed."""
    last = model.objects.exclude(seq=None).order_by("-seq").first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    count = 0
    for event in model.objects.filter(seq=None).order_by("id").iterator(chunk_size=2000):
        seq += 1
        event.seq, event.prev_hash = seq, prev
        event.hash = prev = digest(event, seq=seq, prev_hash=prev, key=key)
        model.objects.filter(pk=event.pk).update(seq=event.seq, prev_hash=event.prev_hash, hash=event.hash)
        count += 1
    head_model.objects.update_or_create(pk=HEAD_ID, defaults={"seq": seq, "hash": prev})
    return count


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold. `seq` is where it breaks; `event_id` the row
    found there (None when the event is missing)."""

    seq: int
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class Report:
    count: int
    head_seq: int
    head_hash: str
    broken: Break | None


def verify(anchors: list[dict] | None = None, *, using: str = "default") -> Report:
    """Walk the chain in `seq` order up to the stored head; stop at the first break. `anchors`
    are heads written earlier by `anchor()`: each must still be a link of the chain (else the
    log was cut back or rewritten behind it). The head is read first: every event up to it has
    committed, and events appended during the walk lie beyond it and are left for the next run."""
    from django.utils.translation import gettext as _

    from xuncha.audit.models import AuditChainHead, AuditEvent

    ring = key_ring()
    head = AuditChainHead.objects.using(using).filter(pk=HEAD_ID).first()
    events = AuditEvent.objects.using(using).order_by("seq")
    if head is not None:
        events = events.filter(seq__lte=head.seq)
    wanted = {int(a["seq"]): a for a in anchors or []}
    found: dict[int, str] = {}
    expected_seq, prev, broken = 1, GENESIS, None
    key_id, retired = None, set()
    for event in events.iterator(chunk_size=2000):
        if event.seq != expected_seq:
            if event.seq < expected_seq:
                reason = _("a second event with the same sequence number")
            else:
                reason = _("events %(first)d to %(last)d are missing") % {"first": expected_seq, "last": event.seq - 1}
            broken = Break(min(expected_seq, event.seq), event.pk, reason)
            break
        if event.prev_hash != prev:
            broken = Break(event.seq, event.pk, _("it does not follow the previous event (its link was changed)"))
            break
        if event.key_id not in ring.keys:
            broken = Break(event.seq, event.pk, missing_key_message(event.key_id))
            break
        if event.key_id != key_id:  # keys only move forward: a retired key signs nothing after
            if event.key_id in retired:
                broken = Break(event.seq, event.pk, _("it was chained with a key retired before it"))
                break
            if key_id is not None:
                retired.add(key_id)
            key_id = event.key_id
        if digest(event, seq=event.seq, prev_hash=event.prev_hash, key=ring.keys[event.key_id]) != event.hash:
            broken = Break(event.seq, event.pk, _("its content does not match its HMAC (the event was changed)"))
            break
        if event.seq in wanted:
            found[event.seq] = event.hash
        prev, expected_seq = event.hash, expected_seq + 1
    last = expected_seq - 1
    if broken is None and head is not None and (head.seq, head.hash) != (last, prev):
        broken = Break(
            last + 1,
            None,
            _("the chain ends at %(last)d but its stored head is %(head)d (events were removed or the head changed)")
            % {"last": last, "head": head.seq},
        )
    if broken is None:
        for seq in sorted(wanted):
            at = wanted[seq].get("at", "?")
            if seq > last:
                broken = Break(
                    seq,
                    None,
                    _("the chain ends at %(last)d but reached %(seq)d on %(at)s (events were removed)")
                    % {"last": last, "seq": seq, "at": at},
                )
                break
            if found.get(seq) != wanted[seq]["hash"]:
                broken = Break(seq, None, _("it differs from the head anchored on %(at)s") % {"at": at})
                break
    return Report(count=last, head_seq=last, head_hash=prev, broken=broken)


def read_anchors(path: str) -> list[dict]:
    """The heads anchored so far; a missing file means none (yet). A line that is not an
    anchor is an error: the file is evidence and is never skipped silently."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip()]
    except FileNotFoundError:
        return []
    anchors = []
    for number, line in enumerate(lines, 1):
        try:
            anchor = json.loads(line)
            anchor["seq"] = int(anchor["seq"])
            if not isinstance(anchor["hash"], str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise ValueError(f"{path}:{number}: not an audit chain anchor") from None
        anchors.append(anchor)
    return anchors


def anchor(path: str, report: Report) -> dict:
    """Append the verified head to the anchor file (opened for appending only)."""
    line = {"seq": report.head_seq, "hash": report.head_hash, "at": datetime.now(UTC).isoformat(timespec="seconds")}
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, sort_keys=True) + "\n")
    return line
