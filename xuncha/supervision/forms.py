from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.clues.enums import Disposition
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.people.fields import PersonChoiceField, PersonMultipleChoiceField
from xuncha.people.models import Person
from xuncha.rectification.models import Measure
from xuncha.supervision.enums import DocumentKind, Recipient, WarningStep
from xuncha.supervision.ladder import DEFAULT_STEPS, Ladder
from xuncha.supervision.models import SupervisionDocument
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput, SearchableSelectMultiple


def _ladder_fields() -> dict:
    fields = {}
    for step in WarningStep.ordered():
        fields[f"{step}_enabled"] = forms.BooleanField(required=False)
        fields[f"{step}_offset"] = forms.IntegerField(
            min_value=-365,
            max_value=365,
            help_text=_("Negative: before the deadline. Red comes after it (1 = the day after)."),
        )
        fields[f"{step}_recipients"] = forms.MultipleChoiceField(
            choices=Recipient.choices, required=False, widget=forms.CheckboxSelectMultiple
        )
    return fields


class _LadderFormBase(StyledForm):
    """The three steps of a term's ladder, each with on/off, offset and recipients."""

    def __init__(self, *args, ladder: Ladder, **kwargs):
        super().__init__(*args, **kwargs)
        for default in DEFAULT_STEPS:
            step, current = default.step, ladder.get(default.step)
            label = WarningStep(step).label
            enabled, offset, recipients = (self.fields[f"{step}_{n}"] for n in ("enabled", "offset", "recipients"))
            enabled.label = _("%(step)s step on") % {"step": label}
            offset.label = _("%(step)s: days from the deadline") % {"step": label}
            recipients.label = _("%(step)s: recipients") % {"step": label}
            enabled.initial = current is not None
            offset.initial = (current or default).offset_days
            recipients.initial = list((current or default).recipients)

    def steps(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            step.value: {
                "enabled": data[f"{step}_enabled"],
                "offset_days": data[f"{step}_offset"],
                "recipients": data[f"{step}_recipients"],
            }
            for step in WarningStep.ordered()
        }

    def rows(self):
        """(step, enabled, offset, recipients) bound fields, for a table per step."""
        return [
            (step, self[f"{step}_enabled"], self[f"{step}_offset"], self[f"{step}_recipients"])
            for step in WarningStep.ordered()
        ]


LadderForm = type("LadderForm", (_LadderFormBase,), _ladder_fields())


class DocumentSettingsForm(StyledForm):
    number_prefix = forms.CharField(max_length=20, required=False, label=_("Number prefix"))
    issuer_name = forms.CharField(max_length=120, required=False, label=_("Issuing body"))
    answer_days = forms.IntegerField(min_value=1, max_value=365, label=_("Days to answer"))


class DocumentForm(StyledForm):
    kind = forms.ChoiceField(choices=DocumentKind.choices, label=_("Kind"))
    addressee = OrganisationChoiceField(queryset=None, label=_("Addressed organisation"))
    measures = forms.ModelMultipleChoiceField(
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        label=_("Measures concerned"),
        help_text=_("Leave empty to refer to the rectification plan as a whole."),
    )

    def __init__(self, *args, organisations, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = organisations
        self.fields["measures"].queryset = measures
        self.fields["measures"].label_from_instance = lambda m: (
            f"{m.plan.organisation.name} · {m.number}. {m.content[:40]} ({m.deadline or '—'})"
        )


class DraftForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=200, label=_("Title"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), label=_("Text"))
    due_on = forms.DateField(widget=DateInput, label=_("Answer due"))

    @classmethod
    def for_document(cls, document: SupervisionDocument, data=None):
        initial = {
            "version": document.version,
            "title": document.title,
            "body": document.body,
            "due_on": document.due_on,
        }
        return cls(data, initial=initial)


class AnswerForm(StyledForm):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Answer"))
    answered_on = forms.DateField(widget=DateInput, label=_("Answered on"))


class DateForm(StyledForm):
    on = forms.DateField(widget=DateInput, label=_("Date"))


class ReasonForm(StyledForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason"))


class InterviewForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    organisation = OrganisationChoiceField(queryset=None, label=_("Organisation"))
    held_on = forms.DateField(widget=DateInput, label=_("Held on"))
    place = forms.CharField(max_length=120, required=False, label=_("Place"))
    interviewers = PersonMultipleChoiceField(
        queryset=Person.objects.none(), widget=SearchableSelectMultiple(attrs={"size": 6}), label=_("Interviewers")
    )
    interviewees = PersonMultipleChoiceField(
        queryset=Person.objects.none(), widget=SearchableSelectMultiple(attrs={"size": 6}), label=_("Interviewees")
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason"))
    measures = forms.ModelMultipleChoiceField(
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        label=_("Measures concerned"),
    )
    documents = forms.ModelMultipleChoiceField(
        queryset=SupervisionDocument.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        label=_("Documents concerned"),
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label=_("Summary"))

    def __init__(self, *args, organisations, people, measures, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["interviewers"].queryset = people
        self.fields["interviewees"].queryset = people
        self.fields["measures"].queryset = measures
        self.fields["measures"].label_from_instance = lambda m: (
            f"{m.plan.organisation.name} · {m.number}. {m.content[:40]}"
        )
        self.fields["documents"].queryset = documents

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "held_on": data["held_on"],
            "place": data["place"],
            "interviewers": list(data["interviewers"]),
            "interviewees": list(data["interviewees"]),
            "reason": data["reason"],
            "summary": data["summary"],
            "measures": list(data["measures"]),
            "documents": list(data["documents"]),
        }


class AccountabilityForm(StyledForm):
    """A person held accountable; the form (四种形态) follows from the outcome."""

    person = PersonChoiceField(queryset=None, label=_("Person held accountable"))
    disposition = forms.ChoiceField(choices=Disposition.choices, label=_("Outcome"))
    decided_on = forms.DateField(widget=DateInput, label=_("Decided on"))
    deciding_body = forms.CharField(max_length=120, label=_("Deciding body"))
    problem = forms.ModelChoiceField(queryset=None, required=False, label=_("Problem"))
    document = forms.ModelChoiceField(queryset=None, required=False, label=_("Accountability letter"))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Reason"))

    def __init__(self, *args, people, problems, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["problem"].queryset = problems
        self.fields["problem"].label_from_instance = lambda p: f"{p.number} {p.title[:50]}"
        self.fields["document"].queryset = documents
