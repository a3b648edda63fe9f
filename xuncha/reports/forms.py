from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.files.forms import CheckedFilesField
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.reports.models import ReportShape
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class DraftForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    shape = forms.ChoiceField(choices=ReportShape.choices, label=_("Layout"))
    organisational_work = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label=_("Organisational work (section 一)")
    )
    next_steps = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Next steps (section 四)")
    )
    issued_on = forms.DateField(widget=DateInput, required=False, label=_("Date of issue"))


class UploadForm(StyledForm):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Inspected organisation"))
    report = CheckedFilesField(label=_("Published report (.txt, .docx, .html or text PDF)"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class TextForm(StyledForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 30}), label=_("Text of the report"))
