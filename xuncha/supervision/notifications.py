"""Sending notifications: an in-app row per recipient, and an e-mail to each recipient with an
address, sent after the transaction that made them commits (a rolled-back change sends
nothing).

E-mails carry the title and a link only, never the measure's or document's text: mail leaves
the platform's access control, the title names no more than an organisation, a measure number
and a date. Each notification is e-mailed at most once (``emailed_at``, set under a row lock).

Each user chooses how (`User.notification_email`): each notification as it comes (the
default), one daily digest of those not yet e-mailed (`send_digests`, from cron through
`xuncha notification_digest`), or none. A notification never e-mailed stays unmarked, so a
user who switches to e-mail later is not sent the old ones unless they are still unsent.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from xuncha.accounts.enums import EmailFrequency
from xuncha.audit.domain import record_event
from xuncha.supervision.enums import NotificationLevel
from xuncha.supervision.models import Notification

logger = logging.getLogger(__name__)


def notify(
    users: Iterable,
    *,
    title: str,
    body: str = "",
    url: str = "",
    level: str = NotificationLevel.INFO,
    warning=None,
    document=None,
) -> list[Notification]:
    """Notify `users`. Call inside the transaction of the change that causes it; the e-mails
    are queued as a background task when it commits."""
    rows = [
        Notification(user=user, title=title[:300], body=body, url=url, level=level, warning=warning, document=document)
        for user in users
    ]
    if not rows:
        return []
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created]
    transaction.on_commit(lambda: _enqueue_delivery(ids))
    return created


def _enqueue_delivery(ids: list[int]) -> None:
    from xuncha.supervision.tasks import deliver_notifications

    deliver_notifications.enqueue(ids)


def absolute_url(path: str) -> str:
    """Links in e-mails need the site's address; XUNCHA_BASE_URL gives it (path only without)."""
    base = getattr(settings, "XUNCHA_BASE_URL", "") or ""
    return f"{base.rstrip('/')}{path}" if path else base


def _message(notification: Notification) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        lines = [notification.title, ""]
        if notification.url:
            lines.append(_("Open it on the platform: %(url)s") % {"url": absolute_url(notification.url)})
        lines.append(_("The details are on the inspection supervision platform; this e-mail carries none."))
        return EmailMessage(subject=notification.title, body="\n".join(lines), to=[notification.user.email])


def send_emails(notification_ids: Iterable[int]) -> int:
    """E-mail each notification not e-mailed yet whose recipient has an address. Returns the
    number sent. A failed send is logged and left unmarked, so a later run may retry it."""
    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .select_related("user")
                .filter(pk=pk, emailed_at__isnull=True, user__notification_email=EmailFrequency.EACH)
                .exclude(user__email="")
                .first()
            )
            if notification is None:
                continue
            try:
                _message(notification).send()
            except Exception:
                logger.exception("could not e-mail notification %s", pk)
                continue
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent


DIGEST_LISTED = 50  # titles listed in one digest; the rest are counted


def _digest(user, notifications: list[Notification]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Inspection supervision platform: %(count)d new notifications") % {"count": len(notifications)}
        lines = []
        for notification in notifications[:DIGEST_LISTED]:
            lines.append(f"- {notification.title}")
            if notification.url:
                lines.append(f"  {absolute_url(notification.url)}")
        if len(notifications) > DIGEST_LISTED:
            lines.append(_("…and %(count)d more on the platform.") % {"count": len(notifications) - DIGEST_LISTED})
        lines += ["", _("The details are on the inspection supervision platform; this e-mail carries none.")]
        return EmailMessage(subject=subject, body="\n".join(lines), to=[user.email])


def send_digests() -> int:
    """One e-mail per user who chose the daily digest, listing their notifications not e-mailed
    yet (unread or read), which are then marked e-mailed. Returns the number of digests sent.
    Safe to run twice: the second run finds nothing unsent."""
    from xuncha.accounts.models import User

    sent = 0
    users = User.objects.filter(is_active=True, notification_email=EmailFrequency.DAILY).exclude(email="")
    for user in users.order_by("pk"):
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update()
                .filter(user=user, emailed_at__isnull=True)
                .order_by("created_at", "pk")
            )
            if not pending:
                continue
            try:
                _digest(user, pending).send()
            except Exception:
                logger.exception("could not e-mail the digest of user %s", user.pk)
                continue
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
            sent += 1
    return sent


def mark_read(notification: Notification, *, by) -> Notification:
    """Only the recipient marks a notification read; reading twice changes nothing."""
    if notification.user_id != by.pk:
        raise PermissionError("not your notification")
    with transaction.atomic():
        updated = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        if updated:
            record_event("supervision.notification.read", actor=by, obj=notification, org_path=_path(by))
    notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_all_read(*, by) -> int:
    with transaction.atomic():
        count = Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
        if count:
            record_event("supervision.notification.all_read", actor=by, org_path=_path(by), data={"count": count})
    return count


def choose_email(user, *, by, frequency: str) -> None:
    """The holder's own choice of notification e-mails (each, daily digest, none)."""
    from xuncha.accounts.models import User

    if by is None or by.pk != user.pk:
        raise PermissionError("only the holder chooses")
    if frequency not in EmailFrequency.values:
        raise ValueError(frequency)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.notification_email == frequency:
            return
        locked.notification_email = frequency
        locked.save(update_fields=["notification_email"])
        record_event(
            "supervision.notification.email_chosen",
            actor=by,
            obj=locked,
            org_path=_path(by),
            data={"frequency": frequency},
        )
    user.notification_email = frequency


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def _path(user) -> str:
    return user.organisation.path if getattr(user, "organisation_id", None) else ""
