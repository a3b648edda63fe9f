from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.clues.models import Clue
from xuncha.findings.models import Problem
from xuncha.inspections.models import Inspection
from xuncha.orgs.fields import OrganisationMultipleChoiceField
from xuncha.people.fields import PersonMultipleChoiceField
from xuncha.plans.models import Term
from xuncha.results.enums import ResultKind
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput, SearchableSelectMultiple


class _Addressing(StyledForm):
    recipients = OrganisationMultipleChoiceField(queryset=None, required=False, label=_("Recipient organisations"))
    leaders = PersonMultipleChoiceField(queryset=None, required=False, label=_("Recipient leaders"))
    reply_required = forms.BooleanField(required=False, label=_("A reply is required"))
    due_on = forms.DateField(widget=DateInput, required=False, label=_("Reply due"))

    def __init__(self, *args, organisations, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = organisations
        self.fields["leaders"].queryset = people


class ResultForm(_Addressing):
    """A new draft: its kind, term, text, recipients and linked rows."""

    kind = forms.ChoiceField(choices=ResultKind.choices, label=_("Kind"))
    term = forms.ModelChoiceField(queryset=Term.objects.none(), label=_("Term"))
    title = forms.CharField(max_length=200, label=_("Title"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), label=_("Text"))
    inspections = forms.ModelMultipleChoiceField(
        queryset=Inspection.objects.none(),
        required=False,
        widget=SearchableSelectMultiple,
        label=_("Inspections concerned"),
    )
    problems = forms.ModelMultipleChoiceField(
        queryset=Problem.objects.none(),
        required=False,
        widget=SearchableSelectMultiple,
        label=_("Problems concerned"),
    )
    clues = forms.ModelMultipleChoiceField(
        queryset=Clue.objects.none(),
        required=False,
        widget=SearchableSelectMultiple,
        label=_("Clues drawn on"),
        help_text=_("Shown only to those who may read each clue; never to the recipients."),
    )
    field_order = ["kind", "term", "title", "body", "recipients", "leaders", "reply_required", "due_on"]

    def __init__(self, *args, terms, inspections, problems, clues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clues"].queryset = clues
        self.fields["term"].queryset = terms
        self.fields["inspections"].queryset = inspections
        self.fields["problems"].queryset = problems
        self.fields["problems"].label_from_instance = lambda p: f"{p.inspection.title} · {p.number} {p.title[:40]}"


class DraftForm(_Addressing):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=200, label=_("Title"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), label=_("Text"))
    field_order = ["version", "title", "body", "recipients", "leaders", "reply_required", "due_on"]

    @classmethod
    def for_document(cls, document, data=None, **kwargs):
        initial = {
            "version": document.version,
            "title": document.title,
            "body": document.body,
            "recipients": list(document.recipients.all()),
            "leaders": list(document.leaders.all()),
            "reply_required": document.reply_required,
            "due_on": document.due_on,
        }
        return cls(data, initial=initial, **kwargs)


class IssueForm(StyledForm):
    on = forms.DateField(widget=DateInput, label=_("Issued on"))


class ReplyForm(StyledForm):
    reply = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Reply"))
    replied_on = forms.DateField(widget=DateInput, label=_("Replied on"))
