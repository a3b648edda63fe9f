"""The home page as a workbench, and the page of each to-do queue."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from xuncha.accounts.permissions import roles_of
from xuncha.accounts.queries import own_grants
from xuncha.orgs.queries import organisations_for_user
from xuncha.public.takein import take_in_if_waiting
from xuncha.workbench import agenda, queues

PAGE_LIMIT = 500  # candidates a queue's own page reads


def home(request):
    """What the user has to do (the to-do queues), deadlines in the next 20 days, warnings on
    their measures, unread notifications and the figures of their scope."""
    user = request.user
    roles = frozenset(roles_of(user))
    today = timezone.localdate()
    if roles & queues.QUEUES["petition.triage"].roles:
        # reports from the public site (码上巡) join the petitions to triage before the queues count
        take_in_if_waiting()
    unread = agenda.unread_notifications(user)
    warnings = agenda.standing_warnings(user)
    follow_up_warnings = list(agenda.escalated_follow_ups(user)[: agenda.SHOWN])
    figures = agenda.scope_figures(user, today=today)
    return render(
        request,
        "workbench/home.html",
        {
            "queues": queues.for_user(user, roles),
            "agenda": agenda.deadlines(user, today=today),
            "warnings": list(warnings[: agenda.SHOWN]),
            "warning_count": warnings.count() + len(follow_up_warnings),
            "follow_up_warnings": follow_up_warnings,
            "unread": list(unread[: agenda.SHOWN]),
            "unread_count": unread.count(),
            "figures": figures,
            "chart": figures.chart if figures is not None else None,
            "grants": own_grants(user),
            "org_count": organisations_for_user(user).count(),
            "today": today,
            "horizon": agenda.HORIZON,
            "shown": queues.SHOWN,
        },
    )


def queue_page(request, key: str):
    """Every to-do of one queue (up to `PAGE_LIMIT` candidates), soonest deadline first."""
    queue = queues.QUEUES.get(key)
    if queue is None or not queue.roles & frozenset(roles_of(request.user)):
        raise Http404
    return render(
        request,
        "workbench/queue.html",
        {"queue": queue, "found": queues.items(queue, request.user, limit=PAGE_LIMIT), "today": timezone.localdate()},
    )

