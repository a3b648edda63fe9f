"""Form fields choosing people: each option reads "张三 · 思明区委 · 副书记" (name, unit, post),
so that namesakes can be told apart and the right cadre is picked."""

from django import forms

from xuncha.web.widgets import SearchableSelect, SearchableSelectMultiple

SEPARATOR = " · "


def person_label(person) -> str:
    unit = person.organisation.short_name or person.organisation.name
    return SEPARATOR.join(part for part in (person.name, unit, person.position) if part)


class PersonLabelMixin:
    """Labels with unit and post; the unit is read with the people (one query, not one per option)."""

    def _set_queryset(self, queryset):
        super()._set_queryset(None if queryset is None else queryset.select_related("organisation"))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return person_label(obj)


class PersonChoiceField(PersonLabelMixin, forms.ModelChoiceField):
    widget = SearchableSelect


class PersonMultipleChoiceField(PersonLabelMixin, forms.ModelMultipleChoiceField):
    widget = SearchableSelectMultiple
