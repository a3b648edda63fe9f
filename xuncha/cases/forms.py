from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.cases.enums import SUGGESTED_TAGS
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class CaseForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(max_length=200, label=_("Title"))
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label=_("What happened"),
        help_text=_("Reporters' identities and the full names of the people concerned are hidden on every save."),
    )
    lesson = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Lesson for warning education")
    )
    tags = forms.CharField(
        max_length=400,
        required=False,
        label=_("Tags"),
        help_text=_("Separated by 、 or commas; e.g. %(examples)s") % {"examples": "、".join(SUGGESTED_TAGS[:4])},
    )

    def clean_tags(self):
        raw = self.cleaned_data.get("tags", "")
        for separator in ("，", ",", ";", "；"):
            raw = raw.replace(separator, "、")
        return [t.strip() for t in raw.split("、") if t.strip()]


class UseForm(StyledForm):
    used_on = forms.DateField(widget=DateInput, label=_("Date"))
    occasion = forms.CharField(
        max_length=120, label=_("Occasion"), help_text=_("e.g. 党性课堂, 警示教育大会, 专题组织生活会")
    )
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Held by"))
    attendees = forms.IntegerField(min_value=0, max_value=100000, initial=0, label=_("People attending"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
