"""Users and role grants.

A user is a login; a person is a cadre in the organisation tree; a user may be linked to
one person. What a user may do comes only from active role grants, each scoped to an
organisation subtree. ``is_superuser`` and Django's model permissions are not used.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.accounts.enums import EmailFrequency, Role
from xuncha.audit.lifecycle import ArchivableModel


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("home organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The organisation the account belongs to; administrators see accounts in their scope."),
    )
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="user",
    )

    roles_suspended_at = models.DateTimeField(
        _("roles suspended at"),
        null=True,
        blank=True,
        help_text=_("Set when a system administrator resets the password; a security administrator lifts it."),
    )
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_(
            "Set when someone else chose the password (a new account, a reset); "
            "the holder must choose a new one before anything else."
        ),
    )

    notification_email = models.CharField(
        _("notification e-mails"),
        max_length=8,
        choices=EmailFrequency.choices,
        default=EmailFrequency.EACH,
        help_text=_("Where the platform sends e-mail and the account has an address."),
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.display_name or self.username


class RoleGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class RoleGrant(ArchivableModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="grants"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("scope"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The grant covers this organisation and everything under it."),
    )
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Optional: limit the grant to one inspection."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = RoleGrantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=models.Q(archived_at__isnull=True, inspection__isnull=True),
                name="accounts_grant_unique_active",
                violation_error_message=_("This user already has this role for this organisation."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "inspection"],
                condition=models.Q(archived_at__isnull=True, inspection__isnull=False),
                name="accounts_grant_unique_active_inspection",
                violation_error_message=_("This user already has this role for this inspection."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    @property
    def audit_org_path(self) -> str:
        return self.organisation.path


class ApiToken(models.Model):
    """A personal API token: made and revoked by its user, shown once, stored as a hash.

    The secret is `<prefix>.<random>`; only the prefix (to find the row and to show in lists)
    and the SHA-256 of the whole secret are kept. A read-only token may only read; neither
    kind reaches more than its user may."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    digest = models.CharField(_("digest"), max_length=64, editable=False)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def audit_org_path(self) -> str:
        return self.user.organisation.path if self.user.organisation_id else ""
