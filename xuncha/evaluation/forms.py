from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.evaluation import metrics
from xuncha.evaluation.enums import Method, Phase, Rule
from xuncha.evaluation.models import Item, RaterGroup, Scheme
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.web.forms import StyledForm

POINTS = {"max_digits": 7, "decimal_places": 2}


class SchemeForm(StyledForm):
    owner = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Office of"))
    title = forms.CharField(max_length=200, label=_("Title"))
    source = forms.ModelChoiceField(
        queryset=Scheme.objects.none(), required=False, label=_("Start from"), empty_label=_("(start empty)")
    )
    is_template = forms.BooleanField(required=False, label=_("Keep it as a template"))
    phased = forms.BooleanField(required=False, label=_("Scored before and after the inspection (巡前/巡后)"))
    excellent_from = forms.DecimalField(initial=90, label=_("优秀 from"), **POINTS)
    good_from = forms.DecimalField(initial=80, label=_("较好 from"), **POINTS)
    fair_from = forms.DecimalField(initial=60, label=_("一般 from"), **POINTS)

    def __init__(self, *args, owners, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["source"].queryset = sources


class PlateForm(StyledForm):
    name = forms.CharField(max_length=200, label=_("Plate"))
    max_points = forms.DecimalField(min_value=0, label=_("Max points"), **POINTS)


class ItemForm(StyledForm):
    plate = forms.ModelChoiceField(queryset=None, label=_("Plate"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, label=_("Indicator"))
    max_points = forms.DecimalField(min_value=0, label=_("Max points"), **POINTS)
    method = forms.ChoiceField(choices=Method.choices, label=_("Scoring"))
    metric = forms.ChoiceField(required=False, label=_("Metric (computed)"))
    rule = forms.ChoiceField(choices=[("", "—"), *Rule.choices], required=False, label=_("Rule (computed)"))
    per_unit = forms.DecimalField(required=False, initial=0, label=_("Points per unit"), **POINTS)
    text_is_ours = forms.BooleanField(required=False, label=_("Wording is ours, not the source's"))

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plate"].queryset = scheme.plates.all()
        self.fields["metric"].choices = [("", "—"), *metrics.choices()]

    def clean_per_unit(self):
        return self.cleaned_data.get("per_unit") or 0


class GroupForm(StyledForm):
    name = forms.CharField(max_length=120, label=_("Rater group"))
    weight = forms.DecimalField(min_value=0, initial=1, label=_("Weight"), **POINTS)


class EvaluationForm(StyledForm):
    scheme = forms.ModelChoiceField(queryset=Scheme.objects.none(), label=_("Scheme"))
    term = forms.ModelChoiceField(queryset=None, label=_("Term"))
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Organisation evaluated"))
    inspection = forms.ModelChoiceField(queryset=None, required=False, label=_("Inspection (optional)"))

    def __init__(self, *args, schemes, terms, organisations, inspections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes
        self.fields["term"].queryset = terms
        self.fields["organisation"].queryset = organisations
        self.fields["inspection"].queryset = inspections


class ScoreForm(StyledForm):
    item = forms.ModelChoiceField(queryset=None, label=_("Indicator"))
    phase = forms.ChoiceField(choices=Phase.choices, required=False, label=_("Phase"))
    group = forms.ModelChoiceField(queryset=None, required=False, label=_("Rater group"))
    score = forms.DecimalField(min_value=0, label=_("Score"), **POINTS)
    note = forms.CharField(required=False, max_length=2000, label=_("Reason"))
    evidence = forms.FileField(required=False, label=_("Evidence"))

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.filter(plate__scheme=evaluation.scheme, method=Method.HAND)
        self.fields["group"].queryset = RaterGroup.objects.filter(scheme=evaluation.scheme)
        if evaluation.scheme.phased:
            self.fields["phase"].choices = [(Phase.BEFORE, Phase.BEFORE.label), (Phase.AFTER, Phase.AFTER.label)]
        else:
            del self.fields["phase"]


class FigureForm(StyledForm):
    item = forms.ModelChoiceField(queryset=None, label=_("Indicator"))
    value = forms.DecimalField(label=_("Value"), **POINTS)
    source = forms.CharField(max_length=200, label=_("Source"))

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.filter(plate__scheme=evaluation.scheme, method=Method.COMPUTED)


class ReasonForm(StyledForm):
    reason = forms.CharField(max_length=2000, label=_("Reason"))
