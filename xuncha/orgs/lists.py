"""The organisations list, declared once for its page, its Excel export and the API."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.orgs.enums import OrgKind, OrgLevel
from xuncha.orgs.queries import organisations_for_user


def _all(user, action):
    return organisations_for_user(user, action, include_archived=True)


ORGANISATIONS = declare(
    ListSpec(
        name="organisations",
        label=_("Organisations"),
        base=_all,
        filters=(
            Filter(
                "q", _("Text"), "text",
                lambda o, v: o.filter(Q(name__icontains=v) | Q(short_name__icontains=v) | Q(code__icontains=v)),
            ),
            Filter("level", _("Level"), "choice", lambda o, v: o.filter(level=v), choices=lambda: OrgLevel.choices),
            Filter("kind", _("Kind"), "choice", lambda o, v: o.filter(kind=v), choices=lambda: OrgKind.choices),
            Filter("archived", _("Archived too"), "flag", lambda o, v: o, absent=lambda o: o.active()),
        ),
        columns=(
            Column("id", _("No."), lambda o: o.pk, kind="number", width=8),
            Column("code", _("Code"), lambda o: o.code, width=16),
            Column("name", _("Name"), lambda o: o.name, width=30),
            Column("short_name", _("Short name"), lambda o: o.short_name, width=14),
            Column("level", _("Level"), lambda o: str(o.get_level_display()), width=10),
            Column("kind", _("Kind"), lambda o: str(o.get_kind_display()), width=12),
            Column("parent", _("Parent organisation"), lambda o: o.parent.name if o.parent else "", width=30),
        ),
        ordering=("path",),
        details=lambda o: o.select_related("parent"),
    )
)
