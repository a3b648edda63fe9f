from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.files.forms import CheckedFilesField
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.reports.models import ReportShape
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class DraftForm(StyledForm):
    """The office's sections of the progress report, printed as written."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    shape = forms.ChoiceField(choices=ReportShape.choices, label=_("Layout"))
    leadership_title = forms.CharField(required=False, max_length=200, label=_("Heading of section 一"))
    organisational_work = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label=_("Organisational work (section 一)")
    )
    rectification_title = forms.CharField(required=False, max_length=200, label=_("Heading of section 二"))
    rectification_opening = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Opening of section 二")
    )
    next_steps_title = forms.CharField(
        required=False,
        max_length=200,
        label=_("Heading of the next steps"),
        help_text=_("Empty: the next steps are printed as the closing paragraph, without a heading."),
    )
    next_steps = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Next steps"))
    contact_phone = forms.CharField(
        required=False, max_length=60, label=_("Contact phone"), help_text=_("Empty: the inspection's phone.")
    )
    contact_address = forms.CharField(
        required=False, max_length=200, label=_("Postal address"), help_text=_("Empty: the inspection's mailbox.")
    )
    contact_email = forms.CharField(
        required=False, max_length=120, label=_("E-mail"), help_text=_("Empty: the inspection's e-mail.")
    )
    issued_on = forms.DateField(widget=DateInput, required=False, label=_("Date of issue"))


class ExplanationForm(StyledForm):
    """Section 四 for one unfinished problem: reason, next steps and completion date."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Explanation (有关情况说明)"))
    next_steps = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Next steps (下一步措施)"))
    complete_by = forms.DateField(widget=DateInput, required=False, label=_("Completion date"))
    complete_by_text = forms.CharField(
        required=False,
        max_length=500,
        label=_("Completion date as worded"),
        help_text=_("Printed instead of the date when set, e.g. 2022年12月31日前并长期坚持."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("complete_by") and not (data.get("complete_by_text") or "").strip():
            raise forms.ValidationError(_("Give the completion date."))
        return data


class FigureChoiceForm(StyledForm):
    figure = forms.IntegerField(widget=forms.HiddenInput)
    printed = forms.ChoiceField(choices=[("stated", "stated"), ("counted", "counted")], widget=forms.HiddenInput)


class PersonsForm(StyledForm):
    persons = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, required=False, label=_("People named in the report")
    )

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].choices = persons  # (id, label) pairs


class UploadForm(StyledForm):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Inspected organisation"))
    report = CheckedFilesField(label=_("Published report (.txt, .docx, .html or text PDF)"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class TextForm(StyledForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 30}), label=_("Text of the report"))
