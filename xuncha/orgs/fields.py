"""Form fields choosing organisations: each option names its place in the tree
("厦门市 / 思明区 / 梧村街道"), so that two 党支部 or two 办公室 can be told apart.

The path is built from the choices themselves (ancestors that are not among them are left
out): a label never names an organisation outside the field's permission-scoped queryset.
"""

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from xuncha.web.widgets import SearchableSelect, SearchableSelectMultiple

SEPARATOR = " / "


class TreePathIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        organisations = list(self.queryset)
        names = {organisation.pk: organisation.name for organisation in organisations}
        for organisation in organisations:
            yield (
                ModelChoiceIteratorValue(self.field.prepare_value(organisation), organisation),
                tree_label(organisation, names),
            )


def tree_label(organisation, names: dict[int, str]) -> str:
    """The organisation's name after those of its ancestors found in ``names``."""
    parts = [names[pk] for pk in organisation.ancestor_ids if pk in names]
    return SEPARATOR.join([*parts, organisation.name])


class OrganisationChoiceField(forms.ModelChoiceField):
    iterator = TreePathIterator
    widget = SearchableSelect


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = TreePathIterator
    widget = SearchableSelectMultiple
