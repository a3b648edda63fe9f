"""To-do queues: what each person has to do next, read from the declared actions.

A queue names the declared steps (`xuncha.workflow.actions`) that make a record a to-do and a
cheap query of the records in the states where those steps may be open, restricted to what the
user may see (the app's `*_for_user` query). A record is on the user's list only when one of
the steps is offered to them on it (`Action.offered_to`: the step's own state guard and
permission predicate), so the workbench offers exactly what the record's page offers and a
to-do opens the page with the step ready. Each app declares its queues in its `workbench.py`
(discovered by `apps.WorkbenchConfig`), next to its `actions.py`.

The candidate query is the only cost that grows with the data: it is bounded (`LIMIT`) and
ordered by urgency (soonest deadline first), so a province's office sees its most urgent
`LIMIT` records and is told there are more; the queue's page lists them all.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from xuncha.workflow import actions, handoff

LIMIT = 50  # candidates read per queue on the home page
SHOWN = 5  # to-dos listed per queue on the home page


@dataclass(frozen=True)
class Queue:
    key: str  # "clue.sign": the queue's page is /todo/<key>/
    label: Any  # what the list is called ("待签字的问题线索")
    steps: tuple[str, ...]  # declared action names: a record is a to-do when one is offered
    roles: frozenset  # roles that can ever be offered one of the steps (skips the query)
    candidates: Callable[[Any], QuerySet]  # (user) -> the user's records in open states
    due: Callable[[Any], date | None] = lambda obj: None  # the deadline shown and sorted by
    anchor: str = "actions"  # where on the record's page the steps are
    name: Callable[[Any], str] | None = None  # how a to-do is listed, when not by its number

    def label_of(self, obj) -> str:
        if self.name is not None:
            return self.name(obj)
        return handoff.label(obj) if _named(obj) else str(obj)

    def url_of(self, obj) -> str:
        model = f"{obj._meta.app_label}.{obj._meta.object_name}"
        page = handoff.PAGES.get(model) or PAGES.get(model)
        return f"{page(obj)}#{self.anchor}" if page is not None else ""

    def offered_steps(self, user, obj) -> list:
        return [a for a in (actions.get(s) for s in self.steps) if a.offered_to(user, obj)]


QUEUES: dict[str, Queue] = {}
PAGES: dict[str, Callable] = {}  # record pages of models whose hand-offs the domain tells itself


def declare(queue: Queue) -> Queue:
    if queue.key in QUEUES:
        raise ValueError(f"queue {queue.key} declared twice")
    missing = [s for s in queue.steps if s not in actions.REGISTRY]
    if missing:
        raise ValueError(f"queue {queue.key} names undeclared steps: {missing}")
    QUEUES[queue.key] = queue
    return queue


def page(model: str, url: Callable) -> None:
    """The record page of a model that `handoff.told_by_domain` keeps out of `handoff.PAGES`."""
    PAGES[model] = url


@dataclass(frozen=True)
class Todo:
    obj: Any
    label: str  # the record's number or name as people know it (never a clue's or petition's text)
    url: str
    due: date | None
    steps: list  # the declared actions offered to the user on it


@dataclass(frozen=True)
class QueueItems:
    queue: Queue
    todos: list[Todo]
    more: bool  # there may be more than listed: the queue's page has them all

    @property
    def count(self) -> int:
        return len(self.todos)


def _named(obj) -> bool:
    return f"{obj._meta.app_label}.{obj._meta.object_name}" in handoff.NAMES


def items(queue: Queue, user, *, limit: int = LIMIT, enough: int | None = None) -> QueueItems:
    """The user's to-dos in `queue`: candidates read up to `limit`, each checked against the
    declarations. With `enough`, checking stops once that many are found (the home page lists a
    few and links to the queue's page): candidates come soonest deadline first, so the first
    found are the most urgent, and the cost of the home page does not grow with the backlog."""
    rows = list(queue.candidates(user)[: limit + 1])
    more, rows = len(rows) > limit, rows[:limit]
    todos = []
    for obj in rows:
        steps = queue.offered_steps(user, obj)
        if steps:
            todos.append(Todo(obj, queue.label_of(obj), queue.url_of(obj), queue.due(obj), steps))
            if enough is not None and len(todos) >= enough:
                break
    todos.sort(key=lambda t: (t.due is None, t.due or date.max))
    return QueueItems(queue, todos, more)


def for_user(user, roles) -> list[QueueItems]:
    """The user's non-empty queues, in declaration order."""
    found = []
    for queue in QUEUES.values():
        if not queue.roles & roles:
            continue
        shown = items(queue, user, enough=SHOWN + 1)
        if shown.todos:
            found.append(shown)
    return found
