"""Reading a filled questionnaire from the public's form, enforcing on the server what the page
shows with its script: a follow-up question counts only when the answer it depends on was given
(an answer to a hidden question is dropped), and a required question that is shown must be
answered. Works on the published questions alone (the public site reads nothing else)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from xuncha.surveys.enums import QuestionKind

TEXT_LIMIT = 2000


@dataclass
class Filled:
    """The cleaned answers as (question, option, value, text) rows, and the errors by question id."""

    rows: list[tuple] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)
    shown: set[int] = field(default_factory=set)


def field_name(question) -> str:
    return f"q{question.pk}"


def is_shown(question, chosen: dict[int, set[int]]) -> bool:
    """A question without a condition is shown; a follow-up is shown when the option it depends
    on is among the answers to its (shown) question."""
    if question.show_if_id is None:
        return True
    return question.show_if_id in chosen.get(question.show_if.question_id, set())


def read_answers(questions, data) -> Filled:
    """`questions` in their order, with `options` and `show_if` loaded; `data` a QueryDict."""
    filled = Filled()
    chosen: dict[int, set[int]] = {}
    for question in questions:
        if not is_shown(question, chosen):
            continue  # whatever was sent for it is dropped
        filled.shown.add(question.pk)
        name = field_name(question)
        if question.kind in QuestionKind.choice_kinds():
            options = {str(o.pk): o for o in question.options.all()}
            raw = data.getlist(name) if question.kind == QuestionKind.MULTIPLE else [data.get(name, "")]
            raw = [v for v in raw if v]
            if question.kind == QuestionKind.SINGLE and len(data.getlist(name)) > 1:
                filled.errors[question.pk] = _("Choose one answer.")
                continue
            if any(v not in options for v in raw):
                filled.errors[question.pk] = _("Choose among the answers offered.")
                continue
            picked = [options[v] for v in dict.fromkeys(raw)]
            chosen[question.pk] = {o.pk for o in picked}
            filled.rows += [(question, option, None, "") for option in picked]
            empty = not picked
        elif question.kind == QuestionKind.SCALE:
            raw = data.get(name, "").strip()
            if raw and (not raw.isdigit() or int(raw) not in question.scale_values):
                filled.errors[question.pk] = _("Choose a value on the scale.")
                continue
            if raw:
                filled.rows.append((question, None, int(raw), ""))
            empty = not raw
        else:
            text = data.get(name, "").strip()
            if len(text) > TEXT_LIMIT:
                filled.errors[question.pk] = _("Write at most %(limit)d characters.") % {"limit": TEXT_LIMIT}
                continue
            if text:
                filled.rows.append((question, None, None, text))
            empty = not text
        if empty and question.required:
            filled.errors[question.pk] = _("This question must be answered.")
    return filled
