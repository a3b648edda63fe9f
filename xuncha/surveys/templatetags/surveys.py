"""`{% inspection_questionnaires inspection as x %}`: the questionnaires opened on an
inspection's 码上巡 pages that the current user may read (x.windows, with response counts),
whether they read this inspection's questionnaires at all (x.may_read: else the panel shows
nothing, not even "none opened yet") and whether they may open one (x.may_open). Used by
surveys/_inspection_panel.html."""

from django import template

from xuncha.inspections.rules import may_change_inspection
from xuncha.surveys.queries import windows_for_user, with_response_counts
from xuncha.surveys.rules import may_read_windows_of

register = template.Library()


@register.simple_tag(takes_context=True)
def inspection_questionnaires(context, inspection) -> dict:
    user = context["request"].user
    may_open = may_change_inspection(user, inspection)
    if not (may_open or may_read_windows_of(user, inspection)):
        return {"windows": [], "may_read": False, "may_open": False}
    windows = with_response_counts(
        windows_for_user(user, page__inspection=inspection).order_by("questionnaire_id", "page__organisation_name")
    )
    return {"windows": windows, "may_read": True, "may_open": may_open}
