"""The one permission module: who may see which rows and do what to them.

Every view, export, search and API call asks here, through two questions:

* ``restrict(queryset, user, action)``: the rows of a queryset this user may act on;
* ``can(user, action, obj)``: may this user act on this one object.

Each app declares, in its ``rules.py``, one *policy* per model: a function that turns
(user, action) into a filter on that model, built from the user's active role grants
(``scope_q``). A model without a policy, an inactive user, an anonymous user and a user
without a fitting grant all get nothing: the default is deny. Out-of-scope objects are
answered with 404 (``get_for_user_or_404``) so that ids do not leak.
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from xuncha.accounts.enums import Role


class Action(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    ARCHIVE = "archive"
    EXPORT = "export"


@dataclass(frozen=True)
class ScopedRole:
    role: Role
    org_id: int
    path: str
    inspection_id: int | None = None

    @property
    def is_root(self) -> bool:
        return self.path.count("/") == 2


Policy = Callable[[object, Action], Q | None]
_POLICIES: dict[type[Model], Policy] = {}


def policy(model: type[Model]) -> Callable[[Policy], Policy]:
    """Register the policy of `model`. One per model; registering twice is a bug."""

    def register(fn: Policy) -> Policy:
        if model in _POLICIES:
            raise RuntimeError(f"{model.__name__} already has a policy")
        _POLICIES[model] = fn
        return fn

    return register


def scoped_roles(user) -> tuple[ScopedRole, ...]:
    """The user's active grants, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    if getattr(user, "roles_suspended_at", None) is not None:
        return ()  # after a password reset by the system administrator, until re-confirmed
    if getattr(user, "must_change_password", False):
        return ()  # someone else chose the password: nothing until the holder has chosen their own
    cached = getattr(user, "_xuncha_scoped_roles", None)
    if cached is None:
        from xuncha.accounts.models import RoleGrant

        rows = (
            RoleGrant.objects.active()
            .filter(user=user, organisation__archived_at__isnull=True)
            .values_list("role", "organisation_id", "organisation__path", "inspection_id")
        )
        cached = tuple(ScopedRole(Role(role), org_id, path, insp) for role, org_id, path, insp in rows)
        user._xuncha_scoped_roles = cached
    return cached


def forget_cached_roles(user) -> None:
    if hasattr(user, "_xuncha_scoped_roles"):
        del user._xuncha_scoped_roles
    if hasattr(user, "_xuncha_scopes"):
        del user._xuncha_scopes


def remembered(user, key, build):
    """`build()`, a scope built from the user's grants (a policy's filter, a subquery of the
    inspections read whole), made once per user object: a request reuses it wherever it asks,
    as it reuses the roles (`scoped_roles`). Kept on the user object beside the roles, so it ends
    with the request and never passes to another user; rebuilt whenever the roles are read
    again (a grant or a revocation forgets them: `forget_cached_roles`), the account's state
    changes (deactivated, suspended) or the day turns (filters hold today's date). What it keeps
    are filters and unevaluated subqueries: the rows they match are read when the query runs."""
    roles = scoped_roles(user)
    state = (roles, user.is_active, getattr(user, "roles_suspended_at", None), timezone.localdate())
    scopes = getattr(user, "_xuncha_scopes", None)
    if scopes is None or scopes.state != state:
        scopes = user._xuncha_scopes = _Scopes(state)
    if key not in scopes:
        scopes[key] = build()
    return scopes[key]


class _Scopes(dict):
    """The scopes `remembered` keeps, for the roles and state they were built from. A copy or a
    pickle of the user object starts without them (a pickled subquery would be evaluated)."""

    def __init__(self, state=None):
        super().__init__()
        self.state = state

    def __reduce__(self):
        return (_Scopes, ())

    def __copy__(self):
        return _Scopes()

    def __deepcopy__(self, memo):
        return _Scopes()


def remembered_per_user(fn):
    """Decorate a scope builder `fn(user, *args)` so that each request builds it once per
    arguments (`remembered`). Sets in the arguments count by their members."""

    @functools.wraps(fn)
    def wrapper(user, *args):
        if not getattr(user, "is_authenticated", False):
            return fn(user, *args)
        key = (fn, *(frozenset(a) if isinstance(a, set | frozenset) else a for a in args))
        try:
            hash(key)
        except TypeError:  # a list or another unhashable argument: built each time
            return fn(user, *args)
        return remembered(user, key, lambda: fn(user, *args))

    return wrapper


def roles_of(user) -> set[Role]:
    return {grant.role for grant in scoped_roles(user)}


def has_role(user, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


def scope_paths(user, roles: Iterable[Role]) -> list[str]:
    """Subtree paths the user holds any of `roles` for, with nested paths folded away.
    Grants limited to one inspection give no subtree: they act only through that inspection."""
    wanted = set(roles)
    paths = sorted({g.path for g in scoped_roles(user) if g.role in wanted and g.inspection_id is None})
    folded: list[str] = []
    for path in paths:
        if not any(path.startswith(outer) for outer in folded):
            folded.append(path)
    return folded


def scope_q(user, roles: Iterable[Role], lookup: str) -> Q | None:
    """A filter matching rows whose `lookup` path lies in the user's scope for `roles`."""
    paths = scope_paths(user, roles)
    if not paths:
        return None
    q = Q()
    for path in paths:
        q |= Q(**{f"{lookup}__startswith": path})
    return q


def in_scope(user, roles: Iterable[Role], path: str) -> bool:
    return any(path.startswith(outer) for outer in scope_paths(user, roles))


def restrict(queryset: QuerySet, user, action: Action = Action.VIEW) -> QuerySet:
    """The rows of `queryset` that `user` may perform `action` on. Default deny."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    rule = _POLICIES.get(queryset.model)
    if rule is None:
        return queryset.none()
    condition = remembered(user, (rule, action), lambda: rule(user, action))
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def can(user, action: Action, obj: Model) -> bool:
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


def get_for_user_or_404(queryset: QuerySet | type[Model], user, action: Action = Action.VIEW, **lookup):
    """Fetch one object the user may act on, or raise 404 whether it is missing or out of scope."""
    if not isinstance(queryset, QuerySet):
        queryset = queryset._default_manager.all()
    try:
        return restrict(queryset, user, action).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None  # missing, out of scope, or a malformed id: all look the same
