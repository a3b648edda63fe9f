"""Rates across terms and inspecting levels, as offices report them (issue 17).

Seed 000: "市、区两级上一届巡察反馈问题整改率分别达到99.71%和100%" and "见底清零". Three readings:

* **By inspecting level** (市区联动): a city term's own inspections (市委 inspections) beside the
  inspections of the terms of the committees under the city (区委 inspections) that overlap it
  in time (`linked_terms`). The inspecting level is the level of the committee that owns the
  term (`Term.owner.level`), not the level of the inspected organisation (which the dashboard's
  "by level" table shows).
* **Per term with carry-over**: the measures of the previous term of the same committee that
  were still open when it ended, how many of them have been signed off (销号) since, and how
  many are still open now: "见底清零" reads open at the end → open now.
* **The 清零 list** (`CLEARANCE`): every measure still open from a term that has ended.

The rates are those of `figures.ProblemRates` (完成率 = done ÷ problems with a known status, 整改率
= (done + basically done) ÷ the same) over the problems' derived status (`status.with_status`),
and measure states are those of `deadlines` (done = reported done or ongoing *and* signed off;
open; overdue). Nothing is re-derived here: this module only groups rows by term and level.
Every figure is computed from the rows the user may see (`restrict`, `measures_for_user`), the
same rows the figures page and the ledger list for the same filter.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.permissions import Action, restrict
from xuncha.findings.models import Problem
from xuncha.lists.declarations import Column, Filter, ListSpec, declare
from xuncha.orgs.enums import OrgLevel
from xuncha.orgs.models import Organisation
from xuncha.plans.models import Term
from xuncha.rectification.deadlines import done_q, not_stated_q, open_q, overdue_q
from xuncha.rectification.enums import ProblemStatus
from xuncha.rectification.figures import ProblemRates, rate
from xuncha.rectification.queries import measures_for_user
from xuncha.rectification.status import with_status

LEVELS = tuple(OrgLevel.values)


def visible_terms(user) -> QuerySet:
    """The terms whose figures the user may read: those with an inspection the user sees, and
    those whose plan the user reads. Latest first. Any other term is a 404."""
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.plans.queries import terms_for_user

    seen = Exists(inspections_for_user(user).filter(term=OuterRef("pk")))
    return (
        Term.objects.active()
        .filter(Q(seen) | Q(pk__in=terms_for_user(user).values("pk")))
        .select_related("owner")
        .order_by("-starts_on", "-pk")
    )


def linked_terms(term: Term, terms: QuerySet) -> list[Term]:
    """`term` and, among `terms` (the user's), the terms of the committees under its committee
    that overlap it in time (市区联动: the districts' 区委 terms beside the city's 市委 term);
    `term` first, then by committee and start."""
    others = (
        terms.filter(owner__path__startswith=term.owner.path, starts_on__lte=term.ends_on, ends_on__gte=term.starts_on)
        .exclude(pk=term.pk)
        .order_by("owner__path", "starts_on", "pk")
    )
    return [term, *others]


def previous_term(term: Term, terms: QuerySet) -> Term | None:
    """The term of the same committee that started last before `term`, among `terms`."""
    return terms.filter(owner=term.owner, starts_on__lt=term.starts_on).order_by("-starts_on", "-pk").first()


@dataclass(frozen=True)
class Row(ProblemRates):
    """Problems by derived status and measures by deadline state of one group (a term, or an
    inspecting level); `param` is the figures page's filter that lists exactly these rows."""

    label: str
    param: str
    problems: int = 0
    done: int = 0
    basically_done: int = 0
    not_done: int = 0
    not_stated: int = 0
    measures: int = 0
    measures_signed_off: int = 0
    measures_not_stated: int = 0
    measures_open: int = 0
    measures_overdue: int = 0
    term: Term | None = None

    @property
    def signed_off_rate(self) -> Decimal | None:
        """措施销号率: measures signed off ÷ measures whose status is known."""
        return rate(self.measures_signed_off, self.measures - self.measures_not_stated)


@dataclass(frozen=True)
class LevelRates:
    term: Term
    by_level: list[Row]  # one per inspecting level present, top level first
    by_term: list[Row]  # one per linked term
    total: Row


def _problem_counts(user, terms: list[Term]) -> dict[int, Counter]:
    from xuncha.inspections.queries import inspections_for_user

    inspections = inspections_for_user(user).filter(term__in=[t.pk for t in terms]).values("pk")
    problems = restrict(Problem.objects.filter(inspection__in=inspections), user)
    counts: dict[int, Counter] = defaultdict(Counter)
    for term_id, status in with_status(problems).values_list("inspection__term_id", "derived_status"):
        counts[term_id][status] += 1
    return counts


def _measure_counts(user, terms: list[Term], *, today: date) -> dict[int, dict]:
    measures = measures_for_user(user).filter(plan__inspection__term__in=[t.pk for t in terms])
    rows = (
        measures.values_list("plan__inspection__term_id")
        .annotate(
            n=Count("pk"),
            signed=Count("pk", filter=done_q()),
            not_stated=Count("pk", filter=not_stated_q()),
            open=Count("pk", filter=open_q()),
            overdue=Count("pk", filter=overdue_q(today=today)),
        )
        .order_by()
    )
    return {
        term_id: {
            "measures": n,
            "measures_signed_off": signed,
            "measures_not_stated": not_stated,
            "measures_open": open_,
            "measures_overdue": overdue,
        }
        for term_id, n, signed, not_stated, open_, overdue in rows
    }


def _row(label, param, problems: Counter, measures: dict, term=None) -> Row:
    done, basic, not_done, not_stated = (problems.get(s, 0) for s in ProblemStatus.values)
    return Row(
        label=str(label),
        param=param,
        problems=done + basic + not_done + not_stated,
        done=done,
        basically_done=basic,
        not_done=not_done,
        not_stated=not_stated,
        term=term,
        **measures,
    )


def _sum(dicts) -> dict:
    total: Counter = Counter()
    for d in dicts:
        total.update(d)
    return dict(total)


def level_label(level: str) -> str:
    """市委 / 区委 …: the inspecting committee's level as offices name it."""
    return str(INSPECTING_LEVEL.get(level, level))


INSPECTING_LEVEL = {
    OrgLevel.PROVINCE: _("Provincial committee inspections"),
    OrgLevel.CITY: _("City committee inspections"),
    OrgLevel.DISTRICT: _("District committee inspections"),
    OrgLevel.TOWN: _("Town committee inspections"),
    OrgLevel.VILLAGE: _("Village committee inspections"),
}


def level_rates(user, term: Term, terms: QuerySet, *, today: date | None = None) -> LevelRates:
    """The rates of `term` and its linked terms (`linked_terms` among the user's `terms`), per
    term and per inspecting level: three queries whatever the number of terms."""
    today = today or timezone.localdate()
    linked = linked_terms(term, terms)
    problems = _problem_counts(user, linked)
    measures = _measure_counts(user, linked, today=today)
    by_term = [
        _row(t.name, f"term={t.pk}", problems.get(t.pk, Counter()), measures.get(t.pk, {}), term=t) for t in linked
    ]
    levels: dict[str, list[Term]] = defaultdict(list)
    for t in linked:
        levels[t.owner.level].append(t)
    by_level = [
        _row(
            level_label(level),
            f"linked={term.pk}&inspecting_level={level}",
            sum((problems.get(t.pk, Counter()) for t in levels[level]), Counter()),
            _sum(measures.get(t.pk, {}) for t in levels[level]),
        )
        for level in LEVELS
        if level in levels
    ]
    total = _row(
        _("Total"),
        f"linked={term.pk}",
        sum(problems.values(), Counter()),
        _sum(measures.values()),
    )
    return LevelRates(term, by_level, by_term, total)


def linked_term_ids(user, raw_term: int, level: str | None) -> list[int] | None:
    """The figures page's `linked` (and `inspecting_level`) filter on problems, as the
    inspection ids of the linked terms; None when the term is not the user's (nothing matches)."""
    terms = visible_terms(user)
    term = terms.filter(pk=raw_term).first()
    if term is None:
        return None
    linked = linked_terms(term, terms)
    if level:
        linked = [t for t in linked if t.owner.level == level]
    return [t.pk for t in linked]


# carry-over ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarryOver:
    """The previous term's measures open at its end, and what became of them.

    A measure was open at the end when it is active, its status is stated, and it was not
    signed off by then (not done now, or signed off after `previous.ends_on`). A measure signed
    off without a recorded day counts as closed before the end. `open_at_end = closed_since +
    still_open`; a measure signed off and then reopened counts by its state now."""

    previous: Term
    open_at_end: int
    closed_since: int
    still_open: int
    overdue: int
    problems_not_done: int  # the previous term's problems not done now (derived status)
    problems_rated: int

    @property
    def cleared_rate(self) -> Decimal | None:
        """清零率: the measures open at the end signed off since ÷ those open at the end."""
        return rate(self.closed_since, self.open_at_end)


def carry_over(user, term: Term, terms: QuerySet, *, today: date | None = None) -> CarryOver | None:
    previous = previous_term(term, terms)
    if previous is None:
        return None
    today = today or timezone.localdate()
    end = previous.ends_on
    measures = measures_for_user(user).filter(plan__inspection__term=previous).exclude(not_stated_q())
    closed_since = done_q() & Q(signed_off_on__gt=end)
    counts = measures.aggregate(
        closed_since=Count("pk", filter=closed_since),
        still_open=Count("pk", filter=open_q()),
        overdue=Count("pk", filter=overdue_q(today=today)),
    )
    problems = _problem_counts(user, [previous]).get(previous.pk, Counter())
    return CarryOver(
        previous=previous,
        open_at_end=counts["closed_since"] + counts["still_open"],
        closed_since=counts["closed_since"],
        still_open=counts["still_open"],
        overdue=counts["overdue"],
        problems_not_done=problems.get(ProblemStatus.NOT_DONE, 0),
        problems_rated=sum(problems.values()) - problems.get(ProblemStatus.NOT_STATED, 0),
    )


# the 清零 list ------------------------------------------------------------------------------


def clearance_measures(user, action: Action = Action.VIEW) -> QuerySet:
    """清零 list: the open measures (`deadlines.open_q`) the user may see whose term has ended."""
    return measures_for_user(user, action).filter(
        open_q(), plan__inspection__term__ends_on__lt=timezone.localdate()
    ).select_related("plan__inspection__term", "plan__inspection__term__owner")


def age_days(measure) -> int | None:
    """Days since the inspection's feedback (反馈), when the clock started."""
    start = measure.plan.inspection.feedback_on
    return (timezone.localdate() - start).days if start else None


def past_deadline(measure) -> bool:
    return measure.deadline is not None and measure.deadline < timezone.localdate()


def _clearance_details(measures):
    return measures.prefetch_related(
        Prefetch("problems", queryset=Problem.objects.only("id", "number", "title").order_by("position"))
    )


def _subtree(measures, pk):
    path = Organisation.objects.filter(pk=pk).values_list("path", flat=True).first()
    return measures.filter(plan__organisation__path__startswith=path) if path else measures.none()


def level_choices():
    return [(value, level_label(value)) for value in LEVELS]


CLEARANCE = declare(ListSpec(
    name="clearance",
    label=_("Carry-over clearance list"),
    base=clearance_measures,
    filters=(
        Filter("term", _("Term"), "id", lambda m, v: m.filter(plan__inspection__term_id=v)),
        Filter(
            "inspecting_level", _("Inspecting level"), "choice",
            lambda m, v: m.filter(plan__inspection__term__owner__level=v), choices=level_choices,
        ),
        Filter("organisation", _("Inspected organisation"), "id", _subtree),
        Filter("overdue", _("Overdue"), "flag", lambda m, v: m.filter(overdue_q(today=timezone.localdate()))),
        Filter(
            "unit", _("Lead unit"), "text",
            lambda m, v: m.filter(Q(lead_unit__name__icontains=v[:60]) | Q(units__name__icontains=v[:60])).distinct(),
        ),
        Filter("q", _("Text"), "text", lambda m, v: m.filter(Q(content__icontains=v) | Q(target__icontains=v))),
    ),
    columns=(
        Column("id", _("Ledger key"), lambda m: m.pk, kind="number", width=10),
        Column("term", _("Term"), lambda m: m.plan.inspection.term.name, width=16),
        Column("inspection", _("Inspection"), lambda m: m.plan.inspection.title, width=30),
        Column("organisation", _("Inspected organisation"), lambda m: m.plan.organisation.name, width=24),
        Column("number", _("No."), lambda m: m.number, kind="number", width=6),
        Column("problems", _("Problems"), lambda m: "、".join(f"（{p.number}）" for p in m.problems.all()), width=14),
        Column("content", _("Measure"), lambda m: m.content, width=50),
        Column("lead_unit", _("Lead unit"), lambda m: m.lead_unit.name if m.lead_unit_id else "", width=20),
        Column("leader", _("Responsible leader"), lambda m: m.leader, width=16),
        Column("deadline", _("Deadline"), lambda m: m.deadline, kind="date", width=12),
        Column("age", _("Days since feedback"), age_days, kind="number", width=10),
        Column("overdue", _("Overdue"), lambda m: str(_("Overdue")) if past_deadline(m) else "", width=8),
        Column("status", _("Status"), lambda m: str(m.get_status_display()), width=12),
    ),
    ordering=(
        "-plan__inspection__term__ends_on", "plan__inspection__term_id", "plan__organisation__name",
        "plan__organisation_id", "plan__inspection_id", "number",
    ),
    details=_clearance_details,
))


@dataclass
class Group:
    """One term's, then one organisation's, rows of a page of the 清零 list."""

    term: Term
    organisation: Organisation
    rows: list = field(default_factory=list)


def grouped(rows) -> list[Group]:
    groups: list[Group] = []
    for m in rows:
        key = (m.plan.inspection.term_id, m.plan.organisation_id)
        if not groups or (groups[-1].term.pk, groups[-1].organisation.pk) != key:
            groups.append(Group(m.plan.inspection.term, m.plan.organisation))
        groups[-1].rows.append(m)
    return groups
