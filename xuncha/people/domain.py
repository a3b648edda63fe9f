"""Writes to people and their work history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import archive, save_versioned
from xuncha.people.models import Employment, Person, Relative

EDITABLE_FIELDS = ("name", "organisation", "position", "rank")


def _check_organisation(organisation) -> None:
    if organisation is not None and organisation.is_archived:
        raise ValidationError({"organisation": _("This organisation is archived; choose an active one.")})


def create_person(*, by, organisation, **fields) -> Person:
    _check_organisation(organisation)
    with transaction.atomic():
        person = Person(organisation=organisation, **fields)
        person.full_clean()
        person.save()
        record_event("people.person.created", actor=by, obj=person)
        return person


def update_person(person: Person, *, by, expected_version: int, **changes) -> Person:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "organisation" in changes:
        _check_organisation(changes["organisation"])
    with transaction.atomic():
        saved = save_versioned(person, expected_version=expected_version, changes=changes)
        record_event("people.person.updated", actor=by, obj=saved, data={"fields": sorted(changes)})
        return saved


def add_employment(person: Person, *, by, organisation, start, end=None, position: str = "") -> Employment:
    with transaction.atomic():
        employment = Employment(person=person, organisation=organisation, start=start, end=end, position=position)
        employment.full_clean()
        employment.save()
        record_event(
            "people.employment.added",
            actor=by,
            obj=person,
            data={"organisation": organisation.pk, "start": str(start), "end": str(end or "")},
        )
        return employment


def add_relative(person: Person, *, by, name: str, relation: str, organisation=None) -> Relative:
    """Record a close relative and where they work (read by the recusal checks)."""
    from xuncha.people.rules import may_record_relatives

    if by is not None and not may_record_relatives(by, person):
        raise PermissionDenied("only the office records relatives")
    with transaction.atomic():
        relative = Relative(person=person, name=name.strip(), relation=relation, organisation=organisation)
        relative.full_clean()
        relative.save()
        record_event("people.relative.added", actor=by, obj=person, data={"relation": relation})
        return relative


def archive_person(person: Person, *, by, reason: str) -> Person:
    with transaction.atomic():
        archived = archive(person, by=by, reason=reason)
        record_event("people.person.archived", actor=by, obj=archived, data={"reason": reason})
        return archived
