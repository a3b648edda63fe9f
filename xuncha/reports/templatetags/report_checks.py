"""Filters that show the parser's checks and figures by their translated names:
`{{ check.name|check_label }}`, `{{ check|check_message }}`, `{{ entry.key|figure_label }}`,
`{{ problem.status|problem_status }}`."""

from django import template

from xuncha.reports import check_labels

register = template.Library()


@register.filter
def check_label(name: str) -> str:
    return check_labels.check_label(name)


@register.filter
def check_message(check) -> str:
    return check_labels.check_message(check)


@register.filter
def figure_label(key: str) -> str:
    return check_labels.figure_label(key)


@register.filter
def problem_status(status) -> str:
    return str(check_labels.STATUS_LABELS.get(str(status), status))
