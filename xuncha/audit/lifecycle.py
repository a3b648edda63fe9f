"""How records live and change: archiving instead of deleting, and optimistic versions.

Nothing is hard-deleted from the UI: a record is archived with a reason and who did it.
Every editable record carries a version number; a save based on an older version is refused
(`ConcurrentEditError`) and the caller is told which fields the other person changed.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArchivableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class ArchivableModel(models.Model):
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, db_index=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("archived by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    archived_reason = models.TextField(_("reason for archiving"), blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    theirs: Any
    yours: Any


class ConcurrentEditError(Exception):
    """Somebody saved the record after the editor loaded it; nothing was written."""

    def __init__(self, current, changes: list[FieldChange]):
        self.current = current
        self.changes = changes
        super().__init__(f"{type(current).__name__} {current.pk} changed since version was loaded")


def _changes_since(locked, expected_version: int, proposed: dict[str, Any]) -> list[FieldChange]:
    """Fields the other editor changed between `expected_version` and now (from history)."""
    history = getattr(locked, "history", None)
    base = history.filter(version=expected_version).order_by("-history_date").first() if history else None
    changes = []
    for field in locked._meta.concrete_fields:
        if field.name in {"version", "id"}:
            continue
        now = getattr(locked, field.attname)
        before = getattr(base, field.attname, now) if base is not None else now
        if before != now:
            changes.append(FieldChange(field.name, str(field.verbose_name), now, proposed.get(field.name, before)))
    return changes


def save_versioned(obj, *, expected_version: int, changes: dict[str, Any], reason: str = ""):
    """Apply `changes` to `obj` only if nobody saved it since `expected_version`.

    Locks the row, compares versions, validates with full_clean and bumps the version, all in
    one transaction. Returns the saved instance (a fresh copy, not `obj`).
    """
    model = type(obj)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=obj.pk)
        if locked.version != expected_version:
            raise ConcurrentEditError(locked, _changes_since(locked, expected_version, changes))
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.version = expected_version + 1
        locked.full_clean()
        if reason:
            locked._change_reason = reason
        locked.save()
        return locked


def archive(obj, *, by, reason: str):
    """Mark `obj` archived (never deleted); the reason is required and kept in history."""
    from django.core.exceptions import ValidationError

    if not reason or not reason.strip():
        raise ValidationError({"archived_reason": _("Give a reason for archiving.")})
    if obj.is_archived:
        raise ValidationError(_("This record is already archived."))
    with transaction.atomic():
        locked = type(obj).objects.select_for_update().get(pk=obj.pk)
        locked.archived_at = timezone.now()
        locked.archived_by = by
        locked.archived_reason = reason.strip()
        if isinstance(locked, VersionedModel):
            locked.version += 1
        locked._change_reason = reason.strip()
        locked.save()
        return locked
