"""Hand-offs: whoever acts next is told, from the declarations alone.

When a declared step that names a `next_actor` is taken (`xuncha.workflow.actions.take`, the
one door of pages, the API and imports), the people who now have something to do get an in-app
notification (and an e-mail where configured, xuncha/supervision/notifications.py) linking to
the record's page:

* `next_actor` a role or several: the active holders of those roles who may see the object (the permission
  module's `can`, so a reviewer of the other receiving body hears nothing) and, where some of
  them are now offered a step on it, only those (the office that acts, not every office above
  it); where none is (an approved plan: the liaison's next steps are on its measures), all of
  them;
* `next_actor` "requester": the person who asked (a change request's `requested_by`);
* never the person who took the step.

The notification names the step, the kind of record and its number, and who took the step, in
the words of the record's inspection (巡视 or 巡察, xuncha/inspections/words.py):
never the record's text. A clue's allegation, a petition's content or a reporter's identity
cannot reach a notification or an e-mail by this door. Each model whose steps hand off
registers its page (`page()`, next to its declarations); a test checks none is missing.
"""

from collections.abc import Callable

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

PAGES: dict[str, Callable | None] = {}
NAMES: dict[str, Callable] = {}


def page(model: str, url: Callable, *, name: Callable | None = None) -> None:
    """Register `url(obj) -> path` as the page of `model`'s records (where a hand-off leads),
    and optionally `name(obj)`: the record's number as people know it ("线索 1-001"), which
    must carry no case text (it may leave the platform by e-mail)."""
    PAGES[model] = url
    if name is not None:
        NAMES[model] = name


def told_by_domain(model: str) -> None:
    """`model`'s domain functions send richer notifications of their own (supervision letters,
    with their deadline and reason): the generic hand-off stays silent, so nobody is told twice."""
    PAGES[model] = None


def _model(obj) -> str:
    return f"{obj._meta.app_label}.{obj._meta.object_name}"


def recipients(action, obj, *, by) -> list:
    from xuncha.accounts.models import RoleGrant, User
    from xuncha.accounts.permissions import Action, can
    from xuncha.workflow.actions import for_model

    actor_pk = getattr(by, "pk", None)
    if action.next_actor == "requester":
        requester = getattr(obj, "requested_by", None)
        return [requester] if requester is not None and requester.pk != actor_pk and requester.is_active else []
    roles = (action.next_actor,) if isinstance(action.next_actor, str) else action.next_actor
    holders = RoleGrant.objects.active().filter(role__in=roles).values("user_id")
    candidates = User.objects.filter(is_active=True, pk__in=holders).exclude(pk=actor_pk).order_by("pk")
    seeing = [u for u in candidates if can(u, Action.VIEW, obj)]
    # the record's state is the same for everyone: its open steps are worked out once
    steps = for_model(_model(obj))
    if action.next_steps:
        steps = [a for a in steps if a.name in action.next_steps]
    open_steps = [a for a in steps if a.guard(obj) is None]
    acting = [u for u in seeing if any(a.allowed(u, obj) for a in open_steps)]
    return acting or seeing


def label(obj, *, say=str) -> str:
    """The record's registered name as people know it, or its kind and number; `say` puts the
    kind (a label of ours, never a registered name that may hold typed text) in the words of
    the record's inspection."""
    name = NAMES.get(_model(obj))
    return str(name(obj)) if name is not None else f"{say(obj._meta.verbose_name)} #{obj.pk}"


def after_step(action, obj, *, by, result=None) -> list:
    """Notify whoever acts next after `action` was taken on `obj` by `by` (inside the step's
    transaction when there is one: a rolled-back step tells nobody). A step that made a new
    record with a page of its own (a petition handed to a unit as an immediate fix, a new
    account) hands that record on: the unit may not see the petition, it acts on the fix."""
    from django.db.models import Model

    made = result if isinstance(result, tuple | list) else (result,)
    for record in made:
        if isinstance(record, Model) and _model(record) != action.model and PAGES.get(_model(record)) is not None:
            obj = record
            break
    if not action.next_actor or PAGES.get(_model(obj)) is None:
        return []
    from xuncha.inspections.words import words_of
    from xuncha.supervision.notifications import notify

    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    users = recipients(action, fresh, by=by) if fresh is not None else []
    if not users:
        return []
    with translation.override(settings.LANGUAGE_CODE):  # stored once, in the office's language
        say = words_of(fresh).say  # 巡视 when the record leads to a provincial inspection
        title = gettext("%(object)s: %(step)s (%(actor)s)") % {
            "object": label(fresh, say=say),
            "step": say(action.label),
            "actor": _name(by),
        }
    return notify(users, title=title, url=PAGES[_model(fresh)](fresh))


def _name(user) -> str:
    if user is None:
        return gettext("the system")
    return getattr(user, "display_name", "") or user.get_username()
