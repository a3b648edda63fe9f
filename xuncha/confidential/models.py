"""A canary per key: a known text encrypted with each key when first used, so that a wrong
key (same id, other bytes) is caught at start-up rather than when someone opens a record."""

from django.db import models
from django.utils.translation import gettext_lazy as _

CANARY_TEXT = "xuncha-identity-key-check"


class KeyCanary(models.Model):
    key_id = models.CharField(_("key id"), max_length=40, unique=True)
    token = models.TextField(_("encrypted check value"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("key check")
        verbose_name_plural = _("key checks")

    def __str__(self):
        return self.key_id
