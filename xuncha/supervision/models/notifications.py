"""In-app notifications: one row per recipient, read or unread.

Text is rendered once, in the platform's language, when the notification is made: it is a
message that was sent, not a view of live data. Any app may send one through
``notifications.notify``; the optional links to a warning or a document let pages show where
it came from.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xuncha.supervision.enums import NotificationLevel


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    level = models.CharField(_("level"), max_length=8, choices=NotificationLevel.choices, default="info")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=400, blank=True)
    warning = models.ForeignKey(
        "supervision.MeasureWarning",
        verbose_name=_("warning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    document = models.ForeignKey(
        "supervision.SupervisionDocument",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="supervision_notif_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "warning"],
                condition=models.Q(warning__isnull=False),
                name="supervision_notification_once_per_warning",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
