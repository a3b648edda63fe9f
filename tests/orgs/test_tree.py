import pytest
from django.core.exceptions import ValidationError

from tests.factories import OrganisationFactory
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.audit.models import AuditEvent
from xuncha.orgs.domain import archive_organisation, move_organisation, update_organisation
from xuncha.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_create_sets_materialised_path(tree):
    assert tree.community.path == f"/{tree.city.pk}/{tree.district.pk}/{tree.street.pk}/{tree.community.pk}/"
    assert tree.community.depth == 3
    assert set(Organisation.objects.subtree(tree.district)) == {tree.district, tree.street, tree.community}


def test_move_rewrites_the_whole_subtree(tree):
    moved = move_organisation(tree.street, by=None, new_parent=tree.other_district, expected_version=1)
    community = Organisation.objects.get(pk=tree.community.pk)
    assert moved.parent == tree.other_district
    assert community.path == f"{tree.other_district.path}{tree.street.pk}/{tree.community.pk}/"
    assert community.depth == 3
    assert set(Organisation.objects.subtree(tree.other_district)) >= {tree.street, tree.community}
    assert AuditEvent.objects.filter(action="orgs.organisation.moved", object_id=str(tree.street.pk)).exists()


@pytest.mark.parametrize("target", ["street", "community"])
def test_move_under_itself_or_descendant_is_refused(tree, target):
    with pytest.raises(ValidationError, match="不能把组织移到它自己"):
        move_organisation(tree.street, by=None, new_parent=getattr(tree, target), expected_version=1)
    assert Organisation.objects.get(pk=tree.street.pk).parent == tree.district


def test_create_under_archived_parent_is_refused(tree):
    archive_organisation(tree.community, by=None, reason="撤并")
    tree.community.refresh_from_db()
    with pytest.raises(ValidationError, match="已归档"):
        OrganisationFactory(parent=tree.community)


def test_archive_with_active_children_is_refused_and_needs_reason(tree):
    with pytest.raises(ValidationError, match="下级组织"):
        archive_organisation(tree.street, by=None, reason="撤并")
    with pytest.raises(ValidationError, match="归档理由"):
        archive_organisation(tree.community, by=None, reason="  ")
    archived = archive_organisation(tree.community, by=None, reason="社区撤并")
    assert archived.is_archived and archived.archived_reason == "社区撤并"
    assert Organisation.objects.filter(pk=tree.community.pk).exists()  # never deleted


def test_concurrent_edit_is_refused_and_names_the_other_change(tree):
    first = Organisation.objects.get(pk=tree.street.pk)
    second = Organisation.objects.get(pk=tree.street.pk)
    update_organisation(first, by=None, expected_version=first.version, short_name="梧村")
    with pytest.raises(ConcurrentEditError) as caught:
        update_organisation(second, by=None, expected_version=second.version, name="改名")
    assert [c.field for c in caught.value.changes] == ["short_name"]
    current = Organisation.objects.get(pk=tree.street.pk)
    assert current.name == "梧村街道党工委" and current.short_name == "梧村"


def test_history_is_kept_for_every_change(tree):
    org = update_organisation(tree.street, by=None, expected_version=1, short_name="梧村")
    assert org.history.count() == 2
    assert org.history.first().short_name == "梧村"


def test_own_parent_is_refused_by_the_database(tree):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=tree.street.pk).update(parent=tree.street)
