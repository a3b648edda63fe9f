"""The figures a progress report prints, counted from rows and, where a plan or report states
one, the stated figure beside it (`StatedFigure`).

The document prints the counted figure unless the office chose the stated one
(`StatedFigure.use_in_report`, DOMAIN.md: "stated figures win over counts only when the user
chooses them"); a figure nothing counts (the 21 topics of seed 001) is printed only when
chosen. The page shows both wherever they differ, whichever is printed.

Problems whose status no report stated (seed 001 imported: status "not stated") are left
out of the rates and never counted as not done; the report says how many there are.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from xuncha.rectification.enums import MeasureStatus, ProblemStatus
from xuncha.reports.models import StatedFigure

# The figures the report prints, in the order the page lists them; keys are the parser's.
LABELS = {
    "aspects_total": _("Aspects"),
    "items_total": _("Items"),
    "problems_total": _("Problems"),
    "problems_done": _("Problems done"),
    "problems_basically_done": _("Problems basically done"),
    "problems_not_done": _("Problems not done"),
    "measures_total": _("Measures"),
    "regulations_made": _("Regulations made"),
    "topics_total": _("Topics"),
    "clues_transferred": _("Clues transferred"),
    "clues_concluded": _("Clues concluded"),
    "petitions_received": _("Petitions"),
    "petitions_concluded": _("Petitions concluded"),
    "people_handled": _("People handled"),
}


@dataclass
class ReportFigure:
    key: str
    counted: int | None
    stated: StatedFigure | None = None

    @property
    def label(self) -> str:
        from xuncha.reports.check_labels import figure_label

        return str(LABELS[self.key]) if self.key in LABELS else figure_label(self.key)

    @property
    def stated_value(self) -> int | Decimal | None:
        if self.stated is None:
            return None
        value = self.stated.value
        return int(value) if value == value.to_integral_value() else value

    @property
    def printable(self) -> bool:
        """A figure the document prints: one of its own (LABELS) or one the rows count. A report
        states more (the parser's clues_to_case, petitions_about_cadres…): listed, never printed."""
        return self.key in LABELS or self.counted is not None

    @property
    def differs(self) -> bool:
        """Stated, printable, and not what the rows give (seed 004's 112 measures against 98
        counted; seed 001's 21 topics, which nothing counts): a check the page and the command
        show, and a choice for the office."""
        return self.stated is not None and self.printable and self.stated_value != self.counted

    @property
    def only_stated(self) -> bool:
        """Stated, and nothing here counts it (seed 001's 21 topics): printed only when chosen."""
        return self.stated is not None and self.counted is None

    @property
    def uses_stated(self) -> bool:
        return self.stated is not None and self.stated.use_in_report

    @property
    def printed(self) -> int | Decimal | None:
        return self.stated_value if self.uses_stated else self.counted


def problem_status(problem, measures) -> str:
    """A problem's status for the report: the derived status, except that a problem whose every
    measure's status is "not stated" (an import that stated none) is not stated either."""
    derived = getattr(problem, "derived_status", None)
    if derived == ProblemStatus.NOT_STATED or (
        measures and all(m.status == MeasureStatus.NOT_STATED for m in measures)
    ):
        return ProblemStatus.NOT_STATED
    return derived or ProblemStatus.NOT_DONE


@dataclass
class StatusCounts:
    done: int
    basically_done: int
    not_done: int
    not_stated: int

    @property
    def stated(self) -> int:
        """Problems with a status: the denominator of the rates."""
        return self.done + self.basically_done + self.not_done


def figures_table(counted: dict[str, int | None], stated: list[StatedFigure]) -> dict[str, ReportFigure]:
    """Counted and stated figures by key; a stated figure with no counterpart joins the table."""
    table = {key: ReportFigure(key, value) for key, value in counted.items()}
    for figure in stated:
        table.setdefault(figure.key, ReportFigure(figure.key, None)).stated = figure
    return table


def stated_for(inspection, organisation) -> list[StatedFigure]:
    return list(StatedFigure.objects.filter(inspection=inspection, organisation=organisation).order_by("key"))
