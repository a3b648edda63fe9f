"""The office's writes on questionnaires: build from a template, edit the questions until it is
first opened, copy as a new version, open on an inspection's 码上巡 pages, close.

Every function locks the questionnaire (or window) row, checks who acts (`by=None` is the
system: demo, commands, tests of the domain), writes and records its audit event in one
transaction. Bad input raises ValidationError with a message in Chinese and changes nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.surveys.enums import SCALE_MAX, SCALE_MIN, QuestionKind
from xuncha.surveys.models import Option, Question, Questionnaire, Window
from xuncha.surveys.rules import may_edit, may_open_on
from xuncha.workflow.actions import check


def _lock(questionnaire) -> Questionnaire:
    return Questionnaire.objects.select_related("owner").select_for_update(of=("self",)).get(pk=questionnaire.pk)


def _editable(questionnaire, by) -> Questionnaire:
    """The locked questionnaire, if `by` may edit it and it was never opened (opening locks the
    same row, so no window appears while a change is being made)."""
    locked = _lock(questionnaire)
    if getattr(by, "pk", None) is not None and not may_edit(by, locked):
        raise PermissionDenied
    if locked.owner_id is None:
        raise ValidationError(_("A shipped template cannot be changed: build a questionnaire from it."))
    if locked.is_frozen:
        raise ValidationError(
            _(
                "This questionnaire has been opened on a 码上巡 page: its questions are frozen. "
                "Copy it as a new version to change them."
            )
        )
    return locked


def _copy_questions(source, target) -> None:
    options = {}
    for question in source.questions.prefetch_related("options").order_by("order", "id"):
        old_options = list(question.options.all())
        condition = question.show_if_id
        question.pk, question.questionnaire = None, target
        question.show_if = options.get(condition)
        question.save()
        for option in old_options:
            old = option.pk
            option.pk, option.question = None, question
            option.save()
            options[old] = option


def create_questionnaire(*, by, owner, title: str, kind: str, intro: str = "", source=None) -> Questionnaire:
    """A new questionnaire of the office `owner`, with the questions of `source` (a template or
    any questionnaire the user reads) copied when given."""
    from xuncha.accounts.enums import Role
    from xuncha.accounts.permissions import in_scope

    if getattr(by, "pk", None) is not None and not in_scope(by, {Role.OFFICE}, owner.path):
        raise PermissionDenied
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the questionnaire a title."))
    with transaction.atomic():
        questionnaire = Questionnaire(
            title=title, kind=kind, intro=intro, owner=owner, created_by=by if getattr(by, "pk", None) else None
        )
        questionnaire.full_clean()
        questionnaire.save()
        if source is not None:
            _copy_questions(source, questionnaire)
        record_event(
            "surveys.questionnaire.created",
            actor=by,
            obj=questionnaire,
            data={"source": source.pk if source else None},
        )
    return questionnaire


def copy_as_new_version(questionnaire, *, by) -> Questionnaire:
    """The same questions in a new, editable questionnaire: version + 1, pointing back."""
    with transaction.atomic():
        locked = _lock(questionnaire)
        if getattr(by, "pk", None) is not None and not may_edit(by, locked):
            raise PermissionDenied
        copy = Questionnaire.objects.create(
            title=locked.title,
            kind=locked.kind,
            intro=locked.intro,
            owner=locked.owner,
            is_template=locked.is_template,
            version=locked.version + 1,
            previous=locked,
            created_by=by if getattr(by, "pk", None) else None,
        )
        _copy_questions(locked, copy)
        record_event("surveys.questionnaire.versioned", actor=by, obj=copy, data={"previous": locked.pk})
    return copy


def _clean_question(questionnaire, *, kind, text, options, scale_max, show_if, before_order) -> list[str]:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the question."))
    if kind not in QuestionKind.values:
        raise ValidationError(_("Choose the kind of question."))
    options = [o.strip() for o in options or [] if o and o.strip()]
    if kind in QuestionKind.choice_kinds():
        if len(options) < 2:
            raise ValidationError(_("A choice question needs at least two answers to choose from."))
        if len(set(options)) != len(options):
            raise ValidationError(_("Two answers of the question are the same."))
    else:
        options = []
    if kind == QuestionKind.SCALE and not (SCALE_MIN <= (scale_max or 0) <= SCALE_MAX):
        raise ValidationError(
            _("A scale runs from 1 to a number between %(low)d and %(high)d.") % {"low": SCALE_MIN, "high": SCALE_MAX}
        )
    if show_if is not None:
        trigger = show_if.question
        if trigger.questionnaire_id != questionnaire.pk or trigger.kind not in QuestionKind.choice_kinds():
            raise ValidationError(
                _("A follow-up question depends on an answer to a choice question of this questionnaire.")
            )
        if before_order is not None and trigger.order >= before_order:
            raise ValidationError(_("A follow-up question must come after the question it depends on."))
    return options


def _set_options(question, texts: list[str]) -> None:
    """Keep options by position (follow-up questions point at them), add or remove the rest."""
    current = list(question.options.order_by("order", "id"))
    for index, text in enumerate(texts):
        if index < len(current):
            if current[index].text != text or current[index].order != index + 1:
                current[index].text, current[index].order = text, index + 1
                current[index].save(update_fields=["text", "order"])
        else:
            Option.objects.create(question=question, order=index + 1, text=text)
    for extra in current[len(texts):]:
        if extra.follow_ups.exists():
            raise ValidationError(_("An answer that a follow-up question depends on cannot be removed."))
        extra.delete()


def add_question(
    questionnaire,
    *,
    by,
    text: str,
    kind: str,
    required: bool = True,
    options: list[str] | None = None,
    scale_max: int = 5,
    scale_low_label: str = "",
    scale_high_label: str = "",
    show_if: Option | None = None,
) -> Question:
    with transaction.atomic():
        locked = _editable(questionnaire, by)
        order = (locked.questions.aggregate(m=Max("order"))["m"] or 0) + 1
        texts = _clean_question(
            locked, kind=kind, text=text, options=options, scale_max=scale_max, show_if=show_if, before_order=order
        )
        question = Question.objects.create(
            questionnaire=locked,
            order=order,
            text=text.strip(),
            kind=kind,
            required=required,
            scale_max=scale_max if kind == QuestionKind.SCALE else 5,
            scale_low_label=scale_low_label.strip() if kind == QuestionKind.SCALE else "",
            scale_high_label=scale_high_label.strip() if kind == QuestionKind.SCALE else "",
            show_if=show_if,
        )
        _set_options(question, texts)
        record_event("surveys.questionnaire.changed", actor=by, obj=locked, data={"added": question.pk})
    return question


def update_question(
    question,
    *,
    by,
    text: str,
    kind: str,
    required: bool,
    options: list[str] | None = None,
    scale_max: int = 5,
    scale_low_label: str = "",
    scale_high_label: str = "",
    show_if: Option | None = None,
) -> Question:
    with transaction.atomic():
        locked = _editable(question.questionnaire, by)
        question = Question.objects.select_for_update().get(pk=question.pk, questionnaire=locked)
        texts = _clean_question(
            locked, kind=kind, text=text, options=options, scale_max=scale_max, show_if=show_if,
            before_order=question.order,
        )
        if kind not in QuestionKind.choice_kinds() and Question.objects.filter(show_if__question=question).exists():
            raise ValidationError(
                _("Follow-up questions depend on this question's answers: it stays a choice question.")
            )
        question.text, question.kind, question.required, question.show_if = text.strip(), kind, required, show_if
        question.scale_max = scale_max if kind == QuestionKind.SCALE else 5
        question.scale_low_label = scale_low_label.strip() if kind == QuestionKind.SCALE else ""
        question.scale_high_label = scale_high_label.strip() if kind == QuestionKind.SCALE else ""
        question.full_clean(exclude=["questionnaire", "show_if"])
        question.save()
        _set_options(question, texts)
        record_event("surveys.questionnaire.changed", actor=by, obj=locked, data={"changed": question.pk})
    return question


def move_question(question, *, by, up: bool) -> None:
    """Swap the question with its neighbour; a follow-up never moves above the question it
    depends on."""
    with transaction.atomic():
        locked = _editable(question.questionnaire, by)
        questions = list(locked.questions.select_related("show_if").order_by("order", "id"))
        index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(questions):
            return
        first, second = sorted([questions[index], questions[other]], key=lambda q: q.order)
        if second.show_if_id is not None and second.show_if.question_id == first.pk:
            raise ValidationError(_("A follow-up question must come after the question it depends on."))
        first_order, second_order = first.order, second.order
        first.order = 0  # free the slot: (questionnaire, order) is unique
        first.save(update_fields=["order"])
        second.order = first_order
        second.save(update_fields=["order"])
        first.order = second_order
        first.save(update_fields=["order"])
        record_event("surveys.questionnaire.changed", actor=by, obj=locked, data={"moved": question.pk})


def delete_question(question, *, by) -> None:
    with transaction.atomic():
        locked = _editable(question.questionnaire, by)
        if Question.objects.filter(show_if__question_id=question.pk).exists():
            raise ValidationError(_("Follow-up questions depend on this question: delete or change them first."))
        Question.objects.filter(pk=question.pk, questionnaire=locked).delete()
        record_event("surveys.questionnaire.changed", actor=by, obj=locked, data={"deleted": question.pk})


def open_windows(questionnaire, *, by, inspection, pages, opens_on, closes_on) -> list[Window]:
    """Open the questionnaire on the given 码上巡 pages of `inspection` from `opens_on` to
    `closes_on`. A page where it was opened before gets the new dates (and is reopened)."""
    with transaction.atomic():
        locked = _lock(questionnaire)
        check("questionnaire.open", by, locked)
        if getattr(by, "pk", None) is not None and not may_open_on(by, locked, inspection):
            raise PermissionDenied
        if not opens_on or not closes_on:
            raise ValidationError(_("Give the first and the last day."))
        if closes_on < opens_on:
            raise ValidationError(_("The last day comes before the first."))
        pages = list(pages)
        if not pages:
            raise ValidationError(_("Choose at least one inspected organisation."))
        if any(p.inspection_id != inspection.pk or p.withdrawn_at is not None for p in pages):
            raise ValidationError(_("Choose among the published 码上巡 pages of this inspection."))
        windows = []
        for page in pages:
            window, _created = Window.objects.select_for_update().get_or_create(
                questionnaire=locked, page=page, defaults={"opens_on": opens_on, "closes_on": closes_on}
            )
            window.opens_on, window.closes_on, window.closed_at = opens_on, closes_on, None
            window.save()
            record_event(
                "surveys.window.opened",
                actor=by,
                obj=window,
                data={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
            )
            windows.append(window)
    return windows


def close_window(window, *, by) -> Window:
    with transaction.atomic():
        locked = Window.objects.select_related("page").select_for_update(of=("self",)).get(pk=window.pk)
        check("questionnaire_window.close", by, locked)
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
        record_event("surveys.window.closed", actor=by, obj=locked)
    return locked
