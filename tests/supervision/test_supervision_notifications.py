import pytest
from django.core import mail
from django.urls import reverse

from tests.supervision.conftest import days_before
from xuncha.supervision.escalation import compute_warnings
from xuncha.supervision.models import Notification
from xuncha.supervision.notifications import notify, send_emails

pytestmark = pytest.mark.django_db


def _run(capture, day):
    with capture(execute=True):
        return compute_warnings(day)


def _told(step):
    return sorted(set(Notification.objects.filter(warning__step=step).values_list("user__username", flat=True)))


def test_each_step_reaches_its_rung_of_the_chain(world, django_capture_on_commit_callbacks):
    _run(django_capture_on_commit_callbacks, days_before(20))
    _run(django_capture_on_commit_callbacks, days_before(10))
    _run(django_capture_on_commit_callbacks, days_before(-1))
    assert _told("green") == ["handler"]
    assert _told("yellow") == ["handler", "liaison", "zhangming"]
    assert _told("red") == ["handler", "liaison", "principal"]
    assert Notification.objects.filter(warning__isnull=False).count() == 3 * (1 + 3 + 3)


def test_email_outbox_content(world, django_capture_on_commit_callbacks):
    _run(django_capture_on_commit_callbacks, days_before(10))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["handler@example.org"] * 3 + ["liaison@example.org"] * 3 + ["zhangming@example.org"] * 3
    )
    measure = world.measures[0]
    notification = Notification.objects.get(user=world.handler, warning__measure=measure)
    message = next(m for m in mail.outbox if m.to == ["handler@example.org"] and m.subject == notification.title)
    assert "2025-06-30" in message.subject and "中共厦门市思明区委员会" in message.subject
    assert notification.level == "yellow" and measure.content in notification.body  # in-app text is fuller
    assert reverse("supervision:inspection_warnings", args=[world.inspection.pk]) in message.body
    assert measure.content not in message.body  # e-mail carries no case text
    assert all(n.emailed_at for n in Notification.objects.all())


def test_mail_is_sent_only_after_commit_and_only_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        compute_warnings(days_before(20))
    assert mail.outbox == [] and callbacks
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert send_emails(ids) == 3
    assert send_emails(ids) == 0
    assert len(mail.outbox) == 3


def test_users_without_address_get_the_notification_but_no_mail(world, django_capture_on_commit_callbacks):
    world.handler.email = ""
    world.handler.save(update_fields=["email"])
    _run(django_capture_on_commit_callbacks, days_before(20))
    assert Notification.objects.filter(user=world.handler).count() == 3
    assert mail.outbox == []


def test_notify_is_usable_by_other_apps(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.office], title="导入完成", url="/ledger/")
    assert mail.outbox[0].subject == "导入完成"


def test_my_notifications_page_badge_and_mark_read(world, client, django_capture_on_commit_callbacks):
    _run(django_capture_on_commit_callbacks, days_before(20))
    client.force_login(world.handler)
    page = client.get(reverse("supervision:notifications")).content.decode()
    assert page.count('data-testid="mark-read"') == 3
    badge = client.get(reverse("supervision:unread_badge")).content.decode()
    assert 'data-testid="unread-count">3<' in badge
    first = Notification.objects.filter(user=world.handler).first()
    response = client.post(reverse("supervision:notification_read", args=[first.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == first.url
    assert 'data-testid="unread-count">2<' in client.get(reverse("supervision:unread_badge")).content.decode()
    client.post(reverse("supervision:notifications_read_all"))
    assert client.get(reverse("supervision:unread_badge")).content.decode().strip() == ""
    assert not Notification.objects.filter(user=world.handler, read_at__isnull=True).exists()


def test_another_users_notification_is_404(world, client, django_capture_on_commit_callbacks):
    _run(django_capture_on_commit_callbacks, days_before(20))
    theirs = Notification.objects.filter(user=world.handler).first()
    client.force_login(world.liaison)
    assert client.post(reverse("supervision:notification_read", args=[theirs.pk])).status_code == 404
    assert theirs.title not in client.get(reverse("supervision:notifications")).content.decode()
    theirs.refresh_from_db()
    assert theirs.read_at is None
