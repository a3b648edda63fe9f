"""The user's own notifications: the list, marking read, and the unread badge for the navbar
(``supervision:unread_badge``, loaded by htmx)."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xuncha.accounts.enums import EmailFrequency
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


class EmailChoiceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=gettext_lazy("Notification e-mails"), choices=EmailFrequency.choices, widget=forms.RadioSelect
    )


def notification_settings(request):
    """The holder chooses how notifications reach their mailbox."""
    form = EmailChoiceForm(request.POST or None, initial={"frequency": request.user.notification_email})
    if request.method == "POST" and form.is_valid():
        domain.choose_email(request.user, by=request.user, frequency=form.cleaned_data["frequency"])
        choice = EmailFrequency(form.cleaned_data["frequency"]).label
        messages.success(request, _("Saved: %(choice)s.") % {"choice": choice})
        return redirect("supervision:notification_settings")
    return render(
        request,
        "supervision/notification_settings.html",
        {"form": form, "has_email": bool(request.user.email), "mail_configured": _mail_configured()},
    )


def _mail_configured() -> bool:
    from django.conf import settings

    return "console" not in settings.EMAIL_BACKEND and "locmem" not in settings.EMAIL_BACKEND
