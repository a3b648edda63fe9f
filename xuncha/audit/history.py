"""Readable change history of one record, from django-simple-history's snapshots, shown by
the same disclosure rule as the record's page (`xuncha.confidential.disclosure`): restricted
fields the reader may not read are left out, reporters' identities are scrubbed from every value.
Field names and choice labels are said in the words of the record's inspection (巡视组 for a
provincial one); values typed by people are shown as typed."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
HIDDEN = {"version", "archived_by"}


@dataclass
class HistoryEntry:
    at: datetime
    who: str
    kind: str
    reason: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _display(record, name: str) -> str:
    getter = getattr(record, f"get_{name}_display", None)
    value = getter() if getter else getattr(record, name, "")
    if isinstance(value, bool):  # a flag reads as a word, never as Python's True/False
        return str(_("Yes") if value else _("No"))
    return "" if value is None else str(value)


def history_entries(obj, *, user, limit: int = 50) -> list[HistoryEntry]:
    """Newest first, as `user` (who sees `obj`) may read it."""
    from xuncha.confidential.disclosure import identity_scrubber, may_read
    from xuncha.inspections.words import words_of

    scrub = identity_scrubber(obj)
    say = words_of(obj).say  # field names and choice labels in the inspection's words, never typed text
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for record, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        changes = []
        if older is not None:
            delta = record.diff_against(older)
            for change in delta.changes:
                if change.field in HIDDEN or not may_read(user, obj, change.field):
                    continue
                model_field = obj._meta.get_field(change.field)
                old = (
                    _display(older, change.field) if not model_field.is_relation else _related(model_field, change.old)
                )
                new = (
                    _display(record, change.field) if not model_field.is_relation else _related(model_field, change.new)
                )
                if model_field.choices:  # a label of ours (常规巡察): typed text is left as typed
                    old, new = say(old), say(new)
                changes.append((say(model_field.verbose_name), scrub(old), scrub(new)))
        entries.append(
            HistoryEntry(
                at=record.history_date,
                who=str(record.history_user or _("system")),
                kind=str(TYPES.get(record.history_type, record.history_type)),
                reason=scrub(record.history_change_reason or ""),
                changes=changes,
            )
        )
    return entries


def _related(model_field, pk) -> str:
    if pk is None:
        return ""
    if isinstance(pk, list):  # a many-to-many change: rows of the through table
        target = model_field.related_model
        column = model_field.m2m_reverse_field_name() if hasattr(model_field, "m2m_reverse_field_name") else None
        ids = [row.get(column) if isinstance(row, dict) else row for row in pk]
        names = [str(o) for o in target._default_manager.filter(pk__in=[i for i in ids if i is not None])]
        return "、".join(names)
    target = model_field.related_model._default_manager.filter(pk=pk).first()
    return str(target) if target is not None else f"#{pk}"
