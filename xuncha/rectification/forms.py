from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xuncha.files.forms import CheckedFilesField
from xuncha.findings.models import Problem
from xuncha.ledger.cells import same_text, validate_cell_length
from xuncha.orgs.fields import OrganisationChoiceField, OrganisationMultipleChoiceField
from xuncha.orgs.models import Organisation
from xuncha.rectification.enums import FlagKind, MeasureStatus
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput

# A measure's texts written into ledger cells (the measure form is also the ledger import's validator).
MEASURE_CELL_TEXTS = ("target", "content", "stage_target", "standard")


class StartPlanForm(StyledForm):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Inspected organisation"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        only = list(organisations[:2])
        if len(only) == 1:  # a liaison's own organisation: nothing to choose
            self.initial.setdefault("organisation", only[0].pk)


class MeasureForm(StyledForm):
    cell_limit_checked = MEASURE_CELL_TEXTS  # by clean(), which lets an unchanged long text through
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    problems = forms.ModelMultipleChoiceField(queryset=Problem.objects.none(), label=_("Problems"))
    target = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label=_("Rectification target"),
    )
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Measure"))
    leader = forms.CharField(max_length=120, required=False, label=_("Responsible leader"))
    responsible_person = forms.CharField(max_length=60, required=False, label=_("Person responsible"))
    lead_unit = OrganisationChoiceField(queryset=Organisation.objects.none(), required=False, label=_("Lead unit"))
    units = OrganisationMultipleChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Responsible units")
    )
    deadline = forms.DateField(widget=DateInput, required=False, label=_("Deadline"))
    ongoing = forms.BooleanField(required=False, label=_("Ongoing (长期坚持)"))
    stage_target = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Stage target"))
    standard = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Completion standard"))
    target_value = forms.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, required=False, label=_("Quantitative target")
    )
    value_unit = forms.CharField(max_length=30, required=False, label=_("Unit"))

    def __init__(self, *args, problems, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].queryset = problems
        self.fields["lead_unit"].queryset = organisations
        self.fields["units"].queryset = organisations

    def clean(self):
        """Each text must fit in a ledger cell, unless it is the measure's own text unchanged (a
        text stored before the limit was kept, which the export writes cut short with a mark):
        changing another point of such a measure is not refused for a text nobody touched."""
        cleaned = super().clean()
        for name in MEASURE_CELL_TEXTS:
            value, kept = cleaned.get(name), self.initial.get(name)
            if not value or (kept is not None and same_text(value, kept)):
                continue
            try:
                validate_cell_length(value)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class ProgressForm(StyledForm):
    text = forms.CharField(
        validators=[validate_cell_length], widget=forms.Textarea(attrs={"rows": 3}), label=_("Progress")
    )
    status = forms.ChoiceField(choices=MeasureStatus.reported_choices, label=_("Status"))
    reading = forms.DecimalField(max_digits=16, decimal_places=2, min_value=0, required=False, label=_("Reading"))
    evidence = CheckedFilesField(required=False, label=_("Evidence"))


class ReasonForm(StyledForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason"))


class FlagForm(StyledForm):
    kind = forms.ChoiceField(choices=FlagKind.choices, label=_("Red card"))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason"))


class RegulationForm(StyledForm):
    title = forms.CharField(max_length=200, label=_("Title"))
    issuer = forms.CharField(max_length=120, label=_("Issued by"))
    issued_on = forms.DateField(widget=DateInput, label=_("Issued on"))
    file = CheckedFilesField(required=False, label=_("File"))


class ChangeForm(StyledForm):
    """A request to change an approved measure's commitment: the new values and why."""

    deadline = forms.DateField(widget=DateInput, required=False, label=_("New deadline"))
    target = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Rectification target"))
    standard = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Completion standard"))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason for the change"))

    def __init__(self, *args, measure, **kwargs):
        kwargs.setdefault(
            "initial", {"deadline": measure.deadline, "target": measure.target, "standard": measure.standard}
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        """Only the fields given are proposed; an emptied text is not a proposal to erase it."""
        data = super().clean()
        return {
            key: value
            for key, value in data.items()
            if key == "reason" or (value not in (None, "") and not (isinstance(value, str) and not value.strip()))
        }
