from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, can, get_for_user_or_404
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.lists.excel import list_download
from xuncha.orgs import domain
from xuncha.orgs.enums import OrgKind, OrgLevel
from xuncha.orgs.forms import MoveForm, OrganisationForm
from xuncha.orgs.lists import ORGANISATIONS
from xuncha.orgs.models import Organisation
from xuncha.orgs.queries import children_for_user, organisations_for_user, tree_roots_for_user
from xuncha.people.queries import people_for_user
from xuncha.web.forms import ArchiveForm, rebase_on
from xuncha.web.pages import paginate


def organisation_tree(request):
    return render(request, "orgs/tree.html", {"nodes": tree_roots_for_user(request.user)})


def organisation_children(request, pk: int):
    parent = get_for_user_or_404(Organisation, request.user, pk=pk)
    return render(request, "orgs/_tree_nodes.html", {"nodes": children_for_user(request.user, parent)})


def organisation_list(request):
    page, query = paginate(request, ORGANISATIONS.details(ORGANISATIONS.rows(request.user, request.GET)))
    return render(
        request,
        "orgs/list.html",
        {"page": page, "query": query, "levels": OrgLevel.choices, "kinds": OrgKind.choices},
    )


def organisation_export(request):
    rows = ORGANISATIONS.details(ORGANISATIONS.rows(request.user, request.GET, Action.EXPORT))
    return list_download(ORGANISATIONS, rows, request=request)


def organisation_detail(request, pk: int):
    org = get_for_user_or_404(organisations_for_user(request.user, include_archived=True), request.user, pk=pk)
    visible = organisations_for_user(request.user)
    ancestors = visible.filter(pk__in=org.ancestor_ids).order_by("depth")
    children = (
        organisations_for_user(request.user, include_archived=True)
        .filter(parent=org)
        .annotate(child_count=Count("children"))
        .order_by("sort_order", "code")
    )
    people = people_for_user(request.user).filter(organisation=org).order_by("name")[:100]
    return render(
        request,
        "orgs/detail.html",
        {
            "org": org,
            "ancestors": ancestors,
            "children": children,
            "people": people,
            "may_change": can(request.user, Action.CHANGE, org),
            "history": history_entries(org, user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def organisation_create(request, parent_pk: int):
    parent = get_for_user_or_404(Organisation, request.user, Action.CREATE, pk=parent_pk)
    form = OrganisationForm(request.POST or None, initial={"level": parent.level})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            org = domain.create_organisation(by=request.user, parent=parent, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organisation created."))
            return redirect("orgs:detail", pk=org.pk)
    return render(request, "orgs/form.html", {"form": form, "parent": parent, "title": _("New subunit")})


@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk: int):
    org = get_for_user_or_404(Organisation.objects.active(), request.user, Action.CHANGE, pk=pk)
    form = OrganisationForm(request.POST or None, instance=org, initial={"version": org.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            org = domain.update_organisation(
                org, by=request.user, expected_version=form.cleaned_data["version"] or 0, **changes
            )
        except ConcurrentEditError as error:
            conflict = error
            form = OrganisationForm(rebase_on(request.POST, error.current), instance=error.current)
            form.is_valid()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("orgs:detail", pk=org.pk)
    return render(
        request,
        "orgs/form.html",
        {"form": form, "org": org, "conflict": conflict, "title": _("Edit organisation")},
    )


@require_http_methods(["GET", "POST"])
def organisation_move(request, pk: int):
    org = get_for_user_or_404(Organisation.objects.active(), request.user, Action.CHANGE, pk=pk)
    parents = organisations_for_user(request.user, Action.CHANGE).exclude(path__startswith=org.path)
    form = MoveForm(request.POST or None, parents=parents, initial={"version": org.version, "parent": org.parent_id})
    if request.method == "POST" and form.is_valid():
        try:
            domain.move_organisation(
                org,
                by=request.user,
                new_parent=form.cleaned_data["parent"],
                expected_version=form.cleaned_data["version"],
            )
        except ConcurrentEditError:
            form.add_error(None, _("Someone changed this organisation meanwhile. Reload and try again."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organisation moved."))
            return redirect("orgs:detail", pk=org.pk)
    return render(request, "orgs/form.html", {"form": form, "org": org, "title": _("Move organisation")})


@require_http_methods(["GET", "POST"])
def organisation_archive(request, pk: int):
    org = get_for_user_or_404(Organisation.objects.active(), request.user, Action.ARCHIVE, pk=pk)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.archive_organisation(org, by=request.user, reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organisation archived."))
            return redirect("orgs:detail", pk=org.pk)
    return render(request, "orgs/form.html", {"form": form, "org": org, "title": _("Archive organisation")})
