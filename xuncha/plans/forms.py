from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.inspections.enums import InspectionKind
from xuncha.orgs.enums import OrgLevel
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.plans.enums import MeasurePoint, all_inspection_kinds, all_points
from xuncha.web.forms import StyledForm, StyledFormMixin
from xuncha.web.widgets import DateInput


class TermForm(StyledForm):
    name = forms.CharField(max_length=100, label=_("Name"))
    owner = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Committee"))
    starts_on = forms.DateField(widget=DateInput, label=_("Starts on"))
    ends_on = forms.DateField(widget=DateInput, label=_("Ends on"))
    plan_months = forms.IntegerField(min_value=1, max_value=24, initial=2, label=_("Months to file the plan"))
    report_months = forms.IntegerField(min_value=1, max_value=36, initial=6, label=_("Months to report"))
    recusal_years = forms.IntegerField(min_value=0, max_value=30, initial=5, label=_("Recusal period in years"))
    scope_levels = forms.MultipleChoiceField(
        choices=OrgLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Levels in scope"),
        help_text=_("Leave empty to count every level."),
    )
    credits_escalated = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Count upper-level 提级巡察 in coverage"),
        help_text=_("An organisation in scope inspected by an upper committee's 提级巡察 during the term counts "
                    "as inspected."),
    )
    required_points = forms.MultipleChoiceField(
        choices=MeasurePoint.choices,
        initial=all_points,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Points a measure must fix (五定)"),
        help_text=_("Besides the measure itself. Offices differ: most require the target, the responsible "
                    "leader, the unit(s) and the deadline; some add the completion standard."),
    )

    joint_review_plans = forms.MultipleChoiceField(
        choices=InspectionKind.choices,
        initial=all_inspection_kinds,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Plans under joint review (三方联审)"),
        help_text=_("The kinds of inspection whose rectification plans the discipline commission and the "
                    "organisation department approve or return before the office decides."),
    )
    joint_review_sign_offs = forms.MultipleChoiceField(
        choices=InspectionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Sign-offs under joint review"),
        help_text=_("The kinds of inspection whose measures the reviewers also sign off (销号) with the office."),
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class JointReviewForm(StyledForm):
    """A term's joint review setting (三方联审), changed on the term's page."""

    joint_review_plans = TermForm.base_fields["joint_review_plans"]
    joint_review_sign_offs = TermForm.base_fields["joint_review_sign_offs"]


class ScopeRuleForm(StyledForm):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))
    include = forms.TypedChoiceField(
        choices=[("1", _("Include")), ("0", _("Exclude"))], coerce=lambda v: v == "1", label=_("Rule")
    )
    subtree = forms.BooleanField(required=False, initial=True, label=_("With its subunits"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PeriodForm(StyledFormMixin, forms.Form):
    number = forms.IntegerField(min_value=1, max_value=999, label=_("Number"))
    starts_on = forms.DateField(widget=DateInput, label=_("Starts on"))
    ends_on = forms.DateField(widget=DateInput, label=_("Ends on"))
