from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.common.conftest import make_list
from tests.factories import make_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.common import domain, rebound
from xuncha.common.models import ReboundLink
from xuncha.findings.domain import add_aspect, add_problem, ensure_default_categories
from xuncha.findings.models import Category, Finding
from xuncha.rectification import domain as rectification
from xuncha.rectification.enums import MeasureStatus, SignOff
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db

EARLIER = "村级财务管理不规范，存在白条入账、大额现金支付现象"
AGAIN = "村财务报销又出现白条入账，大额资金以现金支付"
UNRELATED = "党支部三会一课制度落实不到位"


@pytest.fixture
def scene(world):
    """An earlier inspection of 滨海街道 whose problem (white slips) was signed off, and a new
    inspection of the same street in the same term, entered and open for findings."""
    ensure_default_categories()
    earlier = world.inspection
    aspect = add_aspect(earlier, by=None, title="方面", today=date(2000, 1, 1))
    signed = add_problem(
        earlier, by=None, aspect=aspect, title=EARLIER, organisation=world.inspected, today=date(2000, 1, 1)
    )
    open_problem = add_problem(
        earlier,
        by=None,
        aspect=aspect,
        title="白条入账大额现金支付未整改",
        organisation=world.inspected,
        today=date(2000, 1, 1),
    )
    plan = rectification.start_plan(earlier, by=None, organisation=world.inspected)
    for problem in (signed, open_problem):
        rectification.add_measure(
            plan,
            by=None,
            problems=[problem],
            units=[world.inspected],
            target="目标",
            content="措施",
            leader="书记",
            lead_unit=world.inspected,
            deadline=date(2024, 12, 31),
            standard="标准",
        )
    Measure.objects.filter(problems=signed).update(status=MeasureStatus.DONE, sign_off=SignOff.APPROVED)
    new = make_inspection(
        world.term, [world.inspected], title="对滨海街道的回头看", entry_on=date(2024, 4, 20), exit_on=date(2024, 6, 1)
    )
    office = world.users.office
    return {"world": world, "signed": signed, "open": open_problem, "new": new, "office": office}


def _finding(scene, text):
    return Finding.objects.create(
        inspection=scene["new"],
        text=text,
        source="talk",
        category=Category.objects.first(),
        organisation=scene["world"].inspected,
    )


def test_candidates_are_the_same_organisations_signed_off_problems_only(scene):
    found = rebound.candidates(AGAIN, organisation=scene["world"].inspected, inspection=scene["new"])
    assert [(c.kind, c.obj) for c in found] == [("problem", scene["signed"])]  # not the open one
    assert rebound.candidates(UNRELATED, organisation=scene["world"].inspected, inspection=scene["new"]) == []
    other = rebound.candidates(AGAIN, organisation=scene["world"].third, inspection=scene["new"])
    assert other == []  # another organisation's signed-off problem is not its rebound


def test_published_common_items_of_the_term_are_candidates(scene):
    world = scene["world"]
    make_list(world, [("村级财务管理", ["白条入账、大额现金支付"])], publish=True)
    found = rebound.candidates(AGAIN, organisation=world.third, inspection=scene["new"])
    assert [c.kind for c in found] == ["item"]


def test_entering_a_finding_that_resembles_warns_and_confirming_links(client, scene):
    client.force_login(scene["office"])
    response = client.post(
        reverse("findings:list", args=[scene["new"].pk]),
        {
            "text": AGAIN,
            "source": "talk",
            "category": Category.objects.first().pk,
            "organisation": scene["world"].inspected.pk,
        },
    )
    finding = Finding.objects.get(inspection=scene["new"])
    url = reverse("common:rebound", args=["finding", finding.pk])
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert "可能是反弹" in page and EARLIER in page
    client.post(url, {"candidate": f"problem:{scene['signed'].pk}"})
    link = ReboundLink.objects.get()
    assert (link.finding, link.earlier_problem) == (finding, scene["signed"]) and link.score > 0
    assert scene["signed"].title in client.get(url).content.decode()


def test_entering_an_unrelated_finding_goes_back_to_the_list(client, scene):
    client.force_login(scene["office"])
    response = client.post(
        reverse("findings:list", args=[scene["new"].pk]),
        {
            "text": UNRELATED,
            "source": "talk",
            "category": Category.objects.first().pk,
            "organisation": scene["world"].inspected.pk,
        },
    )
    assert response["Location"] == reverse("findings:list", args=[scene["new"].pk])


def test_a_candidate_not_offered_cannot_be_linked_by_a_forged_post(client, scene):
    finding = _finding(scene, AGAIN)
    client.force_login(scene["office"])
    client.post(reverse("common:rebound", args=["finding", finding.pk]), {"candidate": f"problem:{scene['open'].pk}"})
    assert not ReboundLink.objects.exists()


def test_the_rebound_page_is_404_outside_the_inspection(client, scene):
    finding = _finding(scene, AGAIN)
    for user in (
        scene["world"].users.other_office,
        scene["world"].users.liaison,
        user_with_role(Role.LEADERSHIP, scene["world"].tree.district),
    ):
        client.force_login(user)
        assert client.get(reverse("common:rebound", args=["finding", finding.pk])).status_code == 404
        client.post(
            reverse("common:rebound", args=["finding", finding.pk]), {"candidate": f"problem:{scene['signed'].pk}"}
        )
    assert not ReboundLink.objects.exists()


def test_problems_of_a_pasted_feedback_are_checked_in_a_few_queries(client, scene):
    new = scene["new"]
    aspect = add_aspect(new, by=None, title="方面", today=date(2000, 1, 1))
    counts = []
    for n in (1, 3):
        for i in range(n):
            add_problem(
                new,
                by=None,
                aspect=aspect,
                title=AGAIN + str(i),
                organisation=scene["world"].inspected,
                today=date(2000, 1, 1),
            )
        with CaptureQueriesContext(connection) as queries:
            rows = rebound.inspection_candidates(new)
        counts.append(len(queries))
    assert len(rows) == 4 and counts[0] == counts[1]
    client.force_login(scene["office"])
    page = client.get(reverse("common:rebounds", args=[new.pk])).content.decode()
    assert page.count('data-testid="rebound-rows"') == 1 and EARLIER in page


def test_link_rebound_refuses_another_organisations_problem(scene):
    from django.core.exceptions import ValidationError

    finding = _finding(scene, AGAIN)
    other = add_problem(
        scene["world"].inspection,
        by=None,
        aspect=scene["signed"].aspect,
        title=AGAIN,
        organisation=scene["world"].inspected,
        today=date(2000, 1, 1),
    )
    other.organisation = scene["world"].third
    with pytest.raises(ValidationError):
        domain.link_rebound(scene["new"], by=scene["office"], finding=finding, earlier_problem=other, score=0.5)
    assert not ReboundLink.objects.exists()


def test_the_api_links_a_rebound_only_to_what_the_entry_resembles(client, scene):
    from tests.api_client import bearer, post

    finding = _finding(scene, AGAIN)
    url = f"/inspections/{scene['new'].pk}/link_rebound"
    auth = bearer(scene["office"])
    forged = post(client, url, auth, {"finding": finding.pk, "earlier_problem": scene["open"].pk})
    assert forged.status_code == 400 and not ReboundLink.objects.exists()  # not signed off: not a candidate
    both = post(client, url, auth, {"finding": finding.pk, "earlier_problem": scene["signed"].pk, "common_item": 1})
    assert both.status_code == 400 and not ReboundLink.objects.exists()
    outsider = post(client, url, bearer(scene["world"].users.other_office),
                    {"finding": finding.pk, "earlier_problem": scene["signed"].pk})
    assert outsider.status_code == 404 and not ReboundLink.objects.exists()
    linked = post(client, url, auth, {"finding": finding.pk, "earlier_problem": scene["signed"].pk})
    assert linked.status_code == 200, linked.content
    link = ReboundLink.objects.get()
    assert linked.json()["id"] == link.pk and (link.finding, link.earlier_problem) == (finding, scene["signed"])
    assert linked.json()["score"] == pytest.approx(float(link.score)) and link.score > 0
