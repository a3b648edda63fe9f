"""Pages of `levels`: rates by inspecting level and per term with carry-over (整改率 · 市区两级),
and the 清零 list with its Excel export."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from xuncha.accounts.permissions import Action
from xuncha.rectification import levels
from xuncha.rectification.rules import may_export_ledger, may_read_ledger, may_see_figures
from xuncha.web.pages import int_param, paginate_capped


@require_GET
def level_rates(request):
    """市、区两级整改率: a term (a city's by default) with its districts' terms beside it, per
    inspecting level and per term, and the previous term's carry-over. A term the user does not
    read is a 404."""
    if not may_see_figures(request.user):
        raise Http404
    terms = levels.visible_terms(request.user)
    choices = list(terms)
    term = None
    if (chosen := int_param(request, "term")) is not None:
        term = next((t for t in choices if t.pk == chosen), None)
        if term is None:
            raise Http404
    elif choices:
        term = _default_term(request.user, choices)
    today = timezone.localdate()
    figures = levels.level_rates(request.user, term, terms, today=today) if term else None
    carry = levels.carry_over(request.user, term, terms, today=today) if term else None
    return render(
        request,
        "rectification/levels.html",
        {
            "terms": choices,
            "term": term,
            "figures": figures,
            "carry": carry,
            "figures_url": reverse("rectification:figures"),
            "ledger_url": reverse("ledger:list") if may_read_ledger(request.user) else "",
            "clearance_url": reverse("rectification:clearance") if may_read_ledger(request.user) else "",
            "today": today,
        },
    )


def _default_term(user, choices):
    """The user's own committee's latest term: among the terms whose plan the user reads (an
    office's own), else those of committees inside the user's grants (leadership), the highest
    committee's latest started by today; else any term in view. A city office thus lands on its
    city term, not on a provincial 巡视 of one of its districts."""
    from xuncha.accounts.models import RoleGrant
    from xuncha.plans.queries import terms_for_user

    own = set(terms_for_user(user).values_list("pk", flat=True))
    granted = tuple(RoleGrant.objects.active().filter(user=user).values_list("organisation__path", flat=True))
    today = timezone.localdate()
    pool = (
        [t for t in choices if t.pk in own]
        or [t for t in choices if t.owner.path.startswith(granted)]
        or choices
    )
    started = [t for t in pool if t.starts_on <= today] or pool
    return min(started, key=lambda t: (len(t.owner.path), -t.starts_on.toordinal(), t.pk))


def _term_in_scope_or_404(request) -> None:
    """A `term` filter naming a term the user does not read is a 404, not an empty list."""
    term = levels.CLEARANCE.parse(request.GET).get("term")
    if term is not None and not levels.visible_terms(request.user).filter(pk=term).exists():
        raise Http404


@require_GET
def clearance(request):
    """清零 list: the open measures of ended terms, grouped by term and inspected organisation."""
    if not may_read_ledger(request.user):
        raise Http404
    spec = levels.CLEARANCE
    _term_in_scope_or_404(request)
    rows = spec.details(spec.rows(request.user, request.GET))
    page, query = paginate_capped(request, rows)
    total = page.paginator.count
    for measure in page:
        measure.age = levels.age_days(measure)
        measure.is_overdue = levels.past_deadline(measure)
    return render(
        request,
        "rectification/clearance.html",
        {
            "page": page,
            "groups": levels.grouped(page),
            "total": total,
            "query": query,
            "filters": spec.parse(request.GET),
            "terms": [t for t in levels.visible_terms(request.user) if t.ends_on < timezone.localdate()],
            "inspecting_levels": levels.level_choices(),
            "may_export": may_export_ledger(request.user),
        },
    )


@require_GET
def clearance_export(request):
    """The filtered 清零 list as Excel: exactly the rows the page lists for the same filters."""
    from xuncha.lists.excel import list_download

    if not may_export_ledger(request.user):
        raise Http404
    spec = levels.CLEARANCE
    _term_in_scope_or_404(request)
    rows = spec.details(spec.rows(request.user, request.GET, Action.EXPORT))
    return list_download(spec, rows.iterator(chunk_size=2000), request=request)
