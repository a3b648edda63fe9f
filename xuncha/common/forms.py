from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.common.enums import CheckStatus
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class ListForm(StyledForm):
    term = forms.ModelChoiceField(queryset=None, label=_("Term"))
    title = forms.CharField(label=_("Title"), max_length=200)
    due_on = forms.DateField(label=_("Self-check due on"), required=False, widget=DateInput)

    def __init__(self, *args, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms


class CategoryForm(StyledForm):
    name = forms.CharField(label=_("Category"), max_length=200)


class ItemsForm(StyledForm):
    category = forms.ModelChoiceField(queryset=None, label=_("Category"))
    text = forms.CharField(label=_("Common problems, one a line"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class CheckForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Result"), choices=[c for c in CheckStatus.choices if c[0] != CheckStatus.NOT_STARTED]
    )
    note = forms.CharField(label=_("What was found and done"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Evidence"), required=False)
