"""Permission-scoped reads of questionnaire windows, with their response counts."""

from django.db.models import Count

from xuncha.accounts.permissions import Action, restrict
from xuncha.surveys.models import Response, Window


def windows_for_user(user, action: Action = Action.VIEW, **filters):
    return restrict(Window.objects.filter(**filters), user, action).select_related("questionnaire", "page")


def with_response_counts(windows) -> list[Window]:
    """The windows, each with `responses` counted (one query for all)."""
    windows = list(windows)
    counts = dict(
        Response.objects.filter(window__in=[w.pk for w in windows])
        .values("window")
        .annotate(n=Count("id"))
        .values_list("window", "n")
    )
    for window in windows:
        window.responses = counts.get(window.pk, 0)
    return windows
