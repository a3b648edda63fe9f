from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import PersonFactory
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.orgs.domain import archive_organisation
from xuncha.people.domain import add_employment, archive_person, update_person
from xuncha.people.models import Person

pytestmark = pytest.mark.django_db


def test_person_cannot_join_an_archived_organisation(tree):
    archive_organisation(tree.community, by=None, reason="撤并")
    tree.community.refresh_from_db()
    with pytest.raises(ValidationError, match="已归档"):
        PersonFactory(organisation=tree.community)
    person = tree.people["street"]
    with pytest.raises(ValidationError, match="已归档"):
        update_person(person, by=None, expected_version=person.version, organisation=tree.community)
    assert Person.objects.get(pk=person.pk).organisation == tree.street


def test_employment_end_before_start_is_refused(tree):
    person = tree.people["street"]
    with pytest.raises(ValidationError):
        add_employment(person, by=None, organisation=tree.other_district, start=date(2022, 5, 1), end=date(2021, 1, 1))
    assert person.employments.count() == 0
    add_employment(person, by=None, organisation=tree.other_district, start=date(2019, 1, 1), end=date(2021, 1, 1))
    assert person.employments.get().organisation == tree.other_district


def test_concurrent_person_edit_keeps_first_save(tree):
    a = Person.objects.get(pk=tree.people["street"].pk)
    b = Person.objects.get(pk=tree.people["street"].pk)
    update_person(a, by=None, expected_version=a.version, position="书记")
    with pytest.raises(ConcurrentEditError) as caught:
        update_person(b, by=None, expected_version=b.version, position="主任")
    assert caught.value.changes[0].field == "position"
    assert Person.objects.get(pk=a.pk).position == "书记"


def test_archived_person_stays_with_reason(tree):
    person = archive_person(tree.people["street"], by=None, reason="调离")
    assert Person.objects.get(pk=person.pk).archived_reason == "调离"
    assert not Person.objects.active().filter(pk=person.pk).exists()
