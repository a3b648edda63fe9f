from django import forms

from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.people.models import Employment, Person, Relative
from xuncha.web.forms import StyledFormMixin
from xuncha.web.widgets import DateInput


class PersonForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = ["name", "organisation", "position", "rank"]
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class EmploymentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Employment
        fields = ["organisation", "position", "start", "end"]
        field_classes = {"organisation": OrganisationChoiceField}
        widgets = {
            "start": DateInput,
            "end": DateInput,
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RelativeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Relative
        fields = ["name", "relation", "organisation"]
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
