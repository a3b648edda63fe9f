"""How records live and change: archiving instead of deleting, and optimistic versions.

Nothing is hard-deleted from the UI: a record is archived with a reason and who did it.
Every editable record carries a version number; a save based on an older version is refused
(`ConcurrentEditError`) and the caller is told which fields the other person changed.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import CheckConstraint, Field, Q, UniqueConstraint
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


class WrittenOnce(models.Model):
    """A record written once and kept: saving it again or deleting it is refused, with the
    model's own words (`changed_refusal`, `deleted_refusal`). Tables that also need the
    database to refuse it have triggers (the audit log's)."""

    changed_refusal = "This record is never changed."
    deleted_refusal = "This record is never deleted."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(self.changed_refusal)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(self.deleted_refusal)


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


def changes_since(locked, expected_version: int, proposed: dict[str, Any]) -> list[FieldChange]:
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
            raise ConcurrentEditError(locked, changes_since(locked, expected_version, changes))
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.version = expected_version + 1
        locked.full_clean()
        if reason:
            locked._change_reason = reason
        locked.save()
        return locked


def clean_edited(instances: list, changed: list[set[str]]) -> list[ValidationError | None]:
    """What `full_clean()` says of each instance (None: valid), for a batch of edits of stored
    rows, without the queries it would make per row: `changed[i]` names the fields the edit of
    `instances[i]` set. The same checks, in the same order, with the same messages:

    * every field's own checks and `clean()`, in Python, for every field as `full_clean` does;
    * a foreign key must name an existing row: one query per foreign key for the whole batch
      (`full_clean`: one per key per row), the same look-up as `ForeignKey.validate`;
    * unique checks and constraints that involve a changed field, as `full_clean` makes them;
      those over fields that all stay as stored are not asked again: the database enforces them
      (they are in its schema), so the stored row already satisfies them. The import changes no
      field a unique check or constraint of a measure names, so it makes none of these queries.
    """
    if not instances:
        return []
    model = type(instances[0])
    names = {f.name for f in model._meta.concrete_fields}
    keys = [f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]
    existing = {}
    for key in keys:
        values = {getattr(o, key.attname) for o in instances} - {None, ""}
        remote = key.remote_field
        existing[key.name] = (
            set(
                remote.model._base_manager.filter(**{f"{remote.field_name}__in": values})
                .complex_filter(key.get_limit_choices_to())
                .values_list(remote.field_name, flat=True)
            )
            if values
            else set()
        )
    groups = _constraint_fields(model)
    results = []
    for obj, edited in zip(instances, changed, strict=True):
        errors = {}
        try:
            obj.clean_fields(exclude={key.name for key in keys})
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        for key in keys:
            try:
                _clean_key(obj, key, existing[key.name])
            except ValidationError as e:
                errors.setdefault(key.name, []).extend(e.error_list)
        try:
            obj.clean()
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        touched = set(edited)
        for fields in groups:
            if fields is None or fields & set(edited):
                touched |= names if fields is None else fields
        exclude = (names - touched) | {n for n in errors if n != NON_FIELD_ERRORS}
        try:
            obj.validate_unique(exclude=exclude)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        exclude |= {n for n in errors if n != NON_FIELD_ERRORS}
        try:
            obj.validate_constraints(exclude=exclude)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        results.append(ValidationError(errors) if errors else None)
    return results


def _clean_key(obj, key, existing: set) -> None:
    """`Model.clean_fields` for one foreign key, its row's existence read from `existing`."""
    raw = getattr(obj, key.attname)
    if key.blank and raw in key.empty_values:
        return
    value = key.to_python(raw)
    Field.validate(key, value, obj)  # null, blank and choices, as ForeignKey.validate does first
    if value is not None and value not in existing:
        remote = key.remote_field
        raise ValidationError(
            key.error_messages["invalid"],
            code="invalid",
            params={
                "model": remote.model._meta.verbose_name,
                "pk": value,
                "field": remote.field_name,
                "value": value,
            },
        )
    key.run_validators(value)
    setattr(obj, key.attname, value)


def _constraint_fields(model) -> list[set[str] | None]:
    """The fields each unique check or constraint of `model` involves (None: it cannot be told,
    so it is always checked)."""
    groups: list[set[str] | None] = [set(fields) for fields in model._meta.unique_together]
    groups += [{f.name} for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and not constraint.expressions:
            fields = set(constraint.fields)
            if constraint.condition is not None:
                fields |= constraint.condition.referenced_base_fields
            groups.append(fields)
        elif isinstance(constraint, CheckConstraint) and isinstance(constraint.condition, Q):
            groups.append(set(constraint.condition.referenced_base_fields))
        else:
            groups.append(None)
    return groups


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
