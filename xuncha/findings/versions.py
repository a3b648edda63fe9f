"""Versions of the feedback tree: what each one held, and what changed from the one before.

A version is a snapshot, plain JSON kept on its `FeedbackRevision` (`before` when the correction
session opened, `after` when it closed), so that an old version reads the same whatever happens
to the rows later. Nodes are matched by their row id: a renumbered problem is the same problem,
changed; a deleted one is removed; a new row is added.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from xuncha.findings.models import Aspect, FeedbackRevision, Item, Problem
from xuncha.findings.numbering import aspect_label, item_label, problem_label

KIND_LABELS = {"aspect": _("Aspect"), "item": _("Item"), "problem": _("Problem")}


def snapshot(inspection) -> list[dict]:
    """The tree as it stands, in order, with its numbering as shown."""
    items_by_aspect: dict[int, list] = {}
    for item in Item.objects.filter(aspect__inspection=inspection).order_by("position"):
        items_by_aspect.setdefault(item.aspect_id, []).append(item)
    problems_by_parent: dict[tuple, list] = {}
    for problem in Problem.objects.filter(inspection=inspection).order_by("position"):
        key = ("item", problem.item_id) if problem.item_id else ("aspect", problem.aspect_id)
        problems_by_parent.setdefault(key, []).append(problem)

    def problems(key):
        return [
            {"id": p.pk, "label": problem_label(p.position), "title": p.title, "text": p.text}
            for p in problems_by_parent.get(key, [])
        ]

    return [
        {
            "id": a.pk,
            "label": aspect_label(a.position),
            "title": a.title,
            "items": [
                {"id": i.pk, "label": item_label(i.position), "title": i.title, "problems": problems(("item", i.pk))}
                for i in items_by_aspect.get(a.pk, [])
            ],
            "problems": problems(("aspect", a.pk)),
        }
        for a in Aspect.objects.filter(inspection=inspection).order_by("position")
    ]


def _nodes(tree: list[dict]) -> dict[tuple[str, int], dict]:
    """Every node of a snapshot by (kind, id), with the label of its parent."""
    nodes = {}
    for aspect in tree:
        nodes[("aspect", aspect["id"])] = {**aspect, "parent": "", "parent_key": ""}
        under_aspect = {"parent": aspect["label"], "parent_key": f"aspect:{aspect['id']}"}
        for item in aspect["items"]:
            nodes[("item", item["id"])] = {**item, **under_aspect}
            for problem in item["problems"]:
                nodes[("problem", problem["id"])] = {
                    **problem, "parent": f"{aspect['label']}{item['label']}", "parent_key": f"item:{item['id']}"
                }
        for problem in aspect["problems"]:
            nodes[("problem", problem["id"])] = {**problem, **under_aspect}
    return nodes


@dataclass(frozen=True)
class Change:
    kind: str  # aspect, item, problem
    change: str  # added, changed, renumbered (only its number moved), removed
    label: str  # the number it has (or had, when removed)
    title: str
    was: dict  # the fields that changed, as they were: {"title": …, "label": …}

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


_COMPARED = ("label", "title", "text", "parent_key")  # the parent by identity, not by its number


def compare(before: list[dict], after: list[dict]) -> list[Change]:
    """What `after` added, changed and removed against `before`, in the order of the trees."""
    old, new = _nodes(before), _nodes(after)
    changes = []
    for key, node in new.items():
        if key not in old:
            changes.append(Change(key[0], "added", node["label"], node["title"], {}))
            continue
        was = {f: old[key].get(f, "") for f in _COMPARED if old[key].get(f, "") != node.get(f, "")}
        if was.pop("parent_key", None) is not None:
            was["parent"] = old[key]["parent"]  # moved under another node: shown by its number then
        if was:
            change = "renumbered" if set(was) == {"label"} else "changed"
            changes.append(Change(key[0], change, node["label"], node["title"], was))
    changes += [Change(k[0], "removed", n["label"], n["title"], {}) for k, n in old.items() if k not in new]
    return changes


def counts(tree: list[dict]) -> dict[str, int]:
    nodes = _nodes(tree)
    return {kind: sum(1 for k in nodes if k[0] == kind) for kind in KIND_LABELS}


@dataclass(frozen=True)
class Version:
    number: int
    tree: list[dict] | None  # None: made before versions were kept
    previous: list[dict] | None
    revision: FeedbackRevision | None  # None for version 1
    draft: bool = False  # the open session's tree as it now stands

    @property
    def changes(self) -> list[Change] | None:
        if self.tree is None or self.previous is None:
            return None
        return compare(self.previous, self.tree)

    @property
    def edits(self) -> list[Change] | None:
        """What was added, reworded or removed (numbers that only followed are `renumbered`)."""
        changes = self.changes
        return None if changes is None else [c for c in changes if c.change != "renumbered"]

    @property
    def renumbered(self) -> list[Change]:
        return [c for c in self.changes or [] if c.change == "renumbered"]


def version(inspection, number: int) -> Version | None:
    """Version `number` of the feedback (1 is the feedback as given); None when there is none.
    The open session's version is its tree as it now stands, marked as a draft."""
    revisions = {r.version: r for r in FeedbackRevision.objects.filter(inspection=inspection)}
    if number == 1:
        first = revisions.get(min(revisions)) if revisions else None
        tree = first.before if first is not None else snapshot(inspection)
        return Version(1, tree, None, None)
    revision = revisions.get(number)
    if revision is None:
        return None
    if revision.is_open:
        return Version(number, snapshot(inspection), revision.before, revision, draft=True)
    return Version(number, revision.after, revision.before, revision)
