"""Rebound detection at entry (反弹回潮) and the proposals of common problems.

At entry a new finding's or problem's text is compared (xuncha/common/similarity.py) with two
small sets only, so the cost stays bounded whatever the size of the ledger:

* the problems of the same organisation, from other inspections, that were signed off (every
  active measure of them signed off, 销号);
* the items of the published common-problem lists of the same term.

Proposals of common problems cluster the problems of a term's inspections (at most
`similarity.MAX_TEXTS`, the most recent first).
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q

from xuncha.common import similarity
from xuncha.common.enums import ListStatus
from xuncha.common.models import CommonItem
from xuncha.findings.models import Problem
from xuncha.rectification.enums import SignOff

_ACTIVE = Q(measures__archived_at__isnull=True)


def signed_off_problems(organisation, *, excluding_inspection=None):
    """Problems concerning `organisation` whose every active measure was signed off."""
    qs = Problem.objects.filter(organisation=organisation)
    if excluding_inspection is not None:
        qs = qs.exclude(inspection=excluding_inspection)
    return (
        qs.annotate(
            measure_count=Count("measures", filter=_ACTIVE, distinct=True),
            approved_count=Count("measures", filter=_ACTIVE & Q(measures__sign_off=SignOff.APPROVED), distinct=True),
        )
        .filter(measure_count__gt=0, approved_count=F("measure_count"))
        .select_related("inspection")
        .order_by("pk")
    )


def published_items(term):
    return (
        CommonItem.objects.filter(category__common_list__term=term, category__common_list__status=ListStatus.PUBLISHED)
        .select_related("category__common_list")
        .order_by("pk")
    )


@dataclass(frozen=True)
class Candidate:
    kind: str  # "problem" or "item"
    obj: object
    score: float

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.obj.pk}"


def _problem_text(problem) -> str:
    return f"{problem.title} {problem.text}".strip()


def candidates(text: str, *, organisation, inspection) -> list[Candidate]:
    """Earlier signed-off problems of `organisation` and published common items of the
    inspection's term that read like `text`, the closest first."""
    if not (text or "").strip() or organisation is None:
        return []
    problems = list(signed_off_problems(organisation, excluding_inspection=inspection))
    items = list(published_items(inspection.term_id and inspection.term))
    pool = [("problem", p, _problem_text(p)) for p in problems] + [("item", i, i.text) for i in items]
    found = similarity.matches(text, [t for _k, _o, t in pool], threshold=similarity.REBOUND_THRESHOLD)
    return [Candidate(pool[i][0], pool[i][1], score) for i, score in found]


@dataclass(frozen=True)
class Proposal:
    problems: list
    score: float


def proposals(term, *, exclude_listed=None, limit: int = similarity.MAX_TEXTS) -> tuple[list[Proposal], bool]:
    """Clusters of similar problems across the term's inspections ("可能的共性问题"), and
    whether the term had more problems than `limit` (then only the most recent are looked at).
    `exclude_listed`: a list whose items' problems are already taken."""
    qs = Problem.objects.filter(inspection__term=term, inspection__archived_at__isnull=True)
    if exclude_listed is not None:
        qs = qs.exclude(common_items__category__common_list=exclude_listed)
    rows = list(qs.select_related("inspection", "organisation").order_by("-pk")[: limit + 1])
    truncated = len(rows) > limit
    rows = rows[:limit]
    found = similarity.clusters([_problem_text(p) for p in rows])
    result = []
    for cluster in found:
        members = [rows[i] for i in cluster.members]
        if len({p.inspection_id for p in members}) < 2:
            continue  # one inspection's repeated wording is not a problem common to several
        result.append(Proposal(sorted(members, key=lambda p: (p.inspection_id, p.position)), cluster.score))
    return result, truncated


def inspection_candidates(inspection) -> list[tuple[object, list[Candidate]]]:
    """Each problem of `inspection` with what it resembles (only those with something): the
    signed-off problems are loaded once per organisation concerned, the term's published
    items once, so a pasted feedback of 35 problems costs a few queries."""
    problems = list(Problem.objects.filter(inspection=inspection).select_related("organisation").order_by("position"))
    items = list(published_items(inspection.term))
    earlier: dict[int, list] = {}
    result = []
    for problem in problems:
        if problem.organisation_id not in earlier:
            earlier[problem.organisation_id] = list(
                signed_off_problems(problem.organisation, excluding_inspection=inspection)
            )
        pool = [("problem", p, _problem_text(p)) for p in earlier[problem.organisation_id]]
        pool += [("item", i, i.text) for i in items]
        found = similarity.matches(_problem_text(problem), [t for _k, _o, t in pool])
        if found:
            result.append((problem, [Candidate(pool[i][0], pool[i][1], s) for i, s in found]))
    return result


def warn_at_entry(request, new, kind: str):
    """After a finding or problem was entered: the rebound page's address when it resembles
    something (the view redirects there, with a warning), else None."""
    from django.contrib import messages
    from django.urls import reverse
    from django.utils.translation import gettext as _

    text = new.text if kind == "finding" else _problem_text(new)
    found = candidates(text, organisation=new.organisation, inspection=new.inspection)
    if not found:
        return None
    messages.warning(
        request,
        _("Possibly a rebound: similar to %(count)s earlier problems or common problems.") % {"count": len(found)},
    )
    return reverse("common:rebound", args=[kind, new.pk])
