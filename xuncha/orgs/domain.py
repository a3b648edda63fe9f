"""Writes to the organisation tree. Each function is one transaction with its audit event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import archive, save_versioned
from xuncha.orgs.models import Organisation

EDITABLE_FIELDS = ("name", "short_name", "code", "level", "kind", "sort_order")


def _check_parent(parent: Organisation | None) -> None:
    if parent is not None and parent.is_archived:
        raise ValidationError({"parent": _("The parent organisation is archived.")})


def create_organisation(*, by, parent: Organisation | None, **fields) -> Organisation:
    _check_parent(parent)
    with transaction.atomic():
        org = Organisation(parent=parent, **fields)
        org.full_clean(exclude=["path"])
        org.save()
        org.path = f"{parent.path if parent else '/'}{org.pk}/"
        org.depth = parent.depth + 1 if parent else 0
        Organisation.objects.filter(pk=org.pk).update(path=org.path, depth=org.depth)
        record_event("orgs.organisation.created", actor=by, obj=org)
        return org


def update_organisation(org: Organisation, *, by, expected_version: int, **changes) -> Organisation:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    with transaction.atomic():
        saved = save_versioned(org, expected_version=expected_version, changes=changes)
        record_event("orgs.organisation.updated", actor=by, obj=saved, data={"fields": sorted(changes)})
        return saved


def move_organisation(org: Organisation, *, by, new_parent: Organisation | None, expected_version: int):
    """Re-parent `org` and rewrite the paths of its whole subtree in one UPDATE.

    Both rows are locked and re-read first, so a concurrent move of an ancestor cannot leave
    stale paths; an organisation cannot become its own ancestor (the tree stays a tree).
    """
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=org.pk)
        parent = Organisation.objects.select_for_update().get(pk=new_parent.pk) if new_parent else None
        if parent is not None and parent.path.startswith(locked.path):
            raise ValidationError({"parent": _("An organisation cannot be placed under itself or its own subunits.")})
        _check_parent(parent)
        old_path, old_depth = locked.path, locked.depth
        saved = save_versioned(locked, expected_version=expected_version, changes={"parent": parent})
        new_path = f"{parent.path if parent else '/'}{saved.pk}/"
        new_depth = parent.depth + 1 if parent else 0
        Organisation.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1, Length("path"))),
            depth=F("depth") - old_depth + new_depth,
        )
        saved.path, saved.depth = new_path, new_depth
        record_event("orgs.organisation.moved", actor=by, obj=saved, data={"from": old_path, "to": new_path})
        return saved


def archive_organisation(org: Organisation, *, by, reason: str) -> Organisation:
    """Archive an organisation; refused while it still has active subunits."""
    if Organisation.objects.active().filter(parent=org).exists():
        raise ValidationError(_("Archive or move its subunits first."))
    with transaction.atomic():
        archived = archive(org, by=by, reason=reason)
        record_event("orgs.organisation.archived", actor=by, obj=archived, data={"reason": reason})
        return archived
