from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.appraisal.models import AppraisalItem, AppraisalScheme
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.web.forms import StyledForm

POINTS = {"max_digits": 7, "decimal_places": 2}


class SchemeForm(StyledForm):
    owner = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Committee"))
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    title = forms.CharField(max_length=200, label=_("Title"))
    source = forms.ModelChoiceField(
        queryset=AppraisalScheme.objects.none(), required=False, label=_("Copy from"),
        empty_label=_("(start empty)"),
    )
    excellent_from = forms.DecimalField(initial=90, label=_("好 from"), **POINTS)
    good_from = forms.DecimalField(initial=80, label=_("较好 from"), **POINTS)
    fair_from = forms.DecimalField(initial=60, label=_("一般 from"), **POINTS)

    def __init__(self, *args, owners, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["source"].queryset = sources


class SectionForm(StyledForm):
    name = forms.CharField(max_length=200, label=_("Section of the scheme"))


class ItemForm(StyledForm):
    section = forms.ModelChoiceField(queryset=None, label=_("Section of the scheme"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, label=_("Appraisal item"))
    max_points = forms.DecimalField(min_value=0, label=_("Max points"), **POINTS)

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = scheme.sections.all()


class StartForm(StyledForm):
    subject = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Committee appraised"))

    def __init__(self, *args, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects


class ScoreForm(StyledForm):
    item = forms.ModelChoiceField(queryset=None, label=_("Appraisal item"))
    score = forms.DecimalField(min_value=0, label=_("Score"), **POINTS)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, label=_("Reason"))
    evidence = forms.FileField(required=False, label=_("Evidence"))

    def __init__(self, *args, appraisal, **kwargs):
        super().__init__(*args, **kwargs)
        items = AppraisalItem.objects.filter(section__scheme=appraisal.scheme_id).select_related("section")
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda i: (
            f"{i.section.order}.{i.order} {i.text[:40]}（{i.max_points}）"
        )


class ReasonForm(StyledForm):
    reason = forms.CharField(max_length=2000, label=_("Reason"))
