"""The item select of a finding's promotion follows the aspect (findings:item_options)."""

from datetime import date

import lxml.html
import pytest

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings import domain
from xuncha.findings.models import Category

pytestmark = pytest.mark.django_db
BEFORE = date(2000, 1, 1)
URL = "/findings/item-options/"


@pytest.fixture
def feedback(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    first = domain.add_aspect(inspection, by=None, title="政治建设方面", today=BEFORE)
    second = domain.add_aspect(inspection, by=None, title="作风建设方面", today=BEFORE)
    items = [
        domain.add_item(first, by=None, title="学习贯彻不深入", today=BEFORE),
        domain.add_item(first, by=None, title="落实决策部署有差距", today=BEFORE),
        domain.add_item(second, by=None, title="形式主义问题", today=BEFORE),
    ]
    return inspection, first, second, items


def _options(response):
    return [
        (o.get("value"), o.text_content().strip(), o.get("selected") is not None)
        for o in lxml.html.fragments_fromstring(response.content.decode())
        if o.tag == "option"
    ]


def test_item_options_list_the_chosen_aspects_items_only(tree, feedback, client):
    _inspection, first, second, items = feedback
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    options = _options(client.get(URL, {"aspect": first.pk, "item": items[1].pk}))
    assert options == [
        ("", "—", False),
        (str(items[0].pk), "一.1 学习贯彻不深入", False),
        (str(items[1].pk), "一.2 落实决策部署有差距", True),
    ]
    assert [value for value, _l, _s in _options(client.get(URL, {"aspect": second.pk}))] == ["", str(items[2].pk)]


def test_item_options_of_an_out_of_scope_aspect_are_a_404(tree, feedback, client):
    _inspection, first, _second, _items = feedback
    client.force_login(user_with_role(Role.LIAISON, tree.district))
    assert client.get(URL, {"aspect": first.pk}).status_code == 200  # the control: the feedback was given to it
    client.force_login(user_with_role(Role.LIAISON, tree.other_district))
    assert client.get(URL, {"aspect": first.pk}).status_code == 404
    assert client.get(URL).status_code == 404


def test_promotion_form_asks_for_the_aspects_items_and_refuses_a_mismatched_pair(tree, feedback, client):
    inspection, _first, second, items = feedback
    domain.ensure_default_categories()
    finding = domain.record_finding(
        inspection,
        by=None,
        text="形式主义。",
        source="talk",
        category=Category.objects.first(),
        organisation=tree.district,
    )
    office = user_with_role(Role.OFFICE, tree.city)
    from xuncha.findings import tree as feedback_tree

    feedback_tree.open_correction(inspection, by=office)  # the feedback is given: edits gather in a correction
    client.force_login(office)
    page = lxml.html.fromstring(client.get(f"/findings/inspection/{inspection.pk}/").content.decode())
    aspect_select = page.xpath(f"//tr[@data-finding='{finding.pk}']//select[@name='aspect']")[0]
    assert aspect_select.get("hx-get") == URL and aspect_select.get("hx-target") == "next select"
    url = f"/findings/{finding.pk}/promote/"
    client.post(url, {"aspect": second.pk, "item": items[0].pk, "correction_reason": "补充"})
    assert not finding.problems.exists()
    client.post(url, {"aspect": second.pk, "item": items[2].pk, "correction_reason": "补充"})
    assert [p.item for p in finding.problems.all()] == [items[2]]
