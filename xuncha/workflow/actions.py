"""Declared actions: every workflow step declared once (pretix's transitions, pretalx's states).

A declaration names the step, the states it applies to (`guard`), who may take it (`allowed`,
a predicate over the permission module), what it requires (a reason, a file), the audit event
it writes and who acts next. Three readers use the one declaration:

* the domain function calls `check()` inside its transaction, after locking the row, so a step
  that is not allowed is refused whatever door it came through (page, API, script);
* views call `offered()` to decide which forms to show; templates ask `actions.<name>`, never a
  raw status string;
* the workbench and notifications read `next_actor` to tell the next person.

`by=None` is the system (imports, commands, tests of the domain): the state guard still holds,
the permission predicate is not asked.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

# a step's look: the one main step of a page filled, the others plain, a refusal outlined red
BUTTON_CLASSES = {"primary": "btn-primary", "secondary": "", "danger": "btn-outline-danger"}


class ActionRefused(PermissionDenied):
    """The user may not take this step on this object (views answer 404)."""


@dataclass(frozen=True)
class Action:
    name: str  # "<model>.<verb>", unique: "measure.request_sign_off"
    label: Any  # lazy translated label of the button
    model: str  # app_label.ModelName of the object it acts on
    guard: Callable[[Any], str | None]  # None when the object's state allows it, else why not
    allowed: Callable[[Any, Any], bool]  # (user, obj) -> may this user take it
    event: str  # the audit event code it writes
    # who has something to do afterwards: a Role value, several (the ones the record's state
    # then offers a step to are told, e.g. the receiving body of a clue), or "requester"
    next_actor: str | tuple[str, ...] = ""
    requires: tuple[str, ...] = field(default=())  # "reason", "file"
    style: str = "primary"  # primary, secondary, danger (`BUTTON_CLASSES`): one primary per page
    # (obj, by, data) -> result: calls the domain function with cleaned input; the page's forms
    # and the API's schemas clean `data`, both then take the step the same way
    perform: Callable[[Any, Any, dict], Any] | None = None
    # the steps whose offer marks who among `next_actor` acts next (by default any open step of
    # the record: a step always open to a role, a red card, would otherwise tell it every time)
    next_steps: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if self.style not in BUTTON_CLASSES:
            raise ValueError(f"{self.name}: style {self.style!r} is not one of {sorted(BUTTON_CLASSES)}")

    @property
    def button_class(self) -> str:
        """The Tabler class of the step's button: `<button class="btn {{ action.button_class }}">`."""
        return BUTTON_CLASSES[self.style]

    @property
    def verb(self) -> str:
        return self.name.split(".", 1)[1]

    def refusal(self, obj) -> str | None:
        return self.guard(obj)

    def offered_to(self, user, obj) -> bool:
        return self.guard(obj) is None and bool(self.allowed(user, obj))


def unless(condition: bool, message) -> str | None:
    """A guard's answer: None when `condition` holds, else why not (`message`, made text)."""
    return None if condition else str(message)


REGISTRY: dict[str, Action] = {}


def declare(action: Action) -> Action:
    if action.name in REGISTRY:
        raise ValueError(f"action {action.name} declared twice")
    REGISTRY[action.name] = action
    return action


def get(name: str) -> Action:
    return REGISTRY[name]


def for_model(model: str) -> list[Action]:
    return [a for a in REGISTRY.values() if a.model == model]


def take(name: str, obj, *, by, data: dict | None = None):
    """Take a declared step with cleaned input (the domain function checks and guards it), then
    tell whoever acts next (`xuncha.workflow.handoff`)."""
    from xuncha.workflow import handoff

    action = REGISTRY[name]
    with transaction.atomic():
        result = action.perform(obj, by, dict(data or {}))
        handoff.after_step(action, obj, by=by, result=result)
    return result


def check(name: str, by, obj) -> Action:
    """Refuse the step unless the object's state allows it and `by` may take it. Call it in the
    domain function's transaction with the row locked, so the guard reads the stored state."""
    action = REGISTRY[name]
    if getattr(by, "pk", None) is not None and not action.allowed(by, obj):
        raise ActionRefused(name)  # first: who may not act learns nothing of the state
    if (why := action.guard(obj)) is not None:
        raise ValidationError(why, code="status")
    return action


class Offered(dict):
    """The actions offered to a user on one object, by verb: `{% if actions.approve %}`."""

    def __missing__(self, key):
        return None

    def __getattr__(self, verb):  # the same in views: `offered(...).approve`
        if verb.startswith("__"):
            raise AttributeError(verb)
        return self[verb]


def offered(user, obj, model: str) -> Offered:
    return Offered({a.verb: a for a in for_model(model) if a.offered_to(user, obj)})
