"""Per-term configuration: the warning ladder and how supervision documents are numbered.

Terms are planned in the plans app; supervision keeps its own rows keyed by term so that the
plans app needs no knowledge of it. A term without rows uses the defaults.
"""

from dataclasses import dataclass

from django.db import transaction

from xuncha.audit.domain import record_event
from xuncha.inspections.words import words_of
from xuncha.supervision.enums import WarningStep
from xuncha.supervision.ladder import Ladder, build_ladder, check_order
from xuncha.supervision.models import SupervisionSettings, WarningRule

DEFAULT_PREFIX = "巡督"
DEFAULT_ANSWER_DAYS = 15


@dataclass(frozen=True)
class DocumentSettings:
    number_prefix: str
    issuer_name: str
    answer_days: int


def default_issuer_name(term) -> str:
    """The office of the term's committee in its words: 省委巡视工作领导小组办公室 for a
    provincial committee, 市委巡察工作领导小组办公室 for a city one."""
    return f"{term.owner.name}{words_of(term).office_full}"


def settings_for_term(term) -> DocumentSettings:
    row = SupervisionSettings.objects.filter(term=term).first()
    return DocumentSettings(
        number_prefix=(row.number_prefix if row and row.number_prefix else DEFAULT_PREFIX),
        issuer_name=(row.issuer_name if row and row.issuer_name else default_issuer_name(term)),
        answer_days=row.answer_days if row else DEFAULT_ANSWER_DAYS,
    )


def set_document_settings(term, *, by, number_prefix: str, issuer_name: str, answer_days: int) -> SupervisionSettings:
    with transaction.atomic():
        row = SupervisionSettings.objects.select_for_update().filter(term=term).first() or SupervisionSettings(
            term=term
        )
        row.number_prefix, row.issuer_name, row.answer_days = number_prefix.strip(), issuer_name.strip(), answer_days
        row.full_clean()
        row.save()
        record_event("supervision.settings.changed", actor=by, obj=row, data={"term": term.pk})
        return row


def set_warning_rules(term, *, by, steps: dict[str, dict]) -> Ladder:
    """Set the term's rule for each step in `steps` ({"yellow": {"enabled": True,
    "offset_days": -7, "recipients": [...]}}); steps left out keep their current rule or the
    default. The whole ladder is checked before anything is saved."""
    with transaction.atomic():
        current = {rule.step: rule for rule in WarningRule.objects.select_for_update().filter(term=term)}
        changed = []
        for step, values in steps.items():
            rule = current.get(step) or WarningRule(term=term, step=WarningStep(step))
            rule.enabled = bool(values.get("enabled", True))
            rule.offset_days = int(values["offset_days"])
            rule.recipients = list(values.get("recipients", []))
            rule.full_clean()
            current[step] = rule
            changed.append(rule)
        ladder = build_ladder(current.values())
        check_order(ladder)
        for rule in changed:
            rule.save()
        record_event(
            "supervision.ladder.changed",
            actor=by,
            obj=term,
            data={r.step: {"enabled": r.enabled, "offset": r.offset_days, "to": r.recipients} for r in changed},
        )
        return ladder
