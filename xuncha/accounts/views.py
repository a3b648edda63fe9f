"""Account and grant pages. Every step goes through its declaration (`xuncha.accounts.actions`)
by `xuncha.workflow.steps`: the pages decide no role and no state themselves, and a step the
user may not take is a 404, as an account out of scope is."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.forms import GrantForm, LinkPersonForm, PasswordResetForm, ReasonForm, UserCreateForm
from xuncha.accounts.lists import GRANTS, role_choices
from xuncha.accounts.models import RoleGrant, User
from xuncha.accounts.permissions import Action, get_for_user_or_404
from xuncha.accounts.queries import (
    account_organisations,
    grantable_inspections,
    grantable_organisations,
    grants_for_user,
    linkable_people,
    users_for_user,
)
from xuncha.accounts.rules import may_grant, may_manage_accounts, may_read_grants
from xuncha.audit.history import history_entries
from xuncha.lists.excel import list_download
from xuncha.web.pages import paginate
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step

GRANT = "accounts.RoleGrant"
USER = "accounts.User"


def _page_or_404(allowed: bool) -> None:
    if not allowed:
        raise Http404  # a page (or its export) no role of the user reads: as if it did not exist


def grant_list(request):
    _page_or_404(may_read_grants(request.user))
    page, query = paginate(request, GRANTS.details(GRANTS.rows(request.user, request.GET)))
    rows = [(grant, offered(request.user, grant, GRANT)) for grant in page]  # no query per row
    return render(
        request,
        "accounts/grant_list.html",
        {"page": page, "rows": rows, "query": query, "roles": role_choices(), "may_grant": may_grant(request.user)},
    )


def grant_export(request):
    _page_or_404(may_read_grants(request.user))  # as the list: an empty workbook would still answer to everyone
    rows = GRANTS.details(GRANTS.rows(request.user, request.GET, Action.EXPORT))
    return list_download(GRANTS, rows, request=request)


@require_http_methods(["GET", "POST"])
def grant_create(request):
    _page_or_404(may_grant(request.user))
    users = users_for_user(request.user).filter(is_active=True).exclude(pk=request.user.pk)
    form = GrantForm(
        request.POST or None,
        users=users,
        organisations=grantable_organisations(request.user),
        inspections=grantable_inspections(request.user),
    )
    if request.method == "POST" and form.is_valid():
        grantee = form.cleaned_data["user"]
        if take_step(request, "user.grant_role", grantee, form=form, success=_("Role granted.")):
            return redirect("accounts:grants")
    return render(request, "accounts/form.html", {"form": form, "title": _("Grant a role")})


@require_http_methods(["GET", "POST"])
def grant_revoke(request, pk: int):
    grant = get_for_user_or_404(RoleGrant.objects.select_related("user", "organisation"), request.user, pk=pk)
    require_allowed(request, "grant.revoke", grant)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and take_step(request, "grant.revoke", grant, form=form, success=_("Role revoked.")):
        return redirect("accounts:grants")
    return render(request, "accounts/form.html", {"form": form, "title": _("Revoke role"), "object": grant})


def user_list(request):
    _page_or_404(may_manage_accounts(request.user) or may_grant(request.user))
    qs = users_for_user(request.user).select_related("organisation")
    if q := request.GET.get("q", "").strip():
        qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q))
    page, query = paginate(request, qs.order_by("username"))
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "query": query, "may_create": may_manage_accounts(request.user)},
    )


def user_detail(request, pk: int):
    account = get_for_user_or_404(User.objects.select_related("organisation", "person"), request.user, pk=pk)
    grants = grants_for_user(request.user).filter(user=account).select_related("organisation")
    steps = offered(request.user, account, USER)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "grants": grants,
            "actions": steps,
            "link_form": LinkPersonForm(people=linkable_people(request.user), initial={"person": account.person_id})
            if steps.link_person
            else None,
            "history": history_entries(account, user=request.user),
        },
    )


@require_POST
def user_confirm(request, pk: int):
    account = get_for_user_or_404(User, request.user, pk=pk)
    take_step(request, "user.confirm", account, success=_("Account confirmed; its roles are active again."))
    return redirect("accounts:user", pk=account.pk)


@require_POST
def user_link_person(request, pk: int):
    account = get_for_user_or_404(User, request.user, pk=pk)
    require_allowed(request, "user.link_person", account)
    form = LinkPersonForm(request.POST, people=linkable_people(request.user))
    take_step(request, "user.link_person", account, form=form)
    return redirect("accounts:user", pk=account.pk)


@require_http_methods(["GET", "POST"])
def user_create(request):
    _page_or_404(may_manage_accounts(request.user))
    form = UserCreateForm(request.POST or None, organisations=account_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        account = take_step(request, "organisation.create_user", organisation, form=form, success=_("Account created."))
        if account:
            return redirect("accounts:user", pk=account.pk)
    return render(request, "accounts/form.html", {"form": form, "title": _("New account")})


@require_POST
def user_set_active(request, pk: int):
    account = get_for_user_or_404(User, request.user, pk=pk)
    step = "user.activate" if request.POST.get("active") == "1" else "user.deactivate"
    take_step(request, step, account, form=ReasonForm(request.POST))
    return redirect("accounts:user", pk=account.pk)


@require_http_methods(["GET", "POST"])
def user_reset_password(request, pk: int):
    account = get_for_user_or_404(User, request.user, pk=pk)
    require_allowed(request, "user.reset_password", account)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and take_step(
        request, "user.reset_password", account, form=form, success=_("Password reset.")
    ):
        return redirect("accounts:user", pk=account.pk)
    return render(request, "accounts/form.html", {"form": form, "title": _("Reset password"), "object": account})
