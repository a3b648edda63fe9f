from django.db import models
from django.utils.translation import gettext_lazy as _


class UsedFormToken(models.Model):
    """A submitted form's one-time token and where its submission led (xuncha.web.once)."""

    token = models.CharField(_("token"), max_length=32, unique=True)
    result_url = models.CharField(_("result address"), max_length=500, blank=True)
    used_at = models.DateTimeField(_("used at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("used form token")
        verbose_name_plural = _("used form tokens")

    def __str__(self):
        return self.token
