from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.talks.enums import TalkKind
from xuncha.talks.models import TalkPlanItem
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class PlanItemForm(StyledForm):
    kind = forms.ChoiceField(choices=TalkKind.choices, label=_("Kind"))
    category = forms.CharField(
        max_length=80, label=_("Who"), help_text=_("e.g. 党组织书记, 班子成员, 退休老干部, 困难群众")
    )
    required = forms.IntegerField(min_value=1, max_value=999, initial=1, label=_("How many at least"))


class TalkForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(choices=TalkKind.choices, label=_("Kind"))
    plan_item = forms.ModelChoiceField(
        queryset=TalkPlanItem.objects.none(), required=False, label=_("Counts toward"),
        empty_label=_("Not part of the talk plan"),
    )
    held_on = forms.DateField(widget=DateInput, label=_("Date"))
    place = forms.CharField(max_length=120, required=False, label=_("Place"))
    subject_name = forms.CharField(max_length=60, label=_("Person heard"))
    subject_position = forms.CharField(max_length=120, required=False, label=_("Position"))
    subject_organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Organisation of the person heard")
    )
    interviewers = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=_("Talked by")
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label=_("Notes"))
    findings = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=_("Findings that came of it")
    )
    clues = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=_("Clues that came of it")
    )

    def __init__(self, *args, inspection, organisations, people, findings, clues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = TalkPlanItem.objects.active().filter(inspection=inspection)
        self.fields["subject_organisation"].queryset = organisations
        self.fields["interviewers"].queryset = people
        self.fields["findings"].queryset = findings
        self.fields["findings"].label_from_instance = lambda f: f"#{f.pk} {f.text[:40]}"
        self.fields["clues"].queryset = clues
