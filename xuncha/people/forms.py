from django import forms

from xuncha.people.models import Employment, Person, Relative
from xuncha.web.forms import StyledFormMixin


class PersonForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = ["name", "organisation", "position", "rank"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class EmploymentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Employment
        fields = ["organisation", "position", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RelativeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Relative
        fields = ["name", "relation", "organisation"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
