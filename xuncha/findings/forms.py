from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.files.forms import CheckedFilesField
from xuncha.findings.enums import FindingSource
from xuncha.findings.models import Aspect, Category, Item
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.web.forms import StyledForm


class FindingForm(StyledForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Finding"))
    source = forms.ChoiceField(choices=FindingSource.choices, label=_("Source"))
    category = forms.ModelChoiceField(queryset=Category.objects.none(), label=_("Category"))
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Organisation concerned"))
    evidence = CheckedFilesField(required=False, label=_("Evidence"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.active()
        self.fields["organisation"].queryset = organisations


class CorrectionMixin(forms.Form):
    correction_reason = forms.CharField(
        required=False,
        max_length=500,
        label=_("Reason for the correction"),
        help_text=_("Required once the feedback has been given: the change becomes a new feedback version."),
    )


class AspectForm(StyledForm, CorrectionMixin):
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Aspect"))


class ItemForm(StyledForm, CorrectionMixin):
    aspect = forms.ModelChoiceField(queryset=Aspect.objects.none(), label=_("Aspect"))
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Item"))

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspect"].queryset = inspection.aspects.all()


class ProblemForm(StyledForm, CorrectionMixin):
    aspect = forms.ModelChoiceField(queryset=Aspect.objects.none(), label=_("Aspect"))
    item = forms.ModelChoiceField(queryset=Item.objects.none(), required=False, label=_("Item"))
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Organisation concerned")
    )
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Problem"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Details"))

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspect"].queryset = inspection.aspects.all()
        self.fields["item"].queryset = Item.objects.filter(aspect__inspection=inspection)
        # the inspected organisation that will read the problem: chosen when there are several
        # (the domain refuses to guess), the only one otherwise
        targets = Organisation.objects.filter(pk__in=inspection.targets.values("organisation_id")).order_by("path")
        self.fields["organisation"].queryset = targets
        if len(targets) == 1:
            self.fields["organisation"].initial = targets[0].pk
        else:
            self.fields["organisation"].required = True


class PromoteForm(StyledForm, CorrectionMixin):
    aspect = forms.ModelChoiceField(queryset=Aspect.objects.none(), label=_("Aspect"))
    item = forms.ModelChoiceField(queryset=Item.objects.none(), required=False, label=_("Item"))

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspect"].queryset = inspection.aspects.all()
        self.fields["item"].queryset = Item.objects.filter(aspect__inspection=inspection)


class ProblemEditForm(StyledForm, CorrectionMixin):
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Problem"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Details"))
