"""One date input and searchable pickers on every form (xuncha/web/widgets.py)."""

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

import xuncha
from xuncha.orgs.fields import OrganisationChoiceField, OrganisationMultipleChoiceField
from xuncha.orgs.models import Organisation
from xuncha.people.fields import PersonChoiceField, PersonMultipleChoiceField
from xuncha.people.models import Person
from xuncha.web.widgets import DateInput


def _form_classes():
    for module_info in pkgutil.iter_modules(xuncha.__path__):
        try:
            module = importlib.import_module(f"xuncha.{module_info.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


FORMS = list(_form_classes())


class Dated(forms.Form):
    on = forms.DateField(widget=DateInput)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_date_input_shows_a_saved_date_as_iso_in_every_language(language):
    with translation.override(language):
        html = str(Dated(initial={"on": date(2026, 12, 5)})["on"])
        assert 'type="date"' in html and 'value="2026-12-05"' in html
        assert Dated({"on": "2026-12-05"}).is_valid()


def test_every_date_field_of_every_form_uses_the_one_date_input():
    dated = [
        (cls.__name__, name)
        for cls in FORMS
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField)
    ]
    assert len(dated) > 30  # the walk found the forms
    wrong = [
        (cls.__name__, name)
        for cls in FORMS
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField) and type(field.widget) is not DateInput
    ]
    assert wrong == []


def test_every_choice_of_organisations_or_people_is_a_searchable_picker():
    expected = {
        Organisation: (OrganisationChoiceField, OrganisationMultipleChoiceField),
        Person: (PersonChoiceField, PersonMultipleChoiceField),
    }
    found, wrong = [], []
    for cls in FORMS:
        for name, field in cls.base_fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model in expected:
                found.append((cls.__name__, name))
                if not isinstance(field, expected[model]):
                    wrong.append((cls.__name__, name))
    assert len(found) > 20 and wrong == []
    # fields given their queryset only in __init__
    from xuncha.accounts.forms import LinkPersonForm
    from xuncha.supervision.forms import DocumentForm, InterviewForm

    assert isinstance(DocumentForm.base_fields["addressee"], OrganisationChoiceField)
    assert isinstance(InterviewForm.base_fields["organisation"], OrganisationChoiceField)
    assert isinstance(LinkPersonForm.base_fields["person"], PersonChoiceField)


def test_dates_shown_in_pages_read_in_chinese():
    with translation.override("zh-hans"):
        assert Template("{{ d|date }}").render(Context({"d": date(2026, 12, 5)})) == "2026年12月5日"
        assert Dated({"on": "2026年12月5日"}).is_valid()  # typed as it is written
        assert Dated({"on": "2026/12/05"}).is_valid()
