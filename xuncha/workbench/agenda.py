"""The rest of the workbench besides the to-dos: deadlines coming up, warnings standing on the
user's measures, unread notifications, and the figures of the user's scope.

Every list is bounded (`SHOWN`) and says how many more there are, with a link to the page that
lists them all; every figure is the one the figures pages compute from rows, and links there.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xuncha.rectification.deadlines import DUE_SOON_DAYS, open_q

SHOWN = 8
HORIZON = DUE_SOON_DAYS  # "deadlines in the next 20 days" (issue 14)


@dataclass(frozen=True)
class Deadline:
    kind: Any  # what it is ("整改措施", "督办文书")
    label: str
    url: str
    due: date


@dataclass
class Agenda:
    deadlines: list[Deadline] = field(default_factory=list)
    more_deadlines: int = 0


def deadlines(user, *, today: date) -> Agenda:
    """Open measures, unanswered supervision letters, results-use documents awaiting a reply,
    open immediate fixes, the user's own open follow-up items from meetings and plans not yet
    approved whose deadline falls from today to `HORIZON` days later, soonest first."""
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.meetings.queries import open_follow_ups
    from xuncha.petitions.enums import FixStatus
    from xuncha.petitions.queries import fixes_for_user
    from xuncha.rectification.queries import awaiting_plans, measures_for_user
    from xuncha.results.enums import ResultStatus
    from xuncha.results.queries import results_for_user
    from xuncha.supervision.enums import DocumentStatus
    from xuncha.supervision.queries import documents_for_user

    until = today + timedelta(days=HORIZON)
    window = {"deadline__gte": today, "deadline__lte": until}
    sources = [
        (
            _("Measure"),
            measures_for_user(user).filter(open_q(), **window).order_by("deadline", "pk"),
            "deadline",
            lambda m: reverse("rectification:measure", args=[m.pk]),
        ),
        (
            _("Supervision document"),
            documents_for_user(user)
            .filter(status=DocumentStatus.ISSUED, due_on__gte=today, due_on__lte=until)
            .order_by("due_on", "pk"),
            "due_on",
            lambda d: reverse("supervision:document", args=[d.pk]),
        ),
        (
            _("Results-use document"),
            results_for_user(user)
            .filter(status=ResultStatus.ISSUED, reply_required=True, due_on__gte=today, due_on__lte=until)
            .order_by("due_on", "pk"),
            "due_on",
            lambda d: reverse("results:detail", args=[d.pk]),
        ),
        (
            _("Immediate fix"),
            fixes_for_user(user).filter(status=FixStatus.OPEN, **window).order_by("deadline", "pk"),
            "deadline",
            lambda f: reverse("petitions:fix", args=[f.pk]),
        ),
        (
            _("Follow-up item"),
            open_follow_ups(user).filter(owner=user, **window).order_by("deadline", "pk"),
            "deadline",
            lambda f: reverse("meetings:follow_up", args=[f.pk]),
        ),
        (
            _("Rectification plan due"),
            awaiting_plans(user, inspections_for_user(user))
            .filter(plan_due_on__gte=today, plan_due_on__lte=until)
            .order_by("plan_due_on", "pk"),
            "plan_due_on",
            lambda i: reverse("rectification:overview", args=[i.pk]),
        ),
    ]
    found, total = [], 0
    for kind, rows, field_name, url in sources:
        total += rows.count()
        found += [Deadline(kind, str(row), url(row), getattr(row, field_name)) for row in rows[:SHOWN]]
    found.sort(key=lambda d: d.due)
    return Agenda(found[:SHOWN], max(0, total - SHOWN))


def standing_warnings(user):
    """Warnings on measures that are still open, red first, newest first."""
    from django.db.models import Case, IntegerField, Value, When

    from xuncha.supervision.enums import WarningStep
    from xuncha.supervision.queries import warnings_for_user

    rank = Case(
        When(step=WarningStep.RED, then=Value(0)),
        When(step=WarningStep.YELLOW, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    rows = warnings_for_user(user).filter(open_q(prefix="measure__")).annotate(rank=rank)
    return rows.order_by("rank", "-reached_on", "-pk")


def escalated_follow_ups(user):
    """The user's own follow-up items from meetings that the warning run found overdue."""
    from xuncha.meetings.queries import escalated_follow_ups as escalated

    return escalated(user)


def unread_notifications(user):
    from xuncha.supervision.queries import notifications_for_user

    return notifications_for_user(user).filter(read_at__isnull=True).order_by("-created_at", "-pk")


@dataclass(frozen=True)
class ScopeFigures:
    """The oversight's summary of its latest term (the dashboard's figures) or an inspected
    organisation's own measures by status; `chart` is what the ECharts script draws."""

    kind: str  # "oversight" or "inspected"
    term: Any = None
    dashboard: Any = None
    coverage: Any = None
    measures: list | None = None  # inspected: (status, label, count) in the enum's order
    overdue: int = 0
    chart: dict | None = None


def scope_figures(user, *, today: date) -> ScopeFigures | None:
    from xuncha.rectification.queries import dashboard_terms, oversight_inspections, oversight_part

    scope = oversight_inspections(user)
    if scope is not None:
        from xuncha.plans.coverage import coverage
        from xuncha.rectification.dashboard import dashboard_figures

        term = _own_term(user, dashboard_terms(user, scope))
        if term is not None:
            scope = scope.filter(term=term)
        figures = dashboard_figures(scope, today=today, top=0, part=oversight_part(user))
        readable = term is not None and term.plans_readable
        return ScopeFigures(
            "oversight",
            term=term,
            dashboard=figures,
            coverage=coverage(term, on=today) if readable else None,
            chart=_level_chart(figures),
        )
    return _inspected_figures(user, today=today)


def _own_term(user, terms):
    """The latest term of the committee the user works for (its owner is one of the user's
    grant organisations: a city office reads the city's term, not a provincial inspection of
    one of its districts), else the latest term in scope."""
    from xuncha.accounts.queries import own_grants

    own = [grant.organisation_id for grant in own_grants(user)]
    return terms.filter(owner__in=own).first() or terms.first()


def _level_chart(figures) -> dict:
    rows = figures.by_level
    return {
        "categories": [str(r.label) for r in rows],
        "series": [
            {"name": str(_("Done")), "data": [r.done for r in rows], "color": "#2fb344"},
            {"name": str(_("Basically done")), "data": [r.basically_done for r in rows], "color": "#f59f00"},
            {"name": str(_("Not done")), "data": [r.not_done for r in rows], "color": "#d63939"},
            # imported without a stated status: shown apart, grey, never as not done
            {"name": str(_("Status not stated")), "data": [r.not_stated for r in rows], "color": "#a8b1bd"},
        ],
    }


def _inspected_figures(user, *, today: date) -> ScopeFigures | None:
    from django.db.models import Count

    from xuncha.rectification.deadlines import overdue_q
    from xuncha.rectification.enums import MeasureStatus
    from xuncha.rectification.models import Measure
    from xuncha.rectification.queries import my_measures

    measures = my_measures(user)
    if measures is None:
        return None
    mine = Measure.objects.filter(pk__in=measures.values("pk"))
    counts = dict(mine.values_list("status").annotate(n=Count("pk")))
    rows = [(value, label, counts.get(value, 0)) for value, label in MeasureStatus.choices]
    chart = {
        "categories": [str(label) for _value, label, _count in rows],
        "series": [{"name": str(_("Measures")), "data": [count for *_rest, count in rows], "color": "#206bc4"}],
    }
    overdue = mine.filter(overdue_q(today=today)).count()
    return ScopeFigures("inspected", measures=rows, overdue=overdue, chart=chart)
