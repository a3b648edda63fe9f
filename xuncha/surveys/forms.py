from django import forms
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import scoped_roles
from xuncha.orgs.fields import OrganisationChoiceField
from xuncha.orgs.models import Organisation
from xuncha.public.models import PublicPage
from xuncha.surveys.enums import SCALE_MAX, SCALE_MIN, QuestionKind, QuestionnaireKind
from xuncha.surveys.models import Option, Questionnaire
from xuncha.web.forms import StyledForm
from xuncha.web.widgets import DateInput


def office_organisations(user):
    """The organisations whose office this user works for (the owners they may give)."""
    ids = {g.org_id for g in scoped_roles(user) if g.role == Role.OFFICE and g.inspection_id is None}
    return Organisation.objects.filter(pk__in=ids).order_by("path")


class QuestionnaireForm(StyledForm):
    source = forms.ModelChoiceField(
        queryset=Questionnaire.objects.none(), required=False, label=_("Start from"),
        empty_label=_("(no questions: start empty)"),
    )
    owner = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Office of"))
    title = forms.CharField(max_length=200, label=_("Title"))
    kind = forms.ChoiceField(choices=QuestionnaireKind.choices, label=_("Kind"))
    intro = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000, label=_("Introduction")
    )

    def __init__(self, *args, sources, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["owner"].queryset = owners


class QuestionForm(StyledForm):
    text = forms.CharField(max_length=500, label=_("Question"))
    kind = forms.ChoiceField(choices=QuestionKind.choices, label=_("Kind"))
    required = forms.BooleanField(required=False, initial=True, label=_("Must be answered"))
    options = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label=_("Answers to choose from"),
        help_text=_("One per line (single and multiple choice)."),
    )
    scale_max = forms.IntegerField(
        min_value=SCALE_MIN, max_value=SCALE_MAX, initial=5, label=_("Scale from 1 to"),
    )
    scale_low_label = forms.CharField(max_length=40, required=False, label=_("Label of 1"))
    scale_high_label = forms.CharField(max_length=40, required=False, label=_("Label of the highest value"))
    show_if = forms.ModelChoiceField(
        queryset=Option.objects.none(),
        required=False,
        label=_("Show only if"),
        empty_label=_("(always shown)"),
        help_text=_("A follow-up question: shown when an earlier question is answered this way."),
    )

    def __init__(self, *args, questionnaire, before_order=None, **kwargs):
        super().__init__(*args, **kwargs)
        options = Option.objects.filter(
            question__questionnaire=questionnaire, question__kind__in=QuestionKind.choice_kinds()
        ).select_related("question")
        if before_order is not None:
            options = options.filter(question__order__lt=before_order)
        self.fields["show_if"].queryset = options.order_by("question__order", "order")
        self.fields["show_if"].label_from_instance = lambda o: f"{o.question.order}. {o.question.text} → {o.text}"

    def domain_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["options"] = [line for line in data["options"].splitlines() if line.strip()]
        return data


class OpenForm(StyledForm):
    pages = forms.ModelMultipleChoiceField(
        queryset=PublicPage.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Inspected organisations"),
    )
    opens_on = forms.DateField(widget=DateInput, label=_("Open from"))
    closes_on = forms.DateField(widget=DateInput, label=_("Open until"))

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        pages = PublicPage.objects.filter(inspection=inspection, withdrawn_at__isnull=True)
        self.fields["pages"].queryset = pages
        self.fields["pages"].label_from_instance = lambda p: p.organisation_name
        self.fields["pages"].initial = list(pages.values_list("pk", flat=True))
