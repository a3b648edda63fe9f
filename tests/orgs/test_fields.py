import lxml.html
import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.orgs.fields import OrganisationChoiceField, OrganisationMultipleChoiceField
from xuncha.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def _labels(field) -> list[str]:
    return [str(label) for value, label in field.choices if value != ""]


def test_organisation_labels_name_their_place_in_the_tree(tree):
    field = OrganisationChoiceField(queryset=Organisation.objects.order_by("path"))
    labels = _labels(field)
    assert "中共厦门市委员会 / 中共厦门市思明区委员会 / 梧村街道党工委 / 文灶社区党委" in labels
    assert "中共厦门市委员会 / 中共厦门市湖里区委员会 / 湖里街道党工委" in labels
    assert labels[0] == "中共厦门市委员会"


def test_organisation_labels_never_name_an_ancestor_outside_the_choices(tree):
    """A district's user chooses within the district: the city above it is not one of the
    choices and is named in no label."""
    field = OrganisationMultipleChoiceField(queryset=Organisation.objects.subtree(tree.district).order_by("path"))
    labels = _labels(field)
    assert labels == [
        "中共厦门市思明区委员会",
        "中共厦门市思明区委员会 / 梧村街道党工委",
        "中共厦门市思明区委员会 / 梧村街道党工委 / 文灶社区党委",
    ]
    assert not any("中共厦门市委员会" in label or "湖里" in label for label in labels)


def test_organisation_select_is_a_searchable_picker_read_in_one_query(tree):
    class Form(forms.Form):
        organisation = OrganisationChoiceField(queryset=Organisation.objects.order_by("path"))

    with CaptureQueriesContext(connection) as queries:
        html = str(Form()["organisation"])
    assert len(queries.captured_queries) == 1
    select = lxml.html.fromstring(html)
    assert select.get("data-widget") == "tom-select" and select.get("data-no-results") == "没有匹配项。"
    assert len(select.xpath(".//option")) == 7  # the empty choice and the six organisations


def test_term_form_offers_a_district_office_only_its_own_subtree_with_paths(tree, client):
    client.force_login(user_with_role(Role.OFFICE, tree.district))
    page = lxml.html.fromstring(client.get("/plans/new/").content.decode())
    select = page.xpath("//select[@name='owner']")[0]
    labels = [option.text_content() for option in select.xpath("option") if option.get("value")]
    assert select.get("data-widget") == "tom-select"
    # a street or a community owns no term (xuncha/plans/setups.py): only the committee is offered
    assert labels == ["中共厦门市思明区委员会"]
    assert not any("湖里" in label or label.startswith("中共厦门市委员会") for label in labels)
