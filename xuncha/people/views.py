from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, can, get_for_user_or_404, restrict
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.lists.excel import list_download
from xuncha.orgs.queries import organisations_for_user
from xuncha.people import domain
from xuncha.people.enums import Rank
from xuncha.people.forms import EmploymentForm, PersonForm, RelativeForm
from xuncha.people.lists import PEOPLE
from xuncha.people.models import Employment, Person, Relative
from xuncha.people.queries import organisations_for_people_upkeep, people_for_user
from xuncha.people.rules import may_record_relatives
from xuncha.web.forms import ArchiveForm, rebase_on
from xuncha.web.pages import paginate


def person_list(request):
    page, query = paginate(request, PEOPLE.details(PEOPLE.rows(request.user, request.GET)))
    return render(request, "people/list.html", {"page": page, "query": query, "ranks": Rank.choices})


def person_export(request):
    rows = PEOPLE.details(PEOPLE.rows(request.user, request.GET, Action.EXPORT))
    return list_download(PEOPLE, rows, request=request)


def person_detail(request, pk: int):
    person = get_for_user_or_404(
        people_for_user(request.user, include_archived=True).select_related("organisation"),
        request.user,
        pk=pk,
    )
    employments = restrict(Employment.objects.filter(person=person), request.user).select_related("organisation")
    relatives = restrict(Relative.objects.filter(person=person), request.user).select_related("organisation")
    from xuncha.staffing.models import Evaluation, PoolMember, TeamMember

    participation = list(
        restrict(TeamMember.objects.filter(person=person), request.user)
        .select_related("inspection")
        .order_by("-inspection__entry_on")
    )
    grades = {  # evaluations are the office's: shown only where their policy allows
        e.member_id: e
        for e in restrict(Evaluation.objects.filter(member__in=[m.pk for m in participation]), request.user)
    }
    for membership in participation:
        membership.visible_evaluation = grades.get(membership.pk)
    pools = restrict(PoolMember.objects.active().filter(person=person), request.user).select_related("pool")
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "employments": employments,
            "relatives": relatives,
            "participation": participation,
            "pools": pools,
            "may_change": can(request.user, Action.CHANGE, person),
            "history": history_entries(person, user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def person_create(request):
    organisations = organisations_for_people_upkeep(request.user)
    if not organisations.exists():
        raise Http404
    initial = {"organisation": request.GET.get("org")}
    form = PersonForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            person = domain.create_person(by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Person added."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "title": _("New person")})


@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = get_for_user_or_404(Person.objects.active(), request.user, Action.CHANGE, pk=pk)
    organisations = organisations_for_people_upkeep(request.user)
    form = PersonForm(
        request.POST or None,
        instance=person,
        organisations=organisations,
        initial={"version": person.version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            person = domain.update_person(
                person, by=request.user, expected_version=form.cleaned_data["version"] or 0, **changes
            )
        except ConcurrentEditError as error:
            conflict = error
            form = PersonForm(
                rebase_on(request.POST, error.current), instance=error.current, organisations=organisations
            )
            form.is_valid()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/form.html",
        {"form": form, "person": person, "conflict": conflict, "title": _("Edit person")},
    )


@require_http_methods(["GET", "POST"])
def employment_create(request, pk: int):
    person = get_for_user_or_404(Person.objects.active(), request.user, Action.CHANGE, pk=pk)
    form = EmploymentForm(request.POST or None, organisations=organisations_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            domain.add_employment(person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Work history added."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "title": _("Add work history")})


@require_http_methods(["GET", "POST"])
def relative_create(request, pk: int):
    person = get_for_user_or_404(Person.objects.active(), request.user, Action.CHANGE, pk=pk)
    if not may_record_relatives(request.user, person):
        raise Http404
    form = RelativeForm(request.POST or None, organisations=organisations_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            domain.add_relative(person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Close relative recorded."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "title": _("Add a close relative")})


@require_http_methods(["GET", "POST"])
def person_archive(request, pk: int):
    person = get_for_user_or_404(Person.objects.active(), request.user, Action.ARCHIVE, pk=pk)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        domain.archive_person(person, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Person archived."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "title": _("Archive person")})
