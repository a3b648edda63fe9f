"""A term's supervision settings: its warning ladder and how its documents are numbered.
The term's readers see them; its office changes them."""

from dataclasses import asdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, can, get_for_user_or_404
from xuncha.plans.models import Term
from xuncha.supervision.configuration import set_document_settings, set_warning_rules, settings_for_term
from xuncha.supervision.forms import DocumentSettingsForm, LadderForm
from xuncha.supervision.ladder import ladder_for_term


@require_http_methods(["GET", "POST"])
def term_settings(request, pk: int):
    term = get_for_user_or_404(Term.objects.active().select_related("owner"), request.user, pk=pk)
    may_change = can(request.user, Action.CHANGE, term)
    ladder = ladder_for_term(term)
    config = settings_for_term(term)
    ladder_form = LadderForm(ladder=ladder)
    settings_form = DocumentSettingsForm(initial=asdict(config))
    if request.method == "POST":
        if not may_change:
            return redirect("supervision:term_settings", pk=term.pk)
        if "ladder" in request.POST:
            ladder_form = LadderForm(request.POST, ladder=ladder)
            form, save = ladder_form, lambda d: set_warning_rules(term, by=request.user, steps=ladder_form.steps())
        else:
            settings_form = DocumentSettingsForm(request.POST)
            form, save = settings_form, lambda d: set_document_settings(term, by=request.user, **d)
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Saved."))
                return redirect("supervision:term_settings", pk=term.pk)
    return render(
        request,
        "supervision/term_settings.html",
        {
            "term": term,
            "ladder": ladder,
            "config": config,
            "ladder_form": ladder_form,
            "settings_form": settings_form,
            "may_change": may_change,
        },
    )
