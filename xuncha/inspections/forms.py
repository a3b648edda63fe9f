from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xuncha.files.forms import CheckedFilesField
from xuncha.inspections.enums import InspectionKind, RecipientKind
from xuncha.inspections.words import words_of
from xuncha.orgs.fields import OrganisationChoiceField, OrganisationMultipleChoiceField
from xuncha.orgs.models import Organisation
from xuncha.people.fields import PersonChoiceField
from xuncha.people.models import Person
from xuncha.plans.models import Batch, Round
from xuncha.staffing.enums import TeamRole
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class InspectionForm(StyledForm):
    title = forms.CharField(max_length=200, label=_("Title"), help_text=_("e.g. 对市委宣传部党组的常规巡察"))
    kind = forms.ChoiceField(choices=InspectionKind.choices, label=_("Kind"))
    team_name = forms.CharField(max_length=60, label=_("Team"), help_text=_("e.g. 市委第一巡察组"))
    theme = forms.CharField(max_length=200, required=False, label=_("Theme"), help_text=_("For special inspections."))
    round = forms.ModelChoiceField(queryset=Round.objects.none(), required=False, label=_("Round"))
    batch = forms.ModelChoiceField(queryset=Batch.objects.none(), required=False, label=_("Batch"))
    targets = OrganisationMultipleChoiceField(queryset=Organisation.objects.none(), label=_("Inspected organisations"))
    entry_on = forms.DateField(widget=DateInput, required=False, label=_("Entry"))
    exit_on = forms.DateField(widget=DateInput, required=False, label=_("Exit"))
    feedback_on = forms.DateField(widget=DateInput, required=False, label=_("Feedback"))
    phone = forms.CharField(max_length=60, required=False, label=_("Reporting phone"))
    mailbox = forms.CharField(max_length=200, required=False, label=_("Postal mailbox"))
    email = forms.CharField(max_length=120, required=False, label=_("E-mail"))

    def __init__(self, *args, term, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = term.rounds.filter(archived_at__isnull=True).order_by("number")
        self.fields["batch"].queryset = Batch.objects.filter(round__term=term, archived_at__isnull=True).select_related(
            "round"
        )
        self.fields["targets"].queryset = organisations
        self.fields["targets"].widget.attrs["size"] = 12
        say = words_of(term).say  # a provincial term's form asks for 巡视组, kinds 常规巡视…
        for field in self.fields.values():
            field.label = say(field.label) if field.label else field.label
            field.help_text = say(field.help_text) if field.help_text else field.help_text
        self.fields["kind"].choices = [(value, say(label)) for value, label in InspectionKind.choices]
        batch = f"#{self['batch'].auto_id}"
        # with htmx, the batch select offers the chosen round's batches only (plans:batch_options);
        # without it, every batch of the term, each named with its round; the domain checks the pair
        self.fields["round"].widget.attrs.update(
            {
                "hx-get": reverse("plans:batch_options"),
                "hx-trigger": "load, change",
                "hx-target": batch,
                "hx-include": batch,
            }
        )


class ContactForm(StyledForm):
    """Where people reach the team: printed in the announcement."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    phone = forms.CharField(max_length=60, required=False, label=_("Reporting phone"))
    mailbox = forms.CharField(max_length=200, required=False, label=_("Postal mailbox"))
    email = forms.CharField(max_length=120, required=False, label=_("E-mail"))


class DatesForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    entry_on = forms.DateField(widget=DateInput, required=False, label=_("Entry"))
    exit_on = forms.DateField(widget=DateInput, required=False, label=_("Exit"))
    feedback_on = forms.DateField(widget=DateInput, required=False, label=_("Feedback"))


class TargetForm(StyledForm):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class MemberForm(StyledForm):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Person"))
    role = forms.ChoiceField(choices=TeamRole.choices, label=_("Team role"))
    override_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        label=_("Reason for overriding recusal"),
        help_text=_(
            "Only if the platform refused because of a conflict of interest and the assignment is still needed."
        ),
    )
    home_unit = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Seconded from"),
        help_text=_("Only for a member lent to the team by another unit (抽调)."),
    )
    seconded_from = forms.DateField(
        widget=DateInput, required=False, label=_("Secondment from"), help_text=_("Empty: the entry date.")
    )
    seconded_to = forms.DateField(
        widget=DateInput, required=False, label=_("Secondment to"), help_text=_("Empty: the exit date.")
    )
    secondment_letter = forms.CharField(max_length=60, required=False, label=_("Secondment letter"))

    def __init__(self, *args, people, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["home_unit"].queryset = units if units is not None else Organisation.objects.none()

    def clean(self):
        data = super().clean()
        start, end = data.get("seconded_from"), data.get("seconded_to")
        if start and end and end < start:
            self.add_error("seconded_to", _("The end date is before the start date."))
        return data


class IndicatorForm(StyledForm):
    name = forms.CharField(max_length=120, label=_("Indicator"))
    unit = forms.CharField(max_length=30, required=False, label=_("Unit"))
    baseline = forms.DecimalField(max_digits=16, decimal_places=2, min_value=0, label=_("Total at the start"))
    target = forms.DecimalField(max_digits=16, decimal_places=2, min_value=0, required=False, label=_("Target"))


class ReadingForm(StyledForm):
    on = forms.DateField(widget=DateInput, label=_("Date"))
    value = forms.DecimalField(max_digits=16, decimal_places=2, min_value=0, label=_("Achieved so far"))
    note = forms.CharField(max_length=200, required=False, label=_("Note"))


class RequestForm(StyledForm):
    recipient_kind = forms.ChoiceField(choices=RecipientKind.choices, label=_("Asked body"))
    recipient = OrganisationChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Asked organisation")
    )
    subject = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("What is asked"))
    sent_on = forms.DateField(widget=DateInput, label=_("Sent on"))
    due_on = forms.DateField(widget=DateInput, label=_("Reply due"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = organisations


class ReplyForm(StyledForm):
    reply = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Reply"))
    replied_on = forms.DateField(widget=DateInput, label=_("Replied on"))
    files = CheckedFilesField(required=False, label=_("Attached files"))


class ReasonForm(StyledForm):
    reason = forms.CharField(max_length=1000, label=_("Reason"), error_messages={"required": _("Give a reason.")})
