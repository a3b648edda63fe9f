from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.clues.enums import Disposition, HandlingMethod, ReceivingKind
from xuncha.findings.enums import FindingSource
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.people.enums import Rank
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class ClueForm(StyledForm):
    allegation = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Allegation"))
    source = forms.ChoiceField(choices=FindingSource.choices, label=_("Source"))
    received_on = forms.DateField(widget=DateInput, label=_("Received on"))
    person_name = forms.CharField(max_length=60, label=_("Person concerned"))
    person_rank = forms.ChoiceField(choices=Rank.choices, label=_("Rank"))
    person_position = forms.CharField(max_length=120, required=False, label=_("Position"))
    second_name = forms.CharField(max_length=60, required=False, label=_("Second person concerned"))
    second_rank = forms.ChoiceField(choices=Rank.choices, required=False, label=_("Rank"))
    second_position = forms.CharField(max_length=120, required=False, label=_("Position"))

    def persons(self) -> list[dict]:
        data = self.cleaned_data
        persons = [{"name": data["person_name"], "rank": data["person_rank"], "position": data["person_position"]}]
        if data.get("second_name"):
            persons.append(
                {
                    "name": data["second_name"],
                    "rank": data["second_rank"] or "other",
                    "position": data["second_position"],
                }
            )
        return persons


class TransferForm(StyledForm):
    receiving_kind = forms.ChoiceField(choices=ReceivingKind.choices, label=_("Receiving body kind"))
    receiving_body = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Receiving body"))
    on = forms.DateField(widget=DateInput, label=_("Transferred on"))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_body"].queryset = bodies


class DateForm(StyledForm):
    on = forms.DateField(widget=DateInput, label=_("Date"))


class HandlingForm(StyledForm):
    method = forms.ChoiceField(choices=HandlingMethod.choices, label=_("Handling method"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Handling"))


class ConclusionForm(StyledForm):
    on = forms.DateField(widget=DateInput, label=_("Concluded on"))
    conclusion = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Conclusion"))

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("No disposition")), *Disposition.choices]
        for person in persons:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                choices=choices, required=False, label=_("Disposition of %(name)s") % {"name": person.name}
            )
        self.persons = persons

    def dispositions(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data.get(f"person_{p.pk}") or "" for p in self.persons}


class OutcomeForm(StyledForm):
    """记录处理结果: one person's 立案 (a stage, with its date) and/or outcome; the form (四种
    形态) follows from the outcome and is not chosen."""

    person = forms.TypedChoiceField(coerce=int, label=_("Person concerned"))
    case_filed_on = forms.DateField(widget=DateInput, required=False, label=_("Case filed on"))
    disposition = forms.ChoiceField(required=False, label=_("Disposition"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.name) for p in persons]
        self.fields["disposition"].choices = [("", _("Not decided yet")), *Disposition.choices]
