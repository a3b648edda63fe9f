from django import template
from django.utils.html import format_html

from xuncha.web.once import FIELD, new_token

register = template.Library()


@register.simple_tag
def once_token():
    """The hidden one-time token of a write form (xuncha.web.once)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
