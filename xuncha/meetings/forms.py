from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xuncha.meetings.enums import MeetingKind
from xuncha.people.fields import PersonChoiceField, PersonMultipleChoiceField
from xuncha.people.models import Person
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput, SearchableSelectMultiple


class MeetingForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    term = forms.ModelChoiceField(queryset=None, label=_("Term"))
    kind = forms.ChoiceField(choices=MeetingKind.choices, label=_("Kind"))
    title = forms.CharField(max_length=200, label=_("Title"), help_text=_("e.g. 市委巡察工作领导小组第十二次会议"))
    held_on = forms.DateField(widget=DateInput, label=pgettext_lazy("meeting", "Held on"))
    place = forms.CharField(max_length=120, required=False, label=_("Place"))
    chair = PersonChoiceField(queryset=Person.objects.none(), required=False, label=_("Chair"))
    inspection = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Inspection fed back"),
        help_text=_("For a feedback meeting: the inspection whose feedback it gives."),
    )
    attendees = PersonMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=SearchableSelectMultiple(attrs={"size": 6}),
        label=_("Attendees"),
    )
    leaders = PersonMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=SearchableSelectMultiple(attrs={"size": 4}),
        label=_("Attending as leaders"),
        help_text=_("Among the attendees: the leaders whose attendance is counted (e.g. 市级分管领导)."),
    )
    leader_role = forms.CharField(
        max_length=60, required=False, label=_("Leaders attended as"), help_text=_("e.g. 市级分管领导")
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label=pgettext_lazy("meeting", "Summary")
    )

    def __init__(self, *args, terms, inspections, people, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms
        self.fields["inspection"].queryset = inspections
        self.fields["inspection"].label_from_instance = lambda i: i.title
        for name in ("chair", "attendees", "leaders"):
            self.fields[name].queryset = people
        if editing:
            del self.fields["term"]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["attendees"] = list(data.get("attendees") or [])
        data["leaders"] = list(data.get("leaders") or [])
        data["attendees"] += [p for p in data["leaders"] if p not in data["attendees"]]
        return data


class AgendaItemForm(StyledForm):
    title = forms.CharField(max_length=200, label=_("Topic"))
    inspection = forms.ModelChoiceField(queryset=None, required=False, label=_("Inspection"))
    problem = forms.ModelChoiceField(queryset=None, required=False, label=_("Problem"))
    clue = forms.ModelChoiceField(queryset=None, required=False, label=_("Clue"))
    decision = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Decision"))
    decides_feedback = forms.BooleanField(
        required=False, label=_("The committee agrees that the inspection's feedback be given")
    )

    def __init__(self, *args, inspections, problems, clues, clue_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = inspections
        self.fields["inspection"].label_from_instance = lambda i: i.title
        self.fields["problem"].queryset = problems
        self.fields["problem"].label_from_instance = lambda p: p.title[:50]
        self.fields["clue"].queryset = clues
        self.fields["clue"].label_from_instance = clue_label  # its number, never its allegation


class FollowUpForm(StyledForm):
    agenda_item = forms.ModelChoiceField(queryset=None, required=False, label=_("Agenda item"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("What is to be done"))
    owner = forms.ModelChoiceField(queryset=None, label=_("Owner"))
    deadline = forms.DateField(widget=DateInput, label=pgettext_lazy("follow-up item", "Deadline"))

    def __init__(self, *args, agenda, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: (
            f"{u} · {u.organisation.name}" if u.organisation_id else str(u)
        )


class CompleteForm(StyledForm):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("How it was done"))
    on = forms.DateField(widget=DateInput, required=False, label=_("Done on"))
