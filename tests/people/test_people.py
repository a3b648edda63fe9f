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


def test_office_records_relatives_and_recusal_reads_them(tree, client):
    from tests.factories import make_inspection, make_term, user_with_role
    from xuncha.accounts.enums import Role
    from xuncha.staffing.domain import RecusalRefused, assign_member

    person = tree.people["city"]
    client.force_login(user_with_role(Role.SYSTEM_ADMIN, tree.city))
    assert client.get(f"/people/{person.pk}/relatives/new/").status_code == 404
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.post(
        f"/people/{person.pk}/relatives/new/", {"name": "张妻", "relation": "spouse", "organisation": tree.street.pk}
    )
    assert response.status_code == 302
    inspection = make_inspection(
        make_term(tree.city), [tree.street], entry_on=date(2023, 1, 1), exit_on=date(2023, 2, 1)
    )
    with pytest.raises(RecusalRefused, match="张妻"):
        assign_member(inspection, by=None, person=person, role="member")


def test_files_download_only_through_a_visible_record(tree, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import make_inspection, make_term, user_with_role
    from xuncha.accounts.enums import Role
    from xuncha.inspections.domain import create_information_request, record_reply

    inspection = make_inspection(make_term(tree.city), [tree.district], entry_on=date(2023, 1, 1))
    request = create_information_request(
        inspection, by=None, recipient_kind="audit", subject="审计", sent_on=date(2023, 1, 1), due_on=date(2023, 1, 5)
    )
    upload = SimpleUploadedFile("回复.pdf", b"%PDF-1.4\n%reply\n")
    record_reply(request, by=None, reply="见附件", replied_on=date(2023, 1, 4), uploads=[upload])
    stored = request.files.get()
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.get(f"/files/{stored.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    assert client.get(f"/files/{stored.pk}/").status_code == 404
