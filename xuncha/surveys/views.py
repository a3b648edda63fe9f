"""The office's questionnaire pages: build from a template, edit the questions, open on an
inspection's 码上巡 pages, close, read the figures live and export them. Everything a user may
not reach answers 404 (`get_for_user_or_404`); free-text answers only for the office
(`rules.may_read_texts`)."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.audit.domain import record_event
from xuncha.exports.xlsx import Field, xlsx_download
from xuncha.inspections.models import Inspection
from xuncha.surveys import domain
from xuncha.surveys.figures import figures, minimum, texts
from xuncha.surveys.forms import OpenForm, QuestionForm, QuestionnaireForm, office_organisations
from xuncha.surveys.models import Question, Questionnaire, Window
from xuncha.surveys.queries import with_response_counts
from xuncha.surveys.rules import (
    may_edit,
    may_manage_window,
    may_read_texts,
    may_use_questionnaires,
    openable_inspections,
)
from xuncha.web.downloads import dated_name
from xuncha.web.pages import int_param
from xuncha.workflow.steps import take_step


def _require_office(user) -> None:
    if not may_use_questionnaires(user):
        raise Http404


def _questionnaire(request, pk, action=Action.VIEW) -> Questionnaire:
    return get_for_user_or_404(Questionnaire.objects.select_related("owner", "previous"), request.user, action, pk=pk)


def _window(request, pk, action=Action.VIEW) -> Window:
    return get_for_user_or_404(
        Window.objects.select_related("questionnaire", "page__inspection"), request.user, action, pk=pk
    )


def questionnaire_list(request):
    _require_office(request.user)
    rows = restrict(Questionnaire.objects.select_related("owner"), request.user).annotate(
        window_count=Count("windows")
    )
    return render(
        request,
        "surveys/list.html",
        {
            "templates": [q for q in rows if q.is_template],
            "questionnaires": [q for q in rows if not q.is_template],
            "may_create": office_organisations(request.user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def questionnaire_create(request):
    _require_office(request.user)
    owners = office_organisations(request.user)
    sources = restrict(Questionnaire.objects.all(), request.user).order_by("-is_template", "title")
    source = None
    if (chosen := int_param(request, "source")) is not None:
        source = sources.filter(pk=chosen).first()
    initial = {"owner": owners.first()}
    if source is not None:
        initial.update(source=source, title=source.title, kind=source.kind, intro=source.intro)
    form = QuestionnaireForm(request.POST or None, initial=initial, sources=sources, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = domain.create_questionnaire(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Questionnaire created."))
            return redirect("surveys:detail", pk=questionnaire.pk)
    return render(request, "surveys/form.html", {"form": form, "title": _("New questionnaire")})


def questionnaire_detail(request, pk):
    questionnaire = _questionnaire(request, pk)
    questions = list(questionnaire.questions.select_related("show_if__question").prefetch_related("options"))
    editable = questionnaire.owner_id is not None and may_edit(request.user, questionnaire)
    frozen = questionnaire.is_frozen
    windows = with_response_counts(
        restrict(Window.objects.filter(questionnaire=questionnaire), request.user)
        .select_related("page")
        .order_by("page__inspection_id", "page__organisation_name")
    )
    inspections = []
    if editable and not questionnaire.is_template:
        inspections = openable_inspections(request.user).order_by("-entry_on", "-pk")[:100]
    return render(
        request,
        "surveys/detail.html",
        {
            "questionnaire": questionnaire,
            "questions": questions,
            "may_edit": editable and not frozen,
            "may_version": editable and frozen,
            "frozen": frozen,
            "windows": windows,
            "inspections": inspections,
            "add_form": QuestionForm(questionnaire=questionnaire) if editable and not frozen else None,
        },
    )


def _editable_question(request, pk) -> Question:
    question = get_for_user_or_404(Question.objects.select_related("questionnaire"), request.user, Action.CHANGE, pk=pk)
    return question


@require_POST
def question_add(request, pk):
    questionnaire = _questionnaire(request, pk, Action.CHANGE)
    form = QuestionForm(request.POST, questionnaire=questionnaire)
    if form.is_valid():
        try:
            domain.add_question(questionnaire, by=request.user, **form.domain_data())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Question added."))
    else:
        messages.error(request, _("Check the question: %(errors)s") % {"errors": _form_errors(form)})
    return redirect("surveys:detail", pk=questionnaire.pk)


def _form_errors(form) -> str:
    return "；".join(f"{form.fields[name].label if name in form.fields else ''}{' '.join(errs)}"
                    for name, errs in form.errors.items())


@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = _editable_question(request, pk)
    initial = {
        "text": question.text,
        "kind": question.kind,
        "required": question.required,
        "options": "\n".join(o.text for o in question.options.all()),
        "scale_max": question.scale_max,
        "scale_low_label": question.scale_low_label,
        "scale_high_label": question.scale_high_label,
        "show_if": question.show_if_id,
    }
    form = QuestionForm(
        request.POST or None, initial=initial, questionnaire=question.questionnaire, before_order=question.order
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_question(question, by=request.user, **form.domain_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Question saved."))
            return redirect("surveys:detail", pk=question.questionnaire_id)
    return render(
        request,
        "surveys/form.html",
        {"form": form, "title": _("Edit the question"), "questionnaire": question.questionnaire},
    )


@require_POST
def question_move(request, pk):
    question = _editable_question(request, pk)
    try:
        domain.move_question(question, by=request.user, up=request.POST.get("direction") == "up")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:detail", pk=question.questionnaire_id)


@require_POST
def question_delete(request, pk):
    question = _editable_question(request, pk)
    try:
        domain.delete_question(question, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Question deleted."))
    return redirect("surveys:detail", pk=question.questionnaire_id)


@require_POST
def questionnaire_version(request, pk):
    questionnaire = _questionnaire(request, pk, Action.CHANGE)
    copy = domain.copy_as_new_version(questionnaire, by=request.user)
    messages.success(request, _("Copied as a new version: edit its questions, then open it."))
    return redirect("surveys:detail", pk=copy.pk)


@require_http_methods(["GET", "POST"])
def questionnaire_open(request, pk):
    questionnaire = _questionnaire(request, pk, Action.CHANGE)
    chosen = int_param(request, "inspection")
    if chosen is None:
        raise Http404
    inspection = get_for_user_or_404(Inspection, request.user, Action.CHANGE, pk=chosen)
    today = timezone.localdate()
    closes = inspection.exit_on if inspection.exit_on and inspection.exit_on > today else today + timedelta(days=14)
    form = OpenForm(request.POST or None, inspection=inspection, initial={"opens_on": today, "closes_on": closes})
    if not form.fields["pages"].queryset.exists():
        messages.error(request, _("Publish the inspection's 码上巡 pages first."))
        return redirect("surveys:detail", pk=questionnaire.pk)
    if request.method == "POST" and form.is_valid():
        done = take_step(
            request, "questionnaire.open", questionnaire, data={"inspection": inspection, **form.cleaned_data},
            success=_("The questionnaire is open on the chosen 码上巡 pages."),
        )
        if done:
            return redirect("surveys:detail", pk=questionnaire.pk)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "title": _("Open on the 码上巡 pages"),
            "questionnaire": questionnaire,
            "inspection": inspection,
        },
    )


@require_POST
def window_close(request, pk):
    window = _window(request, pk, Action.CHANGE)
    take_step(request, "questionnaire_window.close", window, success=_("The questionnaire is closed on this page."))
    if request.POST.get("next") == "detail":
        return redirect("surveys:detail", pk=window.questionnaire_id)
    return redirect("surveys:window", pk=window.pk)


def window_stats(request, pk):
    window = _window(request, pk)
    partial = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "surveys/_figures.html" if partial else "surveys/stats.html",
        {
            "window": window,
            "questionnaire": window.questionnaire,
            "figures": figures(window.questionnaire, [window]),
            "may_read_texts": may_read_texts(request.user, window),
            "may_close": may_manage_window(request.user, window) and window.state() != "closed",
        },
    )


def questionnaire_stats(request, pk):
    questionnaire = _questionnaire(request, pk)
    windows = list(
        restrict(Window.objects.filter(questionnaire=questionnaire), request.user)
        .select_related("page")
        .order_by("page__organisation_name", "pk")
    )
    partial = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "surveys/_figures.html" if partial else "surveys/stats.html",
        {"questionnaire": questionnaire, "figures": figures(questionnaire, windows), "across": True},
    )


def window_texts(request, pk):
    window = _window(request, pk)
    if not may_read_texts(request.user, window):
        raise Http404
    grouped = texts(window)
    if grouped is None:  # too few responses: nothing is read, nothing logged
        return render(request, "surveys/texts.html", {"window": window, "withheld": minimum()})
    questions = [
        (q, grouped.get(q.pk, [])) for q in window.questionnaire.questions.filter(kind="text").order_by("order")
    ]
    record_event("surveys.window.texts_read", actor=request.user, obj=window)
    return render(request, "surveys/texts.html", {"window": window, "questions": questions})


EXPORT_FIELDS = [
    Field(gettext_lazy("Inspected organisation"), width=30),
    Field(gettext_lazy("No."), width=6),
    Field(gettext_lazy("Question"), width=40),
    Field(gettext_lazy("Answer"), width=24),
    Field(gettext_lazy("Count"), width=8),
    Field(gettext_lazy("Share (%)"), width=10),
    Field(gettext_lazy("Average"), width=10),
]


def _export_rows(name, result):
    """The rows of `result`; only the count of responses when its breakdown is withheld."""
    if result.withheld:
        withheld = _("Fewer than %(n)s responses: to protect the respondents, the breakdown is not shown yet.") % {
            "n": result.minimum
        }
        yield [name, None, withheld, _("(responses)"), result.responses, None, None]
        return
    if result.left_out:
        left_out = _(
            "%(n)d responses of organisations with fewer than %(minimum)d responses are not in the breakdown."
        ) % {"n": result.left_out, "minimum": result.minimum}
        yield [name, None, left_out, _("(responses)"), result.left_out, None, None]
    for figure in result.questions:
        q = figure.question
        yield [name, q.order, q.text, _("(answered)"), figure.answered, None, figure.average]
        for option in figure.options:
            yield [name, q.order, q.text, option.label, option.count, option.share, None]


def _export(questionnaire, windows, *, parts, title):
    """The figures of all `windows` together, then of each organisation (when several), as one
    sheet; named 问卷统计-<parts>-<today>.xlsx."""
    rows = []
    total = figures(questionnaire, windows)
    rows += list(_export_rows(_("All"), total))
    if len(windows) > 1:
        for window in windows:
            rows += list(_export_rows(window.page.organisation_name, figures(questionnaire, [window])))
    fields = [Field(str(f.header), width=f.width) for f in EXPORT_FIELDS]
    name = dated_name(_("Questionnaire figures"), *parts, extension="xlsx")
    fallback = dated_name("questionnaire", extension="xlsx")
    return xlsx_download(name, fields, rows, fallback=fallback, name=_("Figures"), title=title)


def window_export(request, pk):
    """The figures only: free-text answers are counted, never written out (the team exports too)."""
    window = _window(request, pk, Action.EXPORT)
    record_event("surveys.window.exported", actor=request.user, obj=window)
    title = f"{window.questionnaire.title} · {window.page.organisation_name}"
    parts = [window.questionnaire.title, window.page.organisation_name]
    return _export(window.questionnaire, [window], parts=parts, title=title)


def questionnaire_export(request, pk):
    questionnaire = _questionnaire(request, pk, Action.EXPORT)
    windows = list(
        restrict(Window.objects.filter(questionnaire=questionnaire), request.user, Action.EXPORT)
        .select_related("page")
        .order_by("page__organisation_name", "pk")
    )
    record_event("surveys.questionnaire.exported", actor=request.user, obj=questionnaire)
    return _export(questionnaire, windows, parts=[questionnaire.title], title=str(questionnaire))
