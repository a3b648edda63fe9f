"""The people list, declared once for its page, its Excel export and the API."""

from django.db.models import Q
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.orgs.models import Organisation
from xuncha.people.enums import Rank
from xuncha.people.queries import people_for_user


def _all(user, action):
    return people_for_user(user, action, include_archived=True)


def _subtree(people, pk):
    path = Organisation.objects.filter(pk=pk).values_list("path", flat=True).first()
    return people.filter(organisation__path__startswith=path) if path else people.none()


PEOPLE = declare(
    ListSpec(
        name="people",
        label=_("People"),
        base=_all,
        filters=(
            Filter(
                "q", _("Text"), "text",
                lambda p, v: p.filter(
                    Q(name__icontains=v) | Q(position__icontains=v) | Q(organisation__name__icontains=v)
                ),
            ),
            Filter("rank", _("Rank"), "choice", lambda p, v: p.filter(rank=v), choices=lambda: Rank.choices),
            Filter("org", _("Organisation"), "id", _subtree),
            Filter("archived", _("Archived too"), "flag", lambda p, v: p, absent=lambda p: p.active()),
        ),
        columns=(
            Column("id", _("No."), lambda p: p.pk, kind="number", width=8),
            Column("name", _("Name"), lambda p: p.name, width=12),
            Column("organisation", _("Organisation"), lambda p: p.organisation.name, width=30),
            Column("position", _("Position"), lambda p: p.position, width=24),
            Column("rank", _("Rank"), lambda p: str(p.get_rank_display()), width=12),
            Column("status", _("Status"), lambda p: gettext_now("Archived") if p.is_archived else "", width=10),
        ),
        ordering=("organisation__path", "name", "pk"),
        details=lambda p: p.select_related("organisation"),
    )
)
