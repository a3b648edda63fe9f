from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.inspections.models import Inspection
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.web.forms import StyledForm


class CampaignForm(StyledForm):
    name = forms.CharField(max_length=160, label=_("Name"), help_text=_("e.g. 国有企业改革发展专项巡察（市区联动）"))
    owner = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Lead committee"))
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    theme = forms.CharField(max_length=120, required=False, label=_("Theme"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Description"))

    def __init__(self, *args, owners, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("year", timezone.localdate().year)
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class AddInspectionForm(StyledForm):
    inspection = forms.ModelChoiceField(queryset=Inspection.objects.none(), label=_("Inspection"))

    def __init__(self, *args, inspections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = inspections
        self.fields["inspection"].label_from_instance = lambda i: f"{i.term.owner.name} · {i.title}"
