"""The widgets every form uses for dates and for choosing organisations and people.

- ``DateInput``: ``<input type="date">`` whose value is always ISO (``2026-12-05``), whatever
  the active language. The browser shows it in the reader's own format and posts ISO back, so
  a saved date is shown again and saving unchanged keeps it. (Django's plain ``DateInput``
  renders the language's first input format, ``2026/12/05`` in zh-hans, which a date input
  cannot show: it appeared empty and the next save dropped the date.)
- ``SearchableSelect`` / ``SearchableSelectMultiple``: a plain ``<select>`` marked
  ``data-widget="tom-select"``; ``web/widgets.js`` turns it into a searchable picker (Tom
  Select, from npm). Without JavaScript it stays a working select. The options are whatever
  the field's permission-scoped queryset holds: the picker searches them, it never asks the
  server for more. Its few words come translated from here, in data attributes.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


class SearchableMixin:
    def __init__(self, attrs=None, *args, **kwargs):
        texts = {
            "data-widget": "tom-select",
            "data-placeholder": _("Type to search…"),
            "data-no-results": _("Nothing matches."),
            "data-remove-label": _("Remove"),
        }
        super().__init__({**texts, **(attrs or {})}, *args, **kwargs)


class SearchableSelect(SearchableMixin, forms.Select):
    pass


class SearchableSelectMultiple(SearchableMixin, forms.SelectMultiple):
    pass
