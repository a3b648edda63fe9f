"""The row helpers of xuncha/web/rows.py give what the template filters they replace give, in
both languages (issue 19: rows prepared in the view, the HTML unchanged)."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from xuncha.clues.enums import ClueStatus
from xuncha.web.rows import DateText, Shortener, labels, link

TEXTS = [
    "",
    "短",
    "学习贯彻习近平新时代中国特色社会主义思想不够深入，" * 3,
    "x" * 59,
    "x" * 60,
    "x" * 61,
    "e\u0301" * 70,  # combining accents: not counted, and composed as the filter composes them
    "Cafe\u0301 " * 15,
    "<b>&amp;</b>" * 10,
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("length", [1, 3, 30, 60, 80])
def test_shortener_gives_what_truncatechars_gives(language, length):
    with translation.override(language):
        shorten = Shortener(length)
        template = Template(f"{{{{ text|truncatechars:{length} }}}}")
        for text in [*TEXTS, *(mark_safe(text) for text in TEXTS)]:
            expected = template.render(Context({"text": text}))
            assert Template("{{ text }}").render(Context({"text": shorten(text)})) == expected, text


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_date_text_gives_what_the_date_filter_gives(language):
    with translation.override(language):
        text = DateText(empty="—")
        template = Template('{{ day|date|default:"—" }}')
        for day in [date(2025, 2, 20), date(2026, 12, 5), date(2026, 12, 5), None]:
            assert text(day) == template.render(Context({"day": day}))
        assert text(date(2026, 5, 1)) != text(date(2026, 5, 2))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_labels_and_links_give_what_the_model_and_url_tag_give(language):
    with translation.override(language):
        shown = labels(ClueStatus.choices)
        for value, label in ClueStatus.choices:
            assert shown[value] == str(label)
        detail = link("clues:detail")
        for pk in (1, 7, 2_147_483_647, 12345):
            assert detail(pk) == Template("{% url 'clues:detail' pk %}").render(Context({"pk": pk}))


VALUES = [0, 7, -3, True, None, 2.5, "", "思明区", '<a href="x">&amp;</a>', "'quoted'", mark_safe("<b>safe</b>")]


def test_escaped_gives_what_conditional_escape_gives():
    from django.utils.html import conditional_escape
    from django.utils.translation import gettext_lazy

    from xuncha.web.rows import escaped

    for value in [*VALUES, gettext_lazy("Done")]:
        assert escaped(value) == conditional_escape(value), value


def test_html_row_and_options_give_what_format_html_gives():
    from django.utils.html import format_html, format_html_join

    from xuncha.web.rows import html_row, options

    template = "<tr><td>{}</td><td>{name}</td></tr>"
    for value in VALUES:
        assert html_row(template, value, name=value) == format_html(template, value, name=value)
    choices = [(value, label) for value, label in zip(VALUES, reversed(VALUES), strict=True)]
    for chosen in (7, "思明区", None, "missing"):
        selected = mark_safe(" selected")
        rows = ((value, selected if value == chosen else "", label) for value, label in choices)
        assert options(choices, chosen) == format_html_join("", '<option value="{}"{}>{}</option>', rows)
