from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.models import ApiToken
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class TokenForm(StyledForm):
    name = forms.CharField(max_length=60, label=_("What the token is for"))
    scope = forms.ChoiceField(choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ, label=_("Access"))
    expires_on = forms.DateField(required=False, label=_("Expires on"), widget=DateInput)
