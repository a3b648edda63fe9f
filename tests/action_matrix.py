"""The check every declared-action matrix test makes: each step offered to a user on an object
is accepted by the domain, and each step not offered is refused by it (not only hidden)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xuncha.workflow import actions


def disagreements(names, objects, users, data) -> tuple[list, int]:
    """Take every step `names` on every object (re-read fresh) as every user, in a savepoint
    rolled back each time. `data(name, obj)` gives the step's valid input. Returns the
    disagreements (name, object id, user name, offered, taken) and how often a step was offered."""
    found, offered_count = [], 0
    for name in names:
        action = actions.get(name)
        for obj in objects:
            for user in users:
                fresh = type(obj).objects.get(pk=obj.pk)
                offered = action.offered_to(user, fresh)
                try:
                    with transaction.atomic():
                        actions.take(name, fresh, by=user, data=data(name, fresh))
                        transaction.set_rollback(True)
                    taken = True
                except (PermissionDenied, ValidationError):
                    taken = False
                offered_count += offered
                if offered != taken:
                    found.append((name, obj.pk, user.username, offered, taken))
    return found, offered_count
