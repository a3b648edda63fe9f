from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.people.fields import PersonChoiceField
from xuncha.people.models import Person
from xuncha.staffing.enums import SPECIALTIES, Grade, PoolKind, TeamRole
from xuncha.staffing.models import TalentPool
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class PoolForm(StyledForm):
    name = forms.CharField(max_length=100, label=_("Name"))
    kind = forms.ChoiceField(choices=PoolKind.choices, label=_("Kind"))
    owner = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Kept by"))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class PoolMemberForm(StyledForm):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Person"))
    specialties = forms.MultipleChoiceField(
        choices=[(s, s) for s in SPECIALTIES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Specialties"),
    )
    joined_on = forms.DateField(widget=DateInput, label=_("Joined on"))
    available = forms.BooleanField(required=False, initial=True, label=_("Available"))
    availability_note = forms.CharField(max_length=200, required=False, label=_("Availability note"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class EvaluationForm(StyledForm):
    grade = forms.ChoiceField(choices=Grade.choices, label=_("Grade"))
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Comment"))


class TeamAppraisalForm(StyledForm):
    score = forms.DecimalField(min_value=0, max_value=100, max_digits=5, decimal_places=1, label=_("Score (of 100)"))
    grade = forms.ChoiceField(choices=Grade.choices, label=_("Grade"))
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Comment"))


class ProposalForm(forms.Form):
    """What the office looks for when it staffs a team from the pools (the page's filters)."""

    role = forms.ChoiceField(choices=TeamRole.choices, label=_("Team role"))
    specialties = forms.MultipleChoiceField(
        choices=[(s, s) for s in SPECIALTIES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Specialties needed"),
    )
    pool = forms.ModelChoiceField(
        queryset=TalentPool.objects.none(), required=False, empty_label=_("All pools for the role"), label=_("Pool")
    )

    def __init__(self, *args, pools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = pools
