from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.people.queries import people_for_user
from xuncha.staffing import domain
from xuncha.staffing.enums import SPECIALTIES
from xuncha.staffing.forms import EvaluationForm, PoolForm, PoolMemberForm
from xuncha.staffing.models import PoolMember, TalentPool, TeamMember
from xuncha.staffing.rules import pool_owners
from xuncha.workflow.steps import require_allowed, take_step


def pool_list(request):
    if not pool_owners(request.user).exists():
        raise Http404
    pools = (
        restrict(TalentPool.objects.active(), request.user)
        .select_related("owner")
        .annotate(
            size=Count("members", filter=Q(members__archived_at__isnull=True)),
            available_count=Count("members", filter=Q(members__archived_at__isnull=True, members__available=True)),
        )
    )
    return render(request, "staffing/pool_list.html", {"pools": pools})


@require_http_methods(["GET", "POST"])
def pool_create(request):
    owners = pool_owners(request.user)
    if not owners.exists():
        raise Http404
    form = PoolForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        pool = domain.create_pool(by=request.user, **form.cleaned_data)
        messages.success(request, _("Pool created."))
        return redirect("staffing:pool", pk=pool.pk)
    return render(request, "staffing/form.html", {"form": form, "title": _("New talent pool")})


def pool_detail(request, pk: int):
    pool = get_for_user_or_404(TalentPool.objects.active().select_related("owner"), request.user, pk=pk)
    members = (
        PoolMember.objects.active()
        .filter(pool=pool)
        .select_related("person__organisation")
        .annotate(
            inspections=Count("person__team_memberships", filter=Q(person__team_memberships__archived_at__isnull=True)),
        )
        .order_by("person__name")
    )
    if specialty := request.GET.get("specialty"):
        members = [m for m in members if specialty in m.specialties]
    if request.GET.get("available") == "1":
        members = [m for m in members if m.available]
    form = PoolMemberForm(people=people_for_user(request.user), initial={"joined_on": timezone.localdate()})
    return render(
        request,
        "staffing/pool_detail.html",
        {"pool": pool, "members": members, "form": form, "specialties": SPECIALTIES},
    )


@require_http_methods(["POST"])
def pool_member_add(request, pk: int):
    pool = get_for_user_or_404(TalentPool.objects.active(), request.user, Action.CHANGE, pk=pk)
    form = PoolMemberForm(request.POST, people=people_for_user(request.user))
    if form.is_valid():
        try:
            domain.add_pool_member(pool, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Added to the pool."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("staffing:pool", pk=pool.pk)


@require_http_methods(["GET", "POST"])
def member_evaluate(request, pk: int):
    member = get_for_user_or_404(
        TeamMember.objects.active().select_related("inspection", "person"), request.user, pk=pk
    )
    require_allowed(request, "member.evaluate", member)
    existing = getattr(member, "evaluation", None)
    form = EvaluationForm(
        request.POST or None,
        initial={"grade": existing.grade, "comment": existing.comment} if existing else None,
    )
    if request.method == "POST" and form.is_valid() and take_step(
        request, "member.evaluate", member, form=form, success=_("Evaluation saved.")
    ):
        return redirect("inspections:detail", pk=member.inspection_id)
    return render(
        request,
        "staffing/form.html",
        {"form": form, "title": _("Evaluate %(person)s") % {"person": member.person}},
    )
