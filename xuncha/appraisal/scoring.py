"""An appraisal's total and grade, worked out from its item scores each time they are read:
a section's points are the sum of its items' scores (each ≤ the item's max, checked when
scored), the total is the sum of the sections', the grade follows the scheme's thresholds.
Nothing here is typed by hand."""

from dataclasses import dataclass
from decimal import Decimal

from xuncha.appraisal.enums import AppraisalGrade


@dataclass
class ItemLine:
    item: object
    score: object  # the AppraisalScore row, or None while not scored


@dataclass
class SectionLine:
    section: object
    items: list[ItemLine]

    @property
    def max_points(self) -> Decimal:
        return sum((i.item.max_points for i in self.items), Decimal(0))

    @property
    def points(self) -> Decimal:
        return sum((i.score.score for i in self.items if i.score is not None), Decimal(0))


@dataclass
class Result:
    sections: list[SectionLine]

    @property
    def max_points(self) -> Decimal:
        return sum((s.max_points for s in self.sections), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((s.points for s in self.sections), Decimal(0))

    @property
    def unscored(self) -> int:
        return sum(1 for s in self.sections for i in s.items if i.score is None)


def sections_of(scheme) -> list:
    return list(scheme.sections.prefetch_related("items"))


def result(appraisal, sections=None, scores=None) -> Result:
    """`sections` and `scores` (rows of this appraisal) may be given by a caller that loaded
    them for many appraisals at once (the ranked table)."""
    if sections is None:
        sections = sections_of(appraisal.scheme)
    if scores is None:
        scores = appraisal.scores.select_related("scorer").prefetch_related("evidence")
    by_item = {s.item_id: s for s in scores}
    return Result([
        SectionLine(section, [ItemLine(item, by_item.get(item.pk)) for item in section.items.all()])
        for section in sections
    ])


def grade_label(scheme, total) -> str:
    return AppraisalGrade(scheme.grade_for(total)).label
