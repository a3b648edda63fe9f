"""Field history for a batch: the django-simple-history rows that saving each record and
changing its links one by one would write, written with one INSERT per table.

`HistoricalRecords` writes a record ("~") when a tracked model is saved and one each time a
many-to-many field it tracks changes (after a remove, after an add), each with a copy of the
link rows of every tracked many-to-many field as they are at that moment. A batch of edits
that saves with `bulk_update` and changes link rows directly sends none of those signals, so
it describes each of those moments as a `Snapshot` and `write_snapshots` writes the same rows:
the same fields, type, user (`get_history_user`, the request's or the job's user), change
reason and link copies, in the same order. Only their ids and times differ, as they would
between any two runs.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from simple_history.utils import get_change_reason_from_object


@dataclass(frozen=True)
class Snapshot:
    instance: object  # the saved record, as it stands at this moment
    links: dict[str, list]  # tracked many-to-many field name -> its link rows at this moment
    history_type: str = "~"


def write_snapshots(snapshots: list[Snapshot]) -> list:
    """Write one history record per snapshot, then the copies of its link rows; returns the
    records. Requires ids back from a bulk INSERT (PostgreSQL, SQLite ≥ 3.35)."""
    if not snapshots:
        return []
    history = type(snapshots[0].instance).history.model
    if not connection.features.can_return_rows_from_bulk_insert:  # pragma: no cover - both databases can
        raise NotImplementedError("write_snapshots needs ids back from a bulk insert")
    records = []
    for snapshot in snapshots:
        instance = snapshot.instance
        records.append(
            history(
                history_date=getattr(instance, "_history_date", timezone.now()),
                history_type=snapshot.history_type,
                history_user=history.get_default_history_user(instance),
                history_change_reason=get_change_reason_from_object(instance),
                **{field.attname: getattr(instance, field.attname) for field in history.tracked_fields},
            )
        )
    history.objects.bulk_create(records)
    for field in history._history_m2m_fields:
        link_history = getattr(history, field.name).model
        names = [f.attname for f in field.remote_field.through._meta.fields]
        copies = [
            link_history(history=record, **{name: getattr(row, name) for name in names})
            for record, snapshot in zip(records, snapshots, strict=True)
            for row in snapshot.links[field.name]
        ]
        link_history.objects.bulk_create(copies)
    return records
