"""Permission-scoped reads of the organisation tree."""

from django.db.models import Count, Q

from xuncha.accounts.permissions import Action, restrict
from xuncha.orgs.models import Organisation


def organisations_for_user(user, action: Action = Action.VIEW, *, include_archived: bool = False):
    qs = Organisation.objects.all()
    if not include_archived:
        qs = qs.active()
    return restrict(qs, user, action)


def tree_roots_for_user(user):
    """The topmost organisations the user can see: those whose parent is out of their view."""
    visible = organisations_for_user(user)
    return (
        visible.exclude(parent__in=visible.values("pk"))
        .annotate(child_count=Count("children", filter=Q(children__archived_at__isnull=True)))
        .order_by("path")
    )


def children_for_user(user, parent: Organisation):
    return (
        organisations_for_user(user)
        .filter(parent=parent)
        .annotate(child_count=Count("children", filter=Q(children__archived_at__isnull=True)))
        .order_by("sort_order", "code")
    )
