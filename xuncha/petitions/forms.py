from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.findings.models import Category
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.people.enums import Rank
from xuncha.petitions.enums import Channel, RevealReason
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class PetitionForm(StyledForm):
    channel = forms.ChoiceField(choices=Channel.choices, label=_("Channel"))
    received_on = forms.DateField(widget=DateInput, label=_("Received on"))
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label=_("Content"))
    reporter_name = forms.CharField(
        max_length=60,
        required=False,
        label=_("Reporter's name"),
        help_text=_("Leave the reporter fields empty for an anonymous petition."),
    )
    reporter_phone = forms.CharField(max_length=40, required=False, label=_("Reporter's phone"))
    reporter_workplace = forms.CharField(max_length=120, required=False, label=_("Reporter's workplace"))
    reporter_address = forms.CharField(max_length=200, required=False, label=_("Reporter's address"))


class ToClueForm(StyledForm):
    allegation = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Allegation"))
    person_name = forms.CharField(max_length=60, label=_("Person concerned"))
    person_rank = forms.ChoiceField(choices=Rank.choices, label=_("Rank"))
    person_position = forms.CharField(max_length=120, required=False, label=_("Position"))


class ToFixForm(StyledForm):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Hand to"))
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("What to fix"),
        help_text=_("The reporter's identity is removed from this text automatically."),
    )
    handed_over_on = forms.DateField(widget=DateInput, label=_("Handed over on"))
    deadline = forms.DateField(widget=DateInput, label=_("Deadline"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ToFindingForm(StyledForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Finding"))
    category = forms.ModelChoiceField(queryset=Category.objects.none(), label=_("Category"))
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Organisation concerned"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["category"].queryset = Category.objects.active()


class RefuseForm(StyledForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Why it is not accepted"))


class ReplyForm(StyledForm):
    reply = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Reply to the reporter"))
    on = forms.DateField(widget=DateInput, label=_("Replied on"))


class RevealForm(StyledForm):
    category = forms.ChoiceField(choices=RevealReason.choices, label=_("Reason category"))
    reason = forms.CharField(max_length=300, label=_("Why you need the reporter's identity"))


class FixResultForm(StyledForm):
    result = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("What was done"))
    on = forms.DateField(widget=DateInput, label=_("Fixed on"))


class AnswerForm(StyledForm):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Answer to the reporter"))
    on = forms.DateField(widget=DateInput, label=_("Answered on"))
