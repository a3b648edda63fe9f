"""A 码上巡 world: an inspection of 思明区 by the city's term, open today, its office, a team
member on it, the inspected district's liaison, and an office outside its scope."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import PersonFactory, UserFactory, dated_inspection, user_with_role
from xuncha.accounts.domain import grant_role
from xuncha.accounts.enums import Role
from xuncha.staffing.domain import assign_member

PUBLIC_BASE = "https://xuncha.example.gov.cn"


@pytest.fixture(autouse=True)
def public_base(settings):
    settings.XUNCHA_PUBLIC_BASE_URL = PUBLIC_BASE
    return settings


@pytest.fixture
def world(tree):
    today = timezone.localdate()
    inspection = dated_inspection(
        tree, entry_on=today - timedelta(days=10), exit_on=today + timedelta(days=20),
        phone="0592-2918100", mailbox="厦门市邮政101号信箱",
        accepted_matters="主要受理反映思明区领导班子问题的来信来电来访。",
    )
    office = user_with_role(Role.OFFICE, tree.city)
    member = PersonFactory(organisation=tree.city)
    team = UserFactory(organisation=tree.city, person=member)
    grant_role(by=None, grantee=team, role=Role.TEAM_MEMBER, organisation=tree.city)
    assign_member(inspection, by=None, person=member, role="member")
    users = {
        "office": office,
        "team": team,
        "liaison": user_with_role(Role.LIAISON, tree.district),
        "outsider": user_with_role(Role.OFFICE, tree.other_district),
    }
    return {"tree": tree, "inspection": inspection, "users": users}


def publish(world):
    from xuncha.public.publishing import publish_pages

    return publish_pages(world["inspection"], by=world["users"]["office"])


@pytest.fixture
def public_site(settings):
    """The public site as xuncha.settings_public configures it: its URL configuration, its
    middleware (no session, no login), its templates and its bounds."""
    import xuncha.settings_public as public

    for name in (
        "ROOT_URLCONF", "MIDDLEWARE", "TEMPLATES", "XUNCHA_PUBLIC_SITE", "XUNCHA_UPLOAD_MAX_MB",
        "XUNCHA_REQUEST_MAX_MB", "DATA_UPLOAD_MAX_MEMORY_SIZE", "SILENCED_SYSTEM_CHECKS",
    ):
        setattr(settings, name, getattr(public, name))
    return settings
