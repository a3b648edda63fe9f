"""What a database holds that a backup must carry with it, read through one connection alias:
the stored files its records name, the identity key ids its sealed identities use, the head
of the audit log and its applied migrations. The backup records these in its manifest from
the same snapshot as the dump; the restore check reads them again from the restored copy."""

from django.apps import apps
from django.db import connections, models
from django.db.migrations.recorder import MigrationRecorder

from xuncha.confidential.usage import key_ids_in_use


def file_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every FileField of every installed model."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def referenced_files(using: str) -> list[str]:
    """Every file name (relative to MEDIA_ROOT) a record names, sorted, without repeats."""
    names: set[str] = set()
    for model, field in file_fields():
        names.update(
            model._base_manager.using(using).exclude(**{field: ""}).values_list(field, flat=True).distinct().iterator()
        )
    names.discard(None)
    return sorted(names)


def audit_head(using: str) -> dict:
    """The last audit event (id, time), how many events lead up to it, and the hash chain's
    head where the audit log has one (`chain_head`, None until then)."""
    from xuncha.audit.models import AuditEvent

    events = AuditEvent.objects.using(using)
    last = events.order_by("-pk").values("pk", "at").first()
    if last is None:
        return {"last_id": None, "last_at": None, "count": 0, "chain_head": chain_head(using)}
    return {
        "last_id": last["pk"],
        "last_at": last["at"].isoformat(),
        "count": events.filter(pk__lte=last["pk"]).count(),
        "chain_head": chain_head(using),
    }


def audit_key_ids(using: str) -> list[str]:
    """The ids of the audit keys the stored events were chained with ("" for an unnamed key):
    each must be configured (XUNCHA_AUDIT_KEY or XUNCHA_AUDIT_OLD_KEYS) for the chain to verify."""
    from xuncha.audit.chain import key_ids_in_use as audit_keys

    return audit_keys(using)


def chain_head(using: str) -> dict | None:
    """The audit hash chain's stored head (sequence number and HMAC), None before any event."""
    from xuncha.audit.chain import HEAD_ID
    from xuncha.audit.models import AuditChainHead

    head = AuditChainHead.objects.using(using).filter(pk=HEAD_ID).values("seq", "hash").first()
    return head if head and head["seq"] else None


def verify_chain(using: str, head: dict | None = None) -> list[str]:
    """Problems with the audit hash chain: it must verify link by link (with the configured
    keys) and, when the manifest recorded a head, still reach that head unchanged."""
    from xuncha.audit import chain

    anchors = [{"seq": head["seq"], "hash": head["hash"], "at": "backup"}] if head else []
    try:
        report = chain.verify(anchors, using=using)
    except chain.AuditKeyError as error:
        return [str(error)]
    if report.broken is None:
        return []
    return [f"broken at event {report.broken.seq}: {report.broken.reason}"]


def verify_audit_log(using: str, head: dict) -> list[str]:
    """Problems with the restored audit log against the head the manifest recorded: the head
    event is there, exactly `count` events lead up to it, and the chain (if any) verifies and
    ends at the recorded head."""
    from xuncha.audit.models import AuditEvent

    problems = []
    events = AuditEvent.objects.using(using)
    if head.get("last_id") is not None:
        if not events.filter(pk=head["last_id"]).exists():
            problems.append(f"the audit log's last event #{head['last_id']} is missing")
        elif (count := events.filter(pk__lte=head["last_id"]).count()) != head["count"]:
            problems.append(
                f"the audit log has {count} events up to #{head['last_id']}, the manifest says {head['count']}"
            )
    problems.extend(f"audit chain: {p}" for p in verify_chain(using, head.get("chain_head")))
    return problems


def applied_migrations(using: str) -> list[str]:
    """``app.name`` of every applied migration, sorted."""
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def inventory(using: str) -> dict:
    return {
        "referenced_files": referenced_files(using),
        "identity_key_ids": key_ids_in_use(using),
        "audit_key_ids": audit_key_ids(using),
        "audit_head": audit_head(using),
        "migrations": applied_migrations(using),
    }
