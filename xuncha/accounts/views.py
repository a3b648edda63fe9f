from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts import domain
from xuncha.accounts.enums import Role
from xuncha.accounts.forms import GrantForm, LinkPersonForm, PasswordResetForm, ReasonForm, UserCreateForm
from xuncha.accounts.models import RoleGrant, User
from xuncha.accounts.permissions import Action, can, get_for_user_or_404
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
from xuncha.web.exports import xlsx_response
from xuncha.web.pages import paginate


def _grants(request, action=Action.VIEW):
    qs = grants_for_user(request.user, action, include_archived=request.GET.get("archived") == "1")
    if q := request.GET.get("q", "").strip():
        qs = qs.filter(Q(user__username__icontains=q) | Q(user__display_name__icontains=q))
    if role := request.GET.get("role"):
        qs = qs.filter(role=role)
    return qs.select_related("user", "organisation", "granted_by").order_by("organisation__path", "user__username")


def grant_list(request):
    if not may_read_grants(request.user):
        raise Http404
    page, query = paginate(request, _grants(request))
    return render(
        request,
        "accounts/grant_list.html",
        {"page": page, "query": query, "roles": Role.choices, "may_grant": may_grant(request.user)},
    )


def grant_export(request):
    if not may_read_grants(request.user):
        raise Http404  # as the list: an empty workbook would still answer to everyone
    rows = (
        (
            g.user.username,
            str(g.user),
            g.get_role_display(),
            g.organisation.name,
            str(g.granted_by or ""),
            g.note,
        )
        for g in _grants(request, Action.EXPORT)
    )
    headers = [_("User name"), _("Display name"), _("Role"), _("Scope"), _("Granted by"), _("Note")]
    return xlsx_response("role-grants", _("Role grants"), headers, rows)


@require_http_methods(["GET", "POST"])
def grant_create(request):
    if not may_grant(request.user):
        raise Http404
    organisations = grantable_organisations(request.user)
    users = users_for_user(request.user).filter(is_active=True).exclude(pk=request.user.pk)
    form = GrantForm(
        request.POST or None, users=users, organisations=organisations, inspections=grantable_inspections(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.grant_role(
                by=request.user,
                grantee=form.cleaned_data["user"],
                role=Role(form.cleaned_data["role"]),
                organisation=form.cleaned_data["organisation"],
                note=form.cleaned_data["note"],
                inspection=form.cleaned_data["inspection"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Role granted."))
            return redirect("accounts:grants")
    return render(request, "accounts/form.html", {"form": form, "title": _("Grant a role")})


@require_http_methods(["GET", "POST"])
def grant_revoke(request, pk: int):
    grant = get_for_user_or_404(RoleGrant.objects.active(), request.user, Action.ARCHIVE, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        domain.revoke_grant(grant, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Role revoked."))
        return redirect("accounts:grants")
    return render(request, "accounts/form.html", {"form": form, "title": _("Revoke role"), "object": grant})


def user_list(request):
    if not may_manage_accounts(request.user) and not may_grant(request.user):
        raise Http404
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
    security = may_grant(request.user) and account.pk != request.user.pk
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "grants": grants,
            "may_change": can(request.user, Action.CHANGE, account),
            "may_confirm": security and account.roles_suspended_at is not None and not account.must_change_password,
            "link_form": LinkPersonForm(people=linkable_people(request.user), initial={"person": account.person_id})
            if security
            else None,
            "history": history_entries(account, user=request.user),
        },
    )


@require_POST
def user_confirm(request, pk: int):
    account = get_for_user_or_404(User, request.user, pk=pk)
    try:
        domain.confirm_account(account, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:user", pk=account.pk)
    messages.success(request, _("Account confirmed; its roles are active again."))
    return redirect("accounts:user", pk=account.pk)


@require_POST
def user_link_person(request, pk: int):
    account = get_for_user_or_404(User, request.user, pk=pk)
    form = LinkPersonForm(request.POST, people=linkable_people(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a person in your scope."))
    else:
        try:
            domain.link_person(account, by=request.user, person=form.cleaned_data["person"])
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
    return redirect("accounts:user", pk=account.pk)


@require_http_methods(["GET", "POST"])
def user_create(request):
    if not may_manage_accounts(request.user):
        raise Http404
    form = UserCreateForm(request.POST or None, organisations=account_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        if User.objects.filter(username=form.cleaned_data["username"]).exists():
            form.add_error("username", _("This user name is taken."))
        else:
            try:
                account = domain.create_user(by=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Account created."))
                return redirect("accounts:user", pk=account.pk)
    return render(request, "accounts/form.html", {"form": form, "title": _("New account")})


@require_POST
def user_set_active(request, pk: int):
    account = get_for_user_or_404(User, request.user, Action.CHANGE, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
    else:
        try:
            domain.set_user_active(
                account,
                by=request.user,
                active=request.POST.get("active") == "1",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
    return redirect("accounts:user", pk=account.pk)


@require_http_methods(["GET", "POST"])
def user_reset_password(request, pk: int):
    account = get_for_user_or_404(User, request.user, Action.CHANGE, pk=pk)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.reset_password(account, by=request.user, new_password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error)
        else:
            messages.success(request, _("Password reset."))
            return redirect("accounts:user", pk=account.pk)
    return render(request, "accounts/form.html", {"form": form, "title": _("Reset password"), "object": account})
