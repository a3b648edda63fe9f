"""The metrics a computed item reads, each counted from the ledger's rows when it is read.

A metric is `fn(organisation, *, inspection=None, term=None, today) -> Reading`: the value and
the rows it counted (each with a label and the page that shows it), so that an evaluation page
lists every deduction with its source. The scope is the rectification of `organisation` (its
plans and the problems that concern it) in `inspection`, or in every inspection of `term`.

The rules are the ledger's own: overdue is `rectification.deadlines.overdue_q`, the rates are
`rectification.figures.rectification_figures`, the 反向测评 and the 民主测评 are the
questionnaires of those kinds opened on the organisation's 码上巡 pages (`surveys.figures.rating`).
A metric with nothing to count (no questionnaire opened, a 民主测评 held on paper, too few
responses to be shown) reads None, and the evaluation then uses a figure entered for it
(`EnteredFigure`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Row:
    label: str
    url: str
    window: int | None = None  # a questionnaire window's figures: not every evaluation reader may open them


@dataclass(frozen=True)
class Reading:
    value: Decimal | None  # None: nothing to count
    rows: tuple[Row, ...] = field(default=())


@dataclass(frozen=True)
class Metric:
    key: str
    label: object
    unit: object
    fn: Callable[..., Reading]


REGISTRY: dict[str, Metric] = {}


def metric(key: str, label, unit):
    def register(fn):
        if key in REGISTRY:
            raise ValueError(f"metric {key} declared twice")
        REGISTRY[key] = Metric(key, label, unit, fn)
        return fn

    return register


def choices() -> list[tuple[str, str]]:
    return [(m.key, str(m.label)) for m in REGISTRY.values()]


def read(key: str, organisation, *, inspection=None, term=None, today: date) -> Reading:
    return REGISTRY[key].fn(organisation, inspection=inspection, term=term, today=today)


def _scope(inspection, term) -> dict:
    return {"inspection": inspection} if inspection is not None else {"inspection__term": term}


def plans(organisation, inspection, term):
    from xuncha.rectification.models import Plan

    return Plan.objects.active().filter(organisation=organisation, **_scope(inspection, term))


def measures(organisation, inspection, term):
    from xuncha.rectification.models import Measure

    return Measure.objects.active().filter(plan__in=plans(organisation, inspection, term).values("pk"))


def problems(organisation, inspection, term):
    from xuncha.findings.models import Problem

    return Problem.objects.filter(organisation=organisation, **_scope(inspection, term))


def _measure_row(measure, suffix: str = "") -> Row:
    label = f"{measure.plan.inspection.title} · 措施{measure.number}"
    return Row(f"{label} {suffix}".strip(), reverse("rectification:measure", args=[measure.pk]))


def _problem_row(problem, suffix: str = "") -> Row:
    return Row(f"{problem.title} {suffix}".strip(), reverse("rectification:problem", args=[problem.pk]))


def _figures(organisation, inspection, term, today):
    from xuncha.rectification.figures import rectification_figures

    return rectification_figures(
        problems(organisation, inspection, term), measures(organisation, inspection, term), today=today
    )


@metric("overdue_measures", _("Overdue measures"), _("measures"))
def overdue_measures(organisation, *, inspection=None, term=None, today):
    from xuncha.rectification.figures import overdue_measures as overdue

    rows = overdue(measures(organisation, inspection, term), today=today).select_related("plan__inspection")
    found = [_measure_row(m, str(_("due %(date)s") % {"date": m.deadline})) for m in rows.order_by("deadline", "pk")]
    return Reading(Decimal(len(found)), tuple(found))


def _not_done_problems(organisation, inspection, term, statuses):
    from xuncha.rectification.status import with_status

    rows = with_status(problems(organisation, inspection, term)).filter(derived_status__in=statuses)
    return tuple(_problem_row(p) for p in rows.order_by("inspection_id", "position"))


@metric("completion_rate", _("Completion rate (问题整改完成率)"), "%")
def completion_rate(organisation, *, inspection=None, term=None, today):
    from xuncha.rectification.enums import ProblemStatus

    figures = _figures(organisation, inspection, term, today)
    rows = _not_done_problems(organisation, inspection, term, [ProblemStatus.NOT_DONE, ProblemStatus.BASICALLY_DONE])
    return Reading(figures.completion_rate, rows)


@metric("rectification_rate", _("Rectification rate (整改率)"), "%")
def rectification_rate(organisation, *, inspection=None, term=None, today):
    from xuncha.rectification.enums import ProblemStatus

    figures = _figures(organisation, inspection, term, today)
    rows = _not_done_problems(organisation, inspection, term, [ProblemStatus.NOT_DONE])
    return Reading(figures.rectification_rate, rows)


@metric("deadline_extensions", _("Deadline extensions (延期)"), _("extensions"))
def deadline_extensions(organisation, *, inspection=None, term=None, today):
    from xuncha.rectification.enums import ChangeStatus
    from xuncha.rectification.models import MeasureChange

    rows = MeasureChange.objects.filter(
        measure__in=measures(organisation, inspection, term).values("pk"),
        status=ChangeStatus.APPROVED,
        extends_deadline=True,
    ).select_related("measure__plan__inspection")
    found = [_measure_row(c.measure, str(_("extended"))) for c in rows.order_by("decided_at", "pk")]
    return Reading(Decimal(len(found)), tuple(found))


@metric("returned_sign_offs", _("Returned sign-offs"), _("returns"))
def returned_sign_offs(organisation, *, inspection=None, term=None, today):
    from xuncha.rectification.models import SignOffEvent

    rows = SignOffEvent.objects.filter(
        measure__in=measures(organisation, inspection, term).values("pk"), action=SignOffEvent.Action.RETURN
    ).select_related("measure__plan__inspection")
    found = [_measure_row(e.measure, str(_("returned"))) for e in rows.order_by("at", "pk")]
    return Reading(Decimal(len(found)), tuple(found))


@metric("red_cards", _("Red cards (红牌)"), _("cards"))
def red_cards(organisation, *, inspection=None, term=None, today):
    from django.db.models import Q

    from xuncha.rectification.models import Flag

    rows = Flag.objects.filter(
        Q(measure__in=measures(organisation, inspection, term).values("pk"))
        | Q(problem__in=problems(organisation, inspection, term).values("pk"))
    ).select_related("measure__plan__inspection", "problem")
    found = []
    for flag in rows.order_by("raised_at", "pk"):
        kind = flag.get_kind_display()
        found.append(_measure_row(flag.measure, kind) if flag.measure_id else _problem_row(flag.problem, kind))
    return Reading(Decimal(len(found)), tuple(found))


@metric("rebounds", _("Rebounds (反弹回潮)"), _("rebounds"))
def rebounds(organisation, *, inspection=None, term=None, today):
    from xuncha.rectification.models import Rebound

    rows = Rebound.objects.filter(problem__in=problems(organisation, inspection, term).values("pk")).select_related(
        "problem"
    )
    found = [_problem_row(r.problem, str(_("rebound"))) for r in rows.order_by("reopened_at", "pk")]
    return Reading(Decimal(len(found)), tuple(found))


@metric("regulations", _("Regulations made (建章立制)"), _("regulations"))
def regulations(organisation, *, inspection=None, term=None, today):
    from xuncha.rectification.models import Regulation

    rows = Regulation.objects.filter(measure__in=measures(organisation, inspection, term).values("pk")).select_related(
        "measure__plan__inspection"
    )
    found = [_measure_row(r.measure, f"《{r.title}》") for r in rows.order_by("issued_on", "pk")]
    return Reading(Decimal(len(found)), tuple(found))


def _rating(kind, organisation, inspection, term) -> Reading:
    """The mean score on 0–100 of the questionnaires of `kind` opened on the organisation's 码上巡
    pages, with a row per window to read its figures; nothing to count when none was opened or
    too few answered to be shown (XUNCHA_SURVEY_MIN_RESPONSES): the evaluation then takes an
    entered figure, for a rating held on paper."""
    from xuncha.surveys.figures import rating

    found = rating(organisation, kind, inspection=inspection, term=term)
    if found is None or found["average"] is None:
        return Reading(None)
    label = str(_("%(count)s responses") % {"count": found["count"]})
    rows = tuple(Row(label, reverse("surveys:window", args=[pk]), window=pk) for pk in found["windows"])
    return Reading(found["average"], rows)


@metric("reverse_rating", _("The public's 反向测评 (score on 0–100)"), "%")
def reverse_rating(organisation, *, inspection=None, term=None, today):
    from xuncha.surveys.enums import QuestionnaireKind

    return _rating(QuestionnaireKind.REVERSE, organisation, inspection, term)


@metric("democratic_rating", _("民主测评 result (score on 0–100)"), "%")
def democratic_rating(organisation, *, inspection=None, term=None, today):
    from xuncha.surveys.enums import QuestionnaireKind

    return _rating(QuestionnaireKind.DEMOCRATIC, organisation, inspection, term)
