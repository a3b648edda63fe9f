import lxml.html
import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, PersonFactory, make_inspection, make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.orgs.enums import OrgLevel
from xuncha.people.fields import PersonChoiceField, PersonMultipleChoiceField, person_label
from xuncha.people.models import Person

pytestmark = pytest.mark.django_db


def test_person_label_names_unit_and_post(tree):
    unit = OrganisationFactory(name="中共厦门市思明区委员会办公室", short_name="思明区委办", parent=tree.district)
    person = PersonFactory(name="张三", organisation=unit, position="副主任")
    bare = PersonFactory(name="李四", organisation=tree.street, position="")
    assert person_label(person) == "张三 · 思明区委办 · 副主任"
    assert person_label(bare) == "李四 · 梧村街道党工委"


def test_people_options_are_read_with_their_units_in_one_query(tree):
    for n in range(5):
        PersonFactory(name=f"干部{n}", organisation=tree.community, position="委员")

    class Form(forms.Form):
        person = PersonChoiceField(queryset=Person.objects.all())
        people = PersonMultipleChoiceField(queryset=Person.objects.all())

    form = Form()
    with CaptureQueriesContext(connection) as queries:
        html = str(form["person"])
    assert len(queries.captured_queries) == 1
    assert "干部4 · 文灶社区党委 · 委员" in html and 'data-widget="tom-select"' in html
    assert 'data-widget="tom-select"' in str(form["people"]) and "multiple" in str(form["people"])


def test_team_member_form_shows_people_with_unit_and_post_within_scope(tree, client):
    outsider_committee = OrganisationFactory(name="中共泉州市委员会", level=OrgLevel.CITY)
    PersonFactory(name="王五", organisation=outsider_committee, position="书记")
    PersonFactory(name="赵六", organisation=tree.district, position="副书记")
    inspection = make_inspection(make_term(tree.city), [tree.district])
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = lxml.html.fromstring(client.get(f"/inspections/{inspection.pk}/team/add/").content.decode())
    select = page.xpath("//select[@name='person']")[0]
    labels = [option.text_content() for option in select.xpath("option")]
    assert select.get("data-widget") == "tom-select"
    assert "赵六 · 中共厦门市思明区委员会 · 副书记" in labels
    assert not any("王五" in label for label in labels)  # a person outside the office's scope
