"""The organisation tree (组织树).

Each organisation stores its materialised path of ancestor ids (``/1/4/17/``), so a subtree
is one indexed prefix query on SQLite and PostgreSQL alike. The path is maintained only by
the functions in ``domain.py`` (create and move), never by hand.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xuncha.audit.lifecycle import ArchivableModel, ArchivableQuerySet, VersionedModel
from xuncha.orgs.enums import OrgKind, OrgLevel


class OrganisationQuerySet(ArchivableQuerySet):
    def subtree(self, root: "Organisation"):
        return self.filter(path__startswith=root.path)

    def descendants(self, root: "Organisation"):
        return self.filter(path__startswith=root.path).exclude(pk=root.pk)


class Organisation(ArchivableModel, VersionedModel):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("A stable identifier, e.g. the division code.")
    )
    level = models.CharField(_("level"), max_length=16, choices=OrgLevel.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=400, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["path", "depth"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="orgs_organisation_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    @property
    def audit_org_path(self) -> str:
        return self.path

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def is_descendant_of(self, other: "Organisation") -> bool:
        return self.path.startswith(other.path) and self.pk != other.pk
