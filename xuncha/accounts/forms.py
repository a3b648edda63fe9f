from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.accounts.models import User
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.people.fields import PersonChoiceField
from xuncha.web.forms import StyledForm


class GrantForm(StyledForm):
    user = forms.ModelChoiceField(queryset=User.objects.none(), label=_("User"))
    role = forms.ChoiceField(choices=[(r.value, r.label) for r in Role if r != Role.SECURITY_ADMIN], label=_("Role"))
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Scope"))
    inspection = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Only for inspection"),
        help_text=_("Team members only: limit the grant to one announced inspection."),
    )
    note = forms.CharField(required=False, max_length=200, label=_("Note"))

    def __init__(self, *args, users, organisations, inspections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["organisation"].queryset = organisations
        self.fields["inspection"].queryset = inspections


class UserCreateForm(StyledForm):
    username = forms.CharField(max_length=150, label=_("User name"))
    display_name = forms.CharField(max_length=60, required=False, label=_("Display name"))
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Home organisation"))
    password = forms.CharField(widget=forms.PasswordInput, label=_("Initial password"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ReasonForm(StyledForm):
    reason = forms.CharField(max_length=500, label=_("Reason"))


class PasswordResetForm(StyledForm):
    password = forms.CharField(widget=forms.PasswordInput, label=_("New password"))


class LinkPersonForm(StyledForm):
    person = PersonChoiceField(queryset=None, required=False, label=_("Person"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
