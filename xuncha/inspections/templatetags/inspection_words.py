"""`{{ _("Team")|in_words_of:inspection }}`: a label in the words of the inspection that the
object leads to (巡视组 for a provincial inspection, 巡察组 for a city one). A builtin, so every
template may use it without loading it."""

from django import template

from xuncha.inspections.words import words_of

register = template.Library()


@register.filter
def in_words_of(text, obj):
    return words_of(obj).say(text)
