from urllib.parse import urlencode

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
from xuncha.staffing.enums import SPECIALTIES, TeamRole
from xuncha.staffing.forms import EvaluationForm, PoolForm, PoolMemberForm, ProposalForm, TeamAppraisalForm
from xuncha.staffing.models import PoolMember, TalentPool, TeamAppraisal, TeamMember
from xuncha.staffing.proposals import pools_for
from xuncha.staffing.proposals import propose as propose_members
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


def _staffing_inspection(request, pk: int):
    from xuncha.inspections.queries import inspections_for_user

    inspection = get_for_user_or_404(
        inspections_for_user(request.user).select_related("term"), request.user, pk=pk
    )
    require_allowed(request, "inspection.assign_member", inspection)
    return inspection


@require_http_methods(["GET", "POST"])
def propose(request, pk: int):
    """Staffing the team from the pools: the ranked proposals for a role, and assigning the
    ones the office ticks, each through the declared step (so a conflict of interest is refused
    and said, as on the one-person form)."""
    inspection = _staffing_inspection(request, pk)
    source = request.POST if request.method == "POST" else request.GET
    role = source.get("role") or TeamRole.MEMBER
    form = ProposalForm(
        {"role": role, "specialties": source.getlist("specialties"), "pool": source.get("pool") or None},
        pools=pools_for(request.user, role),
    )
    if not form.is_valid():
        form = ProposalForm({"role": TeamRole.MEMBER}, pools=pools_for(request.user, TeamRole.MEMBER))
        form.is_valid()
    wanted = form.cleaned_data
    proposals = propose_members(
        inspection,
        user=request.user,
        role=wanted["role"],
        specialties=wanted.get("specialties") or (),
        pool=wanted.get("pool"),
    )
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("person") if v.isdigit()}
        by_person = {p.person.pk: p for p in proposals}
        picked = [by_person[pk] for pk in sorted(chosen) if pk in by_person]
        if not picked:
            messages.error(request, _("Tick the people to assign."))
        for proposal in sorted(picked, key=lambda p: p.rank):
            take_step(
                request,
                "inspection.assign_member",
                inspection,
                data={"person": proposal.person, "role": wanted["role"]},
                success=_("%(person)s assigned as %(role)s.")
                % {"person": proposal.person.name, "role": TeamRole(wanted["role"]).label},
            )
        query = {"role": wanted["role"], "specialties": wanted.get("specialties") or []}
        if wanted.get("pool"):
            query["pool"] = wanted["pool"].pk
        return redirect(f"{request.path}?{urlencode(query, doseq=True)}")
    opens = set(
        people_for_user(request.user).filter(pk__in=[p.person.pk for p in proposals]).values_list("pk", flat=True)
    )
    return render(
        request,
        "staffing/propose.html",
        {"inspection": inspection, "form": form, "proposals": proposals, "opens": opens, "role": wanted["role"]},
    )


@require_http_methods(["GET", "POST"])
def appraise_team(request, pk: int):
    from xuncha.inspections.queries import inspections_for_user

    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    require_allowed(request, "inspection.appraise_team", inspection)
    existing = TeamAppraisal.objects.filter(inspection=inspection).first()
    form = TeamAppraisalForm(
        request.POST or None,
        initial={"score": existing.score, "grade": existing.grade, "comment": existing.comment} if existing else None,
    )
    if request.method == "POST" and form.is_valid() and take_step(
        request, "inspection.appraise_team", inspection, form=form, success=_("Team appraisal saved.")
    ):
        return redirect("inspections:detail", pk=inspection.pk)
    return render(
        request,
        "staffing/form.html",
        {"form": form, "inspection": inspection, "title": _("Appraise %(team)s") % {"team": inspection.team_name}},
    )
