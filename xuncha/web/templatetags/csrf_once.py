"""`{% csrf_token %}` with the submit-once token (xuncha.web.once) beside it.

Registered as a template builtin (settings.TEMPLATES), after Django's own: every POST form of
the platform carries `{% csrf_token %}`, so every one of them, the one-button workflow steps
included, also carries a fresh one-time token, and a double click or a browser's "resend" saves
nothing twice. A template cannot forget it."""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html

from xuncha.web.once import FIELD, new_token

register = template.Library()


class CsrfOnceNode(CsrfTokenNode):
    def render(self, context):
        csrf = super().render(context)
        if not csrf:
            return csrf
        return csrf + format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


@register.tag
def csrf_token(parser, token):
    return CsrfOnceNode()
