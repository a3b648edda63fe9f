import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import UserFactory, user_with_role
from xuncha.accounts.domain import grant_role, revoke_grant
from xuncha.accounts.enums import Role
from xuncha.accounts.models import RoleGrant
from xuncha.accounts.permissions import roles_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def security_admin(tree):
    return user_with_role(Role.SECURITY_ADMIN, tree.district)


def test_grant_outside_own_scope_is_refused(tree, security_admin):
    grantee = UserFactory(organisation=tree.street)  # an account in scope, a scope outside it
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        grant_role(by=security_admin, grantee=grantee, role=Role.OFFICE, organisation=tree.other_district)
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        grant_role(by=security_admin, grantee=grantee, role=Role.OFFICE, organisation=tree.city)
    assert not RoleGrant.objects.filter(user=grantee).exists()
    stranger = UserFactory(organisation=tree.other_district)  # an account out of scope: not offered
    with pytest.raises(PermissionDenied):
        grant_role(by=security_admin, grantee=stranger, role=Role.OFFICE, organisation=tree.street)


def test_grant_inside_scope_works_and_is_audited(tree, security_admin):
    grantee = UserFactory(organisation=tree.street)
    grant = grant_role(by=security_admin, grantee=grantee, role=Role.LIAISON, organisation=tree.street)
    assert roles_of(grantee) == {Role.LIAISON}
    from xuncha.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="accounts.grant.created", object_id=str(grant.pk))
    assert event.actor == security_admin and event.org_path == tree.street.path


def test_self_grant_and_security_admin_grant_are_refused(tree, security_admin):
    with pytest.raises(PermissionDenied):  # not offered on one's own account: refused as a step
        grant_role(by=security_admin, grantee=security_admin, role=Role.OFFICE, organisation=tree.street)
    other = UserFactory(organisation=tree.street)
    with pytest.raises(ValidationError, match="命令行"):
        grant_role(by=security_admin, grantee=other, role=Role.SECURITY_ADMIN, organisation=tree.street)


@pytest.mark.parametrize("granter_role", [Role.SYSTEM_ADMIN, Role.AUDITOR, Role.OFFICE])
def test_only_security_admin_grants(tree, granter_role):
    granter = user_with_role(granter_role, tree.city)
    grantee = UserFactory(organisation=tree.street)
    with pytest.raises(PermissionDenied):  # the declared step's permission, before any input
        grant_role(by=granter, grantee=grantee, role=Role.LIAISON, organisation=tree.street)


def test_administration_roles_are_kept_apart(tree, security_admin):
    admin = user_with_role(Role.SYSTEM_ADMIN, tree.street)
    with pytest.raises(ValidationError, match="三员分立"):
        grant_role(by=security_admin, grantee=admin, role=Role.AUDITOR, organisation=tree.street)
    with pytest.raises(ValidationError, match="三员分立"):
        grant_role(by=security_admin, grantee=admin, role=Role.OFFICE, organisation=tree.street)
    worker = user_with_role(Role.OFFICE, tree.street)
    with pytest.raises(ValidationError, match="三员分立"):
        grant_role(by=security_admin, grantee=worker, role=Role.SYSTEM_ADMIN, organisation=tree.street)


def test_grant_on_archived_organisation_is_refused(tree, security_admin):
    from xuncha.orgs.domain import archive_organisation

    archive_organisation(tree.community, by=None, reason="撤并")
    tree.community.refresh_from_db()
    with pytest.raises(ValidationError, match="已归档"):
        grant_role(
            by=security_admin, grantee=UserFactory(organisation=tree.street), role=Role.LIAISON,
            organisation=tree.community,
        )


def test_revoked_grant_stops_access_and_is_kept(tree, security_admin, client):
    grantee = UserFactory(organisation=tree.street)
    grant = grant_role(by=security_admin, grantee=grantee, role=Role.LIAISON, organisation=tree.street)
    client.force_login(grantee)
    assert client.get(f"/orgs/{tree.street.pk}/").status_code == 200
    revoke_grant(grant, by=security_admin, reason="调岗")
    assert client.get(f"/orgs/{tree.street.pk}/").status_code == 404
    assert RoleGrant.objects.get(pk=grant.pk).archived_reason == "调岗"


def test_grant_form_outside_scope_shows_message_and_changes_nothing(tree, security_admin, client):
    grantee = UserFactory(organisation=tree.street)
    client.force_login(security_admin)
    response = client.post(
        "/accounts/grants/new/",
        {"user": grantee.pk, "role": "office", "organisation": tree.other_district.pk},
    )
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()  # the out-of-scope choice is not offered
    assert not RoleGrant.objects.filter(user=grantee).exists()
