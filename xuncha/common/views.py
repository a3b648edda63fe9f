from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404, restrict
from xuncha.common import figures as list_figures
from xuncha.common import rebound
from xuncha.common.enums import CheckStatus
from xuncha.common.forms import CategoryForm, CheckForm, ItemsForm, ListForm
from xuncha.common.models import CommonCategory, CommonItem, CommonList, Reach, ReboundLink, SelfCheck
from xuncha.common.rules import may_open_checks, may_open_lists
from xuncha.exports.xlsx import Field, xlsx_download
from xuncha.files.domain import store_upload
from xuncha.findings.models import Finding, Problem
from xuncha.plans.models import Term
from xuncha.web.downloads import dated_name
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import require_allowed, take_step

LIST = "common.CommonList"


@require_http_methods(["GET", "POST"])
def list_index(request):
    if not may_open_lists(request.user):
        raise Http404
    terms = restrict(Term.objects.active().select_related("owner"), request.user, Action.CHANGE).order_by("-starts_on")
    form = ListForm(request.POST or None, terms=terms)
    if request.method == "POST" and form.is_valid():
        term = form.cleaned_data["term"]
        made = take_step(request, "term.create_common_list", term, data=form.cleaned_data, success=_("List created."))
        if made is not None:
            return redirect("common:detail", pk=made.pk)
    lists = (
        restrict(CommonList.objects.select_related("term"), request.user)
        .annotate(
            category_count=Count("categories", distinct=True),
            item_count=Count("categories__items", distinct=True),
            reach_count=Count("reaches", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )
    return render(request, "common/index.html", {"lists": lists, "form": form, "may_create": terms.exists()})


def _list(request, pk: int, action=Action.VIEW) -> CommonList:
    return get_for_user_or_404(
        CommonList.objects.select_related("term__owner", "published_by"), request.user, action, pk=pk
    )


@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    common_list = _list(request, pk)
    acts = offered(request.user, common_list, LIST)
    categories = CommonCategory.objects.filter(common_list=common_list)
    which = request.POST.get("step") if request.method == "POST" else None
    category_form = CategoryForm(request.POST if which == "category" else None, prefix="category")
    items_form = ItemsForm(request.POST if which == "items" else None, prefix="items", categories=categories)
    if which in ("category", "items"):
        require_allowed(request, "commonlist.add_category", common_list)
        if which == "category" and take_step(request, "commonlist.add_category", common_list, form=category_form):
            return redirect("common:detail", pk=pk)
        if which == "items" and items_form.is_valid():
            from xuncha.common import domain

            try:
                with_category = items_form.cleaned_data["category"]
                added = domain.add_items(with_category, by=request.user, text=items_form.cleaned_data["text"])
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("%(count)s common problems added.") % {"count": len(added)})
                return redirect("common:detail", pk=pk)
    elif which == "publish":
        if take_step(request, "commonlist.publish", common_list, success=_("Published.")):
            return redirect("common:detail", pk=pk)
    elif which is not None:
        raise Http404
    figures = list_figures.figures_of(common_list)
    shown_categories = categories.prefetch_related(
        Prefetch(
            "items",
            queryset=CommonItem.objects.order_by("order").prefetch_related(
                Prefetch("source_problems", queryset=Problem.objects.select_related("inspection", "organisation"))
            ),
        )
    ).order_by("order")
    reaches = (
        Reach.objects.filter(common_list=common_list)
        .select_related("organisation")
        .annotate(**{s.value: Count("checks", filter=Q(checks__status=s.value)) for s in CheckStatus})
        .order_by("organisation__path")
    )
    manage = _may_manage(request.user, common_list)
    proposals, truncated = rebound.proposals(common_list.term, exclude_listed=common_list) if manage else ([], False)
    return render(
        request,
        "common/detail.html",
        {
            "common_list": common_list,
            "actions": acts,
            "figures": list_figures.shown(common_list, figures),
            "counts": figures,
            "categories": shown_categories,
            "reaches": reaches,
            "proposals": proposals,
            "truncated": truncated,
            "manage": manage,
            "all_items": CommonItem.objects.filter(category__common_list=common_list)
            .select_related("category")
            .order_by("category__order", "order")
            if manage
            else [],
            "category_form": category_form,
            "items_form": items_form,
        },
    )


def _may_manage(user, common_list) -> bool:
    from xuncha.common.rules import may_manage_list

    return may_manage_list(user, common_list)


@require_POST
def mark(request, pk: int):
    """Mark the posted problems (a proposal's, or one) as common under the posted item."""
    common_list = _list(request, pk)
    item = get_for_user_or_404(
        CommonItem.objects.select_related("category__common_list__term"),
        request.user,
        pk=request.POST.get("item") or 0,
        category__common_list=common_list,
    )
    require_allowed(request, "commonitem.mark_problem", item)
    ids = [int(i) for i in request.POST.getlist("problem") if i.isdigit()]
    problems = Problem.objects.filter(pk__in=ids, inspection__term=common_list.term).select_related("inspection")
    if not problems:
        messages.error(request, _("Choose a problem of an inspection of this term."))
    for problem in problems:
        if take_step(request, "commonitem.mark_problem", item, data={"problem": problem}, success="") is None:
            break
    else:
        if problems:
            messages.success(request, _("Marked as common."))
    return redirect("common:detail", pk=pk)


@require_POST
def unmark(request, pk: int, problem: int):
    item = get_for_user_or_404(CommonItem.objects.select_related("category__common_list__term"), request.user, pk=pk)
    require_allowed(request, "commonitem.unmark_problem", item)
    found = item.source_problems.filter(pk=problem).first()
    take_step(request, "commonitem.unmark_problem", item, data={"problem": found}, success=_("Unmarked."))
    return redirect("common:detail", pk=item.category.common_list_id)


def _checks(request, common_list, action=Action.VIEW):
    rows = restrict(
        SelfCheck.objects.filter(reach__common_list=common_list).select_related(
            "reach__organisation", "item__category"
        ),
        request.user,
        action,
    ).order_by("reach__organisation__path", "item__category__order", "item__order")
    status = request.GET.get("status", "")
    if status == "found":
        rows = rows.filter(status__in=CheckStatus.found_states())
    elif status in CheckStatus.values:
        rows = rows.filter(status=status)
    org = request.GET.get("organisation", "")
    if org.isdigit():
        rows = rows.filter(reach__organisation_id=int(org))
    return rows, status


def checks(request, pk: int):
    """The self-checks behind a figure (a status) or of one organisation."""
    common_list = _list(request, pk)
    rows, status = _checks(request, common_list)
    from xuncha.web.pages import paginate

    page, query = paginate(request, rows)
    return render(
        request,
        "common/checks.html",
        {"common_list": common_list, "page": page, "query": query, "status": status, "statuses": CheckStatus.choices},
    )


def checks_export(request, pk: int):
    common_list = _list(request, pk, Action.EXPORT)
    rows, _status = _checks(request, common_list, Action.EXPORT)
    fields = [
        Field(_("Organisation"), 24),
        Field(_("Category"), 16),
        Field(_("No."), 6),
        Field(_("Common problem"), 50),
        Field(_("Status"), 14),
        Field(_("What was found and done"), 50),
        Field(_("Checked on"), 12),
        Field(_("Fixed on"), 12),
    ]
    data = (
        [
            c.reach.organisation.name,
            c.item.category.name,
            f"{c.item.category.order}.{c.item.order}",
            c.item.text,
            c.get_status_display(),
            c.note,
            c.checked_on,
            c.fixed_on,
        ]
        for c in rows
    )
    return xlsx_download(
        dated_name(_("Self-checks"), common_list.title, extension="xlsx"),
        fields,
        data,
        fallback=dated_name("self-checks", extension="xlsx"),
        name=_("Self-checks"),
        title=common_list.title,
    )


def list_export(request, pk: int):
    common_list = _list(request, pk, Action.EXPORT)
    items = (
        CommonItem.objects.filter(category__common_list=common_list)
        .select_related("category")
        .annotate(
            source_count=Count("source_problems", distinct=True),
            fixed_count=Count("checks", filter=Q(checks__status=CheckStatus.FIXED), distinct=True),
            found_count=Count("checks", filter=Q(checks__status__in=CheckStatus.found_states()), distinct=True),
        )
        .order_by("category__order", "order")
    )
    fields = [
        Field(_("Category"), 16),
        Field(_("No."), 6),
        Field(_("Common problem"), 60),
        Field(_("Drawn from problems"), 10),
        Field(_("Found at home (fixing or fixed)"), 10),
        Field(_("Fixed"), 10),
    ]
    data = (
        [i.category.name, f"{i.category.order}.{i.order}", i.text, i.source_count, i.found_count, i.fixed_count]
        for i in items
    )
    return xlsx_download(
        dated_name(_("Common problems"), common_list.title, extension="xlsx"),
        fields,
        data,
        fallback=dated_name("common-problems", extension="xlsx"),
        name=_("Common problems"),
        title=common_list.title,
    )


def my_reaches(request):
    """The lists that reached the user's organisations (liaisons, responsible units)."""
    if not (may_open_checks(request.user) or may_open_lists(request.user)):
        raise Http404
    reaches = (
        restrict(Reach.objects.select_related("organisation", "common_list"), request.user)
        .annotate(**{s.value: Count("checks", filter=Q(checks__status=s.value)) for s in CheckStatus})
        .order_by("-reached_on", "organisation__path")
    )
    from xuncha.web.pages import paginate

    page, query = paginate(request, reaches)
    return render(request, "common/my_reaches.html", {"page": page, "query": query})


@require_http_methods(["GET", "POST"])
def reach(request, pk: int):
    """One reached organisation's self-checks: the liaison answers each item."""
    found = get_for_user_or_404(Reach.objects.select_related("organisation", "common_list__term"), request.user, pk=pk)
    rows = list(
        SelfCheck.objects.filter(reach=found)
        .select_related("item__category", "reach__common_list", "reach__organisation")
        .prefetch_related("evidence")
        .order_by("item__category__order", "item__order")
    )
    if request.method == "POST":
        check = next((c for c in rows if str(c.pk) == request.POST.get("check")), None)
        if check is None:
            raise Http404
        require_allowed(request, "selfcheck.record", check)
        form = CheckForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                upload = form.cleaned_data.get("evidence")
                evidence = [store_upload(upload, by=request.user)] if upload else []
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                if take_step(request, "selfcheck.record", check, form=form, data={"evidence": evidence}):
                    return redirect(f"{request.path}#check-{check.pk}")
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
    from xuncha.common.rules import may_record_check

    may_record = bool(rows) and may_record_check(request.user, rows[0])
    tally = Counter(check.status for check in rows)
    return render(
        request,
        "common/reach.html",
        {
            "reach": found,
            "rows": rows,
            "may_record": may_record,
            "form": CheckForm(),
            "counts": {s.value: tally[s.value] for s in CheckStatus},
        },
    )


# rebound detection at entry


def _entry(request, kind: str, pk: int):
    from xuncha.inspections.rules import may_work

    model = {"finding": Finding, "problem": Problem}.get(kind)
    if model is None:
        raise Http404
    new = get_for_user_or_404(model.objects.select_related("inspection__term", "organisation"), request.user, pk=pk)
    if not may_work(request.user, new.inspection):
        raise Http404
    return new


@require_http_methods(["GET", "POST"])
def rebound_check(request, kind: str, pk: int):
    """ "可能是反弹": what the new finding or problem resembles, and the confirmation that links them."""
    new = _entry(request, kind, pk)
    text = new.text if kind == "finding" else f"{new.title} {new.text}"
    found = rebound.candidates(text, organisation=new.organisation, inspection=new.inspection)
    if request.method == "POST":
        by_key = {c.key: c for c in found}
        chosen = [by_key[k] for k in request.POST.getlist("candidate") if k in by_key]
        if not chosen:
            messages.error(request, _("Tick what the new entry resembles."))
        for candidate in chosen:
            data = {
                kind: new,
                "score": candidate.score,
                ("earlier_problem" if candidate.kind == "problem" else "common_item"): candidate.obj,
            }
            if take_step(request, "inspection.link_rebound", new.inspection, data=data, success="") is None:
                break
        else:
            if chosen:
                messages.success(request, _("Linked as a rebound."))
        return redirect("common:rebound", kind=kind, pk=pk)
    links = ReboundLink.objects.filter(**{kind: new}).select_related(
        "earlier_problem__inspection", "common_item__category__common_list"
    )
    linked = {f"problem:{x.earlier_problem_id}" if x.earlier_problem_id else f"item:{x.common_item_id}" for x in links}
    back = ("findings:list", new.inspection_id) if kind == "finding" else ("findings:feedback", new.inspection_id)
    return render(
        request,
        "common/rebound.html",
        {
            "new": new,
            "kind": kind,
            "text": text,
            "candidates": found,
            "links": links,
            "linked": linked,
            "back": back,
            "actions": offered(request.user, new.inspection, "inspections.Inspection"),
        },
    )


def rebounds(request, pk: int):
    """The problems of an inspection's feedback that resemble a signed-off problem of the same
    organisation or a common problem of the term (after a paste, or on demand)."""
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.inspections.rules import may_work

    inspection = get_for_user_or_404(inspections_for_user(request.user).select_related("term"), request.user, pk=pk)
    if not may_work(request.user, inspection):
        raise Http404
    rows = rebound.inspection_candidates(inspection)
    linked = set(ReboundLink.objects.filter(problem__inspection=inspection).values_list("problem_id", flat=True))
    return render(request, "common/rebounds.html", {"inspection": inspection, "rows": rows, "linked": linked})
