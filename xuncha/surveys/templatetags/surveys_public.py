"""`{% page_questionnaires page as windows %}`: the questionnaires open (or about to open) on a
码上巡 page, for the page itself (public/page.html). Reads only published tables."""

from django import template

from xuncha.surveys.models import Window

register = template.Library()


@register.simple_tag
def page_questionnaires(page) -> list[Window]:
    windows = list(Window.objects.filter(page=page).select_related("questionnaire").order_by("opens_on", "id"))
    for window in windows:
        window.page = page
    return [w for w in windows if w.state() != "closed"]
