"""Notification e-mails as each user chooses: each as it comes, a daily digest, or none."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from tests.factories import user_with_role
from xuncha.accounts.enums import EmailFrequency, Role
from xuncha.audit.models import AuditEvent
from xuncha.supervision import notifications

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return (
        _user(tree, "each@example.org", EmailFrequency.EACH),
        _user(tree, "daily@example.org", EmailFrequency.DAILY),
        _user(tree, "none@example.org", EmailFrequency.NONE),
    )


def _user(tree, email, frequency):
    user = user_with_role(Role.OFFICE, tree.city)
    type(user).objects.filter(pk=user.pk).update(email=email, notification_email=frequency)
    user.refresh_from_db()
    return user


def test_each_is_mailed_at_once_daily_and_none_are_not(people, django_capture_on_commit_callbacks):
    each, daily, silent = people
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([each, daily, silent], title="线索 1-001：签字（张三）", url="/clues/1/")
    assert [m.to for m in mail.outbox] == [["each@example.org"]]


def test_the_digest_lists_each_unsent_notification_once(people, django_capture_on_commit_callbacks):
    _each, daily, silent = people
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([daily, silent], title="线索 1-001：签字（张三）", url="/clues/1/")
        notifications.notify([daily], title="整改方案：报送（李四）", url="/rectification/plans/2/")
    mail.outbox.clear()
    call_command("notification_digest", stdout=io.StringIO())
    (digest,) = mail.outbox
    assert digest.to == ["daily@example.org"]
    assert "线索 1-001" in digest.body and "整改方案" in digest.body and "/rectification/plans/2/" in digest.body
    assert notifications.send_digests() == 0  # a second run finds nothing unsent
    assert len(mail.outbox) == 1


def test_the_holder_chooses_on_their_settings_page(people):
    each, _daily, _silent = people
    client = Client()
    client.force_login(each)
    page = client.get("/supervision/notifications/settings/")
    assert page.status_code == 200 and "每日汇总" in page.content.decode()
    response = client.post("/supervision/notifications/settings/", {"frequency": "daily"})
    assert response.status_code == 302
    each.refresh_from_db()
    assert each.notification_email == EmailFrequency.DAILY
    assert AuditEvent.objects.filter(action="supervision.notification.email_chosen", actor=each).count() == 1
    bad = client.post("/supervision/notifications/settings/", {"frequency": "hourly"})
    assert bad.status_code == 200
    each.refresh_from_db()
    assert each.notification_email == EmailFrequency.DAILY  # bad input changes nothing
