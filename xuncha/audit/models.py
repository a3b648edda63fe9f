"""The audit log: explicit, namespaced events written in the same transaction as the change.

Field-level history of business records is kept by django-simple-history on each model; this
table holds workflow events (``accounts.grant.created``) and reads of confidential data
(``clues.clue.viewed``). It is append-only: the model refuses updates and deletes, and a
database trigger refuses them too (see migration 0002). It is also tamper-evident: each event
carries its place in one chain (`seq`), the previous event's HMAC and its own, over its whole
content (xuncha/audit/chain.py); `xuncha audit verify` walks the chain (docs/security.md).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.audit.lifecycle import WrittenOnce


class AuditEventQuerySet(models.QuerySet):
    def naming(self, object_id):
        """The events about record `object_id`: those naming it alone (`object_id`) and those
        naming it among others (a list's read, `AuditEventObject`). Pair with `object_type`."""
        named = AuditEventObject.objects.filter(object_id=str(object_id)[:64]).values("event_id")
        return self.filter(models.Q(object_id=str(object_id)[:64]) | models.Q(pk__in=named))

    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AppendOnly(WrittenOnce):
    """Rows of the audit log: written once (the database's triggers refuse a change or a
    deletion too, migrations 0002 and 0008)."""

    changed_refusal = deleted_refusal = "The audit log is append-only."

    class Meta:
        abstract = True


class AuditEvent(AppendOnly):
    # set before the HMAC is computed (auto_now_add would set it after), so the hash covers it
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    org_path = models.CharField(_("organisation path"), max_length=400, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    seq = models.PositiveBigIntegerField(_("sequence number"), unique=True, editable=False)
    prev_hash = models.CharField(_("previous event's HMAC"), max_length=64, editable=False)
    hash = models.CharField(_("HMAC"), max_length=64, editable=False)
    # the id of the audit key the HMAC was computed with ("" for an unnamed key): keys rotate
    key_id = models.CharField(
        _("audit key"), max_length=32, blank=True, default="", db_default="", editable=False
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        # the start-up check asks which key ids are in use (xuncha.E005); an index, not
        # db_index, so that SQLite adds it without rebuilding the table (and its trigger)
        indexes = [models.Index(fields=["key_id"], name="audit_key_id_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    @property
    def label(self) -> str:
        """What the event is, in the user's language (never the raw code)."""
        from xuncha.audit.events import label_for

        return label_for(self.action)

    @property
    def object_type_label(self) -> str:
        """The kind of record named, as the user calls it (`rectification.measure` → 整改措施)."""
        from django.apps import apps

        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name) if self.object_type else ""
        except (LookupError, ValueError):
            return self.object_type


class AuditEventObject(AppendOnly):
    """A record an event about several records names (issue 19): a list page of 50 clues
    writes one event, whose data holds the ids (covered by the event's HMAC), and one of these
    per id, so that the log is still searched by record (`AuditEventQuerySet.naming`). An index
    of the event's own data: append-only like the events, and the data is what `verify` trusts."""

    event = models.ForeignKey(AuditEvent, verbose_name=_("audit event"), on_delete=models.PROTECT, related_name="named")
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("record named by an audit event")
        verbose_name_plural = _("records named by audit events")

    def __str__(self):
        return f"{self.event_id} {self.object_id}"


class AuditChainHead(models.Model):
    """The chain's last link: one row, locked (SELECT … FOR UPDATE) by every append in the
    transaction that inserts the event, so concurrent writers extend the chain one after
    another and never fork it. Written only by `xuncha.audit.chain`."""

    seq = models.PositiveBigIntegerField(_("sequence number"), default=0)
    hash = models.CharField(_("HMAC"), max_length=64)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")

    def __str__(self):
        return f"{self.seq} {self.hash[:12]}"
