from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404
from xuncha.audit.history import history_entries
from xuncha.clues import domain
from xuncha.clues.enums import RETIRED_CASE_FILED, ClueStatus, Disposition, dispositions_of_form
from xuncha.clues.figures import clue_figures, handled_q, people_handled, petition_figures
from xuncha.clues.forms import ClueForm, ConclusionForm, DateForm, HandlingForm, OutcomeForm, TransferForm
from xuncha.clues.lists import CLUES
from xuncha.clues.models import CluePerson
from xuncha.clues.queries import clue_persons_for_user, clues_for_user, log_clue_reads, receiving_bodies_for
from xuncha.clues.rules import figures_scope, petition_figures_scope, require_clue_role
from xuncha.clues.supervision import is_escalated, months_waiting, result_overdue, weekly_list
from xuncha.confidential.disclosure import identity_scrubber
from xuncha.inspections.queries import inspections_for_user, work_inspection_or_404
from xuncha.lists.excel import list_download
from xuncha.lists.sorting import list_page
from xuncha.petitions.rules import may_list_petitions
from xuncha.web.pages import int_param, int_param_post, paginate
from xuncha.web.rows import DateText, Shortener, labels, link
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import take_step


def clue_list(request):
    require_clue_role(request.user)
    context = list_page(request, CLUES, CLUES.rows(request.user, request.GET))
    today = timezone.localdate()
    escalated = {clue.pk for clue in context["page"] if is_escalated(clue, today=today)}
    # the rows prepared once per page (issue 19): no {% url %}, truncatechars, |date nor
    # get_status_display per row in the template
    detail, shorten, received = link("clues:detail"), Shortener(60), DateText()
    statuses = labels(ClueStatus.choices)
    badge = format_html(' <span class="badge bg-red-lt">{}</span>', _("Over six months"))
    for clue in context["page"]:
        clue.url = detail(clue.pk)
        clue.short_allegation = shorten(clue.shown_allegation)
        clue.status_label = statuses.get(clue.status, clue.status)
        clue.badge = badge if clue.pk in escalated else ""
        clue.received_text = received(clue.received_on)
    return render(
        request, "clues/list.html", {**context, "escalated": escalated, "statuses": ClueStatus.choices}
    )


def clue_export(request):
    require_clue_role(request.user)
    rows = CLUES.details(CLUES.rows(request.user, request.GET, Action.EXPORT))
    return list_download(CLUES, CLUES.shown(request.user, rows, "exported"), request=request)


@require_http_methods(["GET", "POST"])
def clue_create(request):
    inspection = work_inspection_or_404(
        request.user, int_param(request, "inspection") or int_param_post(request, "inspection")
    )
    form = ClueForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            clue = domain.create_clue(
                inspection,
                by=request.user,
                allegation=form.cleaned_data["allegation"],
                source=form.cleaned_data["source"],
                received_on=form.cleaned_data["received_on"],
                persons=form.persons(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Clue recorded."))
            return redirect("clues:detail", pk=clue.pk)
    return render(request, "clues/form.html", {"form": form, "title": _("New clue"), "inspection": inspection})


def clue_detail(request, pk: int):
    clue = get_for_user_or_404(clues_for_user(request.user), request.user, pk=pk)
    log_clue_reads(request.user, [clue], "viewed")
    today = timezone.localdate()
    persons = list(clue.persons.all())
    return render(
        request,
        "clues/detail.html",
        {
            "clue": clue,
            "allegation": identity_scrubber(clue)(clue.allegation),
            "persons": persons,
            "signatures": clue.signatures.select_related("signer"),
            "escalated": is_escalated(clue, today=today),
            "result_overdue": result_overdue(clue, today=today),
            "actions": offered(request.user, clue, "clues.Clue"),
            "transfer_form": TransferForm(bodies=receiving_bodies_for(request.user), initial={"on": today}),
            "date_form": DateForm(initial={"on": today}),
            "handling_form": HandlingForm(),
            "conclusion_form": ConclusionForm(persons=persons, initial={"on": today}),
            "outcome_form": OutcomeForm(persons=persons),
            "history": history_entries(clue, user=request.user),
        },
    )


def _clue_step(request, pk, name, form=None, **data):
    clue = get_for_user_or_404(clues_for_user(request.user), request.user, pk=pk)
    take_step(request, name, clue, form=form, data=data)
    return redirect("clues:detail", pk=clue.pk)


@require_POST
def clue_sign(request, pk: int):
    return _clue_step(request, pk, "clue.sign")


@require_POST
def clue_transfer(request, pk: int):
    form = TransferForm(request.POST, bodies=receiving_bodies_for(request.user))
    return _clue_step(request, pk, "clue.transfer", form)


@require_POST
def clue_acknowledge(request, pk: int):
    return _clue_step(request, pk, "clue.acknowledge", DateForm(request.POST))


@require_POST
def clue_handling(request, pk: int):
    return _clue_step(request, pk, "clue.handling", HandlingForm(request.POST))


@require_POST
def clue_conclude(request, pk: int):
    clue = get_for_user_or_404(clues_for_user(request.user), request.user, pk=pk)
    form = ConclusionForm(request.POST, persons=list(clue.persons.all()))
    dispositions = form.dispositions() if form.is_valid() else {}
    return _clue_step(request, pk, "clue.conclude", form, dispositions=dispositions)


@require_POST
def clue_record_outcome(request, pk: int):
    clue = get_for_user_or_404(clues_for_user(request.user), request.user, pk=pk)
    form = OutcomeForm(request.POST, persons=list(clue.persons.all()))
    return _clue_step(request, pk, "clue.record_outcome", form)


@require_POST
def clue_report_back(request, pk: int):
    return _clue_step(request, pk, "clue.report_back", DateForm(request.POST))


def supervision(request):
    require_clue_role(request.user)
    clues = clues_for_user(request.user)
    today = timezone.localdate()
    listing = weekly_list(clues, today=today)
    log_clue_reads(request.user, listing.clues, "listed")
    rows = [(c, months_waiting(c, today=today)) for c in listing.clues]
    return render(request, "clues/supervision.html", {"listing": listing, "rows": rows})


def figures(request):
    """Counts from rows; leadership gets the counts of the inspections it oversees."""
    require_clue_role(request.user, figures=True)
    clues = figures_scope(request.user)
    persons = CluePerson.objects.filter(clue__in=clues)
    petitions = petition_figures_scope(request.user)
    inspections = inspections_for_user(request.user).filter(
        Q(pk__in=clues.values("inspection_id")) | Q(pk__in=petitions.values("inspection_id"))
    )
    if (inspection := int_param(request, "inspection")) is not None:
        clues, persons = clues.filter(inspection_id=inspection), persons.filter(clue__inspection_id=inspection)
        petitions = petitions.filter(inspection_id=inspection)
    return render(
        request,
        "clues/figures.html",
        {
            "people": people_handled(persons),
            "clue_figures": clue_figures(clues),
            "petition_figures": petition_figures(petitions),
            "inspections": inspections,
            "inspection_filter": request.GET.get("inspection", ""),
            "petitions_open": may_list_petitions(request.user),
        },
    )


def people_list(request):
    require_clue_role(request.user)
    persons = clue_persons_for_user(request.user).filter(handled_q()).order_by("clue__received_on", "pk")
    disposition = request.GET.get("disposition")
    # 立案: a stage beside the forms, not a disposition (links made before migration 0002 say so)
    if request.GET.get("case_filed") or disposition == RETIRED_CASE_FILED:
        persons = persons.filter(case_filed_on__isnull=False)
    elif disposition:
        persons = persons.filter(disposition=disposition)
    if (form := int_param(request, "form")) is not None:
        persons = persons.filter(disposition__in=dispositions_of_form(form))
    if rank := request.GET.get("rank"):
        persons = persons.filter(rank=rank)
    if (inspection := int_param(request, "inspection")) is not None:
        persons = persons.filter(clue__inspection_id=inspection)
    page, query = paginate(request, persons)
    log_clue_reads(request.user, {p.clue for p in page}, "listed")
    return render(request, "clues/people.html", {"page": page, "query": query, "dispositions": Disposition.choices})
