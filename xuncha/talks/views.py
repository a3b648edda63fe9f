"""Talks and visits of an inspection: the talk plan with its progress, the records (list, Excel,
one page each), recording and editing them. The office and the inspection's team only; every
read of a record's text is logged."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import get_for_user_or_404, restrict
from xuncha.audit.history import history_entries
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.clues.queries import clues_for_user
from xuncha.findings.models import Finding
from xuncha.inspections.forms import ReasonForm
from xuncha.inspections.queries import inspections_for_user
from xuncha.inspections.rules import may_work
from xuncha.lists.excel import list_download
from xuncha.orgs.queries import organisations_for_user
from xuncha.people.queries import people_for_user
from xuncha.talks.enums import TalkKind
from xuncha.talks.forms import PlanItemForm, TalkForm
from xuncha.talks.lists import TALKS
from xuncha.talks.queries import log_talk_reads, plan_progress, talks_for_user
from xuncha.web.pages import paginate
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step


def _work_inspection(request, pk):
    inspection = get_for_user_or_404(inspections_for_user(request.user), request.user, pk=pk)
    if not may_work(request.user, inspection):
        raise Http404
    return inspection


def _params(request, inspection) -> dict:
    return {**request.GET.dict(), "inspection": str(inspection.pk)}


def talk_list(request, pk: int):
    inspection = _work_inspection(request, pk)
    page, query = paginate(request, TALKS.details(TALKS.rows(request.user, _params(request, inspection))))
    rows = TALKS.shown(request.user, page.object_list)
    return render(
        request,
        "talks/list.html",
        {
            "inspection": inspection,
            "page": page,
            "rows": rows,
            "query": query,
            "progress": plan_progress(inspection),
            "actions": offered(request.user, inspection, "inspections.Inspection"),
            "plan_form": PlanItemForm(),
            "kinds": TalkKind.choices,
        },
    )


def talk_export(request, pk: int):
    from xuncha.accounts.permissions import Action

    inspection = _work_inspection(request, pk)
    rows = TALKS.details(TALKS.rows(request.user, _params(request, inspection), Action.EXPORT))
    return list_download(
        TALKS, TALKS.shown(request.user, rows, "exported"), request=request, about=[inspection.title[:40]]
    )


@require_POST
def plan_item_add(request, pk: int):
    inspection = _work_inspection(request, pk)
    take_step(
        request,
        "inspection.add_talk_plan_item",
        inspection,
        form=PlanItemForm(request.POST),
        success=_("Added to the talk plan."),
    )
    return redirect("talks:list", pk=inspection.pk)


def _form(request, inspection, *, initial=None, instance=None):
    team = inspection.team.filter(archived_at__isnull=True).values("person_id")
    return TalkForm(
        request.POST or None,
        initial=initial,
        inspection=inspection,
        organisations=organisations_for_user(request.user).filter(path__startswith=inspection.term.owner.path),
        people=people_for_user(request.user).filter(pk__in=team).order_by("name"),
        findings=restrict(Finding.objects.active().filter(inspection=inspection), request.user).order_by("-pk"),
        clues=clues_for_user(request.user).filter(inspection=inspection).order_by("serial"),
    )


@require_http_methods(["GET", "POST"])
def talk_create(request, pk: int):
    inspection = _work_inspection(request, pk)
    require_allowed(request, "inspection.record_talk", inspection)
    form = _form(request, inspection, initial={"held_on": timezone.localdate(), "kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        talk = take_step(request, "inspection.record_talk", inspection, form=form, success=_("Talk recorded."))
        if talk is not None:
            return redirect("talks:detail", pk=talk.pk)
    return render(
        request, "talks/form.html", {"form": form, "inspection": inspection, "title": _("Record a talk or visit")}
    )


def _talk(request, pk: int):
    return get_for_user_or_404(talks_for_user(request.user), request.user, pk=pk)


def talk_detail(request, pk: int):
    talk = _talk(request, pk)
    log_talk_reads(request.user, [talk], "viewed")
    return render(
        request,
        "talks/detail.html",
        {
            "talk": talk,
            "inspection": talk.inspection,
            "interviewers": talk.interviewers.order_by("name"),
            "findings": restrict(talk.findings.all(), request.user),
            "clues": clues_for_user(request.user).filter(pk__in=talk.clues.values("pk")),
            "actions": offered(request.user, talk, "talks.Talk"),
            "history": history_entries(talk, user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def talk_edit(request, pk: int):
    talk = _talk(request, pk)
    require_allowed(request, "talk.edit", talk)
    inspection = talk.inspection
    initial = {
        "version": talk.version,
        "kind": talk.kind,
        "plan_item": talk.plan_item_id,
        "held_on": talk.held_on,
        "place": talk.place,
        "subject_name": talk.subject_name,
        "subject_position": talk.subject_position,
        "subject_organisation": talk.subject_organisation_id,
        "notes": talk.notes,
        "interviewers": list(talk.interviewers.values_list("pk", flat=True)),
        "findings": list(talk.findings.values_list("pk", flat=True)),
        "clues": list(talk.clues.values_list("pk", flat=True)),
    }
    form = _form(request, inspection, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["version"] = data.get("version") or talk.version
        try:
            if take_step(request, "talk.edit", talk, data=data, success=_("Saved.")) is not None:
                return redirect("talks:detail", pk=talk.pk)
        except ConcurrentEditError:
            messages.error(request, _("Someone changed this record meanwhile. Reload and try again."))
    return render(
        request, "talks/form.html", {"form": form, "inspection": inspection, "title": _("Edit the talk record")}
    )


@require_POST
def talk_archive(request, pk: int):
    talk = _talk(request, pk)
    if take_step(request, "talk.archive", talk, form=ReasonForm(request.POST), success=_("Talk record archived.")):
        return redirect("talks:list", pk=talk.inspection_id)
    return redirect("talks:detail", pk=talk.pk)
