"""The role grants list, declared once for its page, its Excel export and the API's /grants.

Rows come from `grants_for_user` (rules.grant_policy): security administrators and auditors
in their scope; everyone else gets none (and the page and export answer 404 to them)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.accounts.queries import grants_for_user
from xuncha.lists.declarations import Column, Filter, ListSpec, declare


def _all(user, action):
    return grants_for_user(user, action, include_archived=True)


def role_choices():
    return Role.choices


def _who(grants, text):
    return grants.filter(Q(user__username__icontains=text) | Q(user__display_name__icontains=text))


GRANTS = declare(
    ListSpec(
        name="grants",
        label=_("Role grants"),
        base=_all,
        filters=(
            Filter("q", _("User"), "text", _who),
            Filter("role", _("Role"), "choice", lambda g, v: g.filter(role=v), choices=role_choices),
            Filter("archived", _("Revoked too"), "flag", lambda g, v: g, absent=lambda g: g.active()),
        ),
        columns=(
            Column("id", _("No."), lambda g: g.pk, kind="number", width=8),
            Column("username", _("User name"), lambda g: g.user.username, width=16),
            Column("display_name", _("Display name"), lambda g: str(g.user), width=16),
            Column("role", _("Role"), lambda g: str(g.get_role_display()), width=20),
            Column("scope", _("Scope"), lambda g: g.organisation.name, width=28),
            Column("granted_by", _("Granted by"), lambda g: str(g.granted_by or ""), width=16),
            Column("granted_at", _("Granted at"), lambda g: timezone.localdate(g.granted_at), kind="date", width=12),
            Column("note", _("Note"), lambda g: g.note, width=30),
            Column("status", _("Status"), lambda g: gettext_now("Revoked") if g.is_archived else "", width=10),
        ),
        ordering=("organisation__path", "user__username", "role", "pk"),
        details=lambda g: g.select_related("user", "organisation", "granted_by"),
    )
)
