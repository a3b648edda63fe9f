"""The user's own notifications: the list, marking read, and the unread badge for the navbar
(``supervision:unread_badge``, loaded by htmx)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from xuncha.accounts.permissions import Action, get_for_user_or_404
from xuncha.supervision import notifications as domain
from xuncha.supervision.models import Notification
from xuncha.supervision.queries import notifications_for_user
from xuncha.web.pages import paginate


def notification_list(request):
    notifications = notifications_for_user(request.user)
    if request.GET.get("unread"):
        notifications = notifications.filter(read_at__isnull=True)
    page, query = paginate(request, notifications.order_by("-created_at", "-pk"))
    return render(
        request,
        "supervision/notifications.html",
        {"page": page, "query": query, "unread": domain.unread_count(request.user)},
    )


def unread_badge(request):
    return render(request, "supervision/_unread_badge.html", {"unread": domain.unread_count(request.user)})


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@require_POST
def notification_read(request, pk: int):
    """Mark read, then go where the notification points (or back to the list)."""
    notification = get_for_user_or_404(Notification, request.user, Action.CHANGE, pk=pk)
    try:
        domain.mark_read(notification, by=request.user)
    except PermissionError:
        raise Http404 from None
    if request.POST.get("open") and notification.url.startswith("/") and not notification.url.startswith("//"):
        return redirect(notification.url)
    return redirect(_safe_next(request, "supervision:notifications"))


@require_POST
def notifications_read_all(request):
    domain.mark_all_read(by=request.user)
    return redirect("supervision:notifications")
