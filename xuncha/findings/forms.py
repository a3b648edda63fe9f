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


class AspectForm(StyledForm):
    title = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Aspect"),
        help_text=_("Without its number: the numbering follows the order."),
    )


class ItemForm(StyledForm):
    """An item added from within its aspect's row: the aspect comes with the form."""

    aspect = forms.ModelChoiceField(queryset=Aspect.objects.none(), widget=forms.HiddenInput)
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Item"))

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspect"].queryset = inspection.aspects.all()


class ProblemForm(StyledForm):
    """A problem added from within its item's (or item-less aspect's) row."""

    aspect = forms.ModelChoiceField(queryset=Aspect.objects.none(), widget=forms.HiddenInput)
    item = forms.ModelChoiceField(queryset=Item.objects.none(), required=False, widget=forms.HiddenInput)
    organisation = OrganisationChoiceField(
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
            self.fields["organisation"].widget = forms.HiddenInput()
        else:
            self.fields["organisation"].required = True


class PromoteForm(StyledForm):
    aspect = forms.ModelChoiceField(queryset=Aspect.objects.none(), label=_("Aspect"))
    item = forms.ModelChoiceField(queryset=Item.objects.none(), required=False, label=_("Item"))

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspect"].queryset = inspection.aspects.all()
        self.fields["item"].queryset = Item.objects.filter(aspect__inspection=inspection)

    def clean(self):
        data = super().clean()
        aspect, item = data.get("aspect"), data.get("item")
        if aspect is not None and item is not None and item.aspect_id != aspect.pk:
            self.add_error("item", _("The item does not belong to this aspect of this inspection."))
        return data


class ProblemEditForm(StyledForm):
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Problem"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Details"))


class NodeEditForm(StyledForm):
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Wording"))


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class CloseCorrectionForm(StyledForm):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Reason for the correction"),
        help_text=_("All the edits of this correction become one new version of the feedback."),
    )


class PasteForm(StyledForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18}),
        label=_("Feedback text"),
        help_text=_("Aspects numbered （一）（二）…, items 1. 2. …, problems （1）（2）…, each on a line of its own."),
    )
