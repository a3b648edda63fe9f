from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.files.forms import CheckedFilesField
from xuncha.followup.enums import Verdict
from xuncha.orgs.fields import OrganisationMultipleChoiceField
from xuncha.orgs.models import Organisation
from xuncha.plans.models import Round, Term
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


class FollowUpForm(StyledForm):
    """Where and what the follow-up inspects: the earlier inspection's organisations, all of
    them unless some are chosen."""

    term = forms.ModelChoiceField(queryset=Term.objects.none(), label=_("Term"))
    round = forms.ModelChoiceField(queryset=Round.objects.none(), required=False, label=_("Round"))
    organisations = OrganisationMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Organisations to re-inspect"),
        help_text=_("None chosen: all the earlier inspection's organisations."),
    )
    title = forms.CharField(max_length=200, required=False, label=_("Title"), help_text=_("Empty: a title is made."))
    team_name = forms.CharField(max_length=60, required=False, label=_("Team"))
    entry_on = forms.DateField(widget=DateInput, required=False, label=_("Entry"))

    def __init__(self, *args, earlier, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms
        self.fields["round"].queryset = Round.objects.filter(term__in=terms).select_related("term")
        self.fields["organisations"].queryset = Organisation.objects.filter(
            pk__in=earlier.targets.values("organisation_id")
        ).order_by("path")
        self.fields["team_name"].initial = earlier.team_name


class VerdictForm(StyledForm):
    verdict = forms.ChoiceField(choices=Verdict.choices, label=_("Verdict"), widget=forms.RadioSelect)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000, label=_("What the re-check found")
    )
    evidence = CheckedFilesField(required=False, label=_("Evidence"))
