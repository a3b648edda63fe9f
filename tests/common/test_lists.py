import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.common.conftest import TODAY, make_list
from xuncha.audit.models import AuditEvent
from xuncha.common import domain
from xuncha.common.demo import CATEGORIES
from xuncha.common.enums import CheckStatus, ListStatus
from xuncha.common.figures import figures_of
from xuncha.common.models import CommonItem, Reach, SelfCheck
from xuncha.supervision.models import Notification
from xuncha.workflow.actions import ActionRefused

pytestmark = pytest.mark.django_db


def test_figures_reproduce_seed_003s_6_categories_and_82_items_from_rows(world):
    common_list = make_list(world, CATEGORIES, publish=True)
    counted = figures_of(common_list)
    assert (counted.categories, counted.items) == (6, 82)
    assert counted.reached == Reach.objects.filter(common_list=common_list).count() == 2
    assert counted.checks == 2 * 82 and counted.not_started == 164
    # a row changes, the figure follows
    CommonItem.objects.filter(category__common_list=common_list).last().delete()
    assert figures_of(common_list).items == 81


def test_add_items_strips_typed_numbers_and_orders_them(world):
    common_list = make_list(world, [("作风建设", ["1. 违规公款吃喝", "（2）违规使用公车", "", "③兼职取酬"])])
    texts = list(CommonItem.objects.filter(category__common_list=common_list).values_list("order", "text"))
    assert texts == [(1, "违规公款吃喝"), (2, "违规使用公车"), (3, "兼职取酬")]


def test_publish_reaches_only_the_organisations_in_scope_not_yet_inspected(world):
    common_list = make_list(world, publish=True)
    reached = set(Reach.objects.filter(common_list=common_list).values_list("organisation__name", flat=True))
    assert reached == {"梧村街道党工委", "鹭江街道党工委"}  # 滨海街道 inspected; 湖里区's street out of scope
    assert "滨海街道党工委" not in reached and world.tree.other_street.name not in reached
    assert SelfCheck.objects.filter(reach__common_list=common_list).count() == 2 * 2
    common_list.refresh_from_db()
    assert common_list.status == ListStatus.PUBLISHED and common_list.published_on == TODAY
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert {world.users.liaison.username, world.users.third_liaison.username} <= told
    assert world.users.other_liaison.username not in told and world.users.inspected_liaison.username not in told
    assert AuditEvent.objects.filter(action="common.list.published").count() == 1


def test_publish_twice_or_an_empty_list_is_refused(world):
    empty = domain.create_list(world.term, by=world.users.office, title="空清单")
    with pytest.raises(ValidationError):
        domain.publish_list(empty, by=world.users.office, today=TODAY)
    common_list = make_list(world, publish=True)
    with pytest.raises(ValidationError):
        domain.publish_list(common_list, by=world.users.office, today=TODAY)
    with pytest.raises(ValidationError):
        domain.add_category(common_list, by=world.users.office, name="新增")
    assert Reach.objects.filter(common_list=common_list).count() == 2


def test_the_other_districts_office_may_not_publish(world):
    common_list = make_list(world)
    with pytest.raises(ActionRefused):
        domain.publish_list(common_list, by=world.users.other_office, today=TODAY)
    assert not Reach.objects.exists()


def _check(world, common_list, user):
    return (
        SelfCheck.objects.filter(reach__common_list=common_list, reach__organisation=user.organisation)
        .select_related("reach__organisation", "reach__common_list")
        .first()
    )


def test_self_check_by_the_reached_liaison_counts_in_the_figures(world):
    common_list = make_list(world, publish=True)
    check = _check(world, common_list, world.users.liaison)
    domain.record_check(check, by=world.users.liaison, status=CheckStatus.FIXING, note="正在整改", today=TODAY)
    assert figures_of(common_list).fixing == 1
    domain.record_check(check, by=world.users.liaison, status=CheckStatus.FIXED, note="已整改", today=TODAY)
    counted = figures_of(common_list)
    assert (counted.fixing, counted.fixed, counted.found, counted.items_fixed_somewhere) == (0, 1, 1, 1)
    check.refresh_from_db()
    assert check.fixed_on == TODAY and check.recorded_by == world.users.liaison


def test_self_check_of_another_organisation_is_refused_and_a_fix_needs_a_note(world):
    common_list = make_list(world, publish=True)
    check = _check(world, common_list, world.users.liaison)
    for stranger in (world.users.third_liaison, world.users.other_liaison):
        with pytest.raises(ActionRefused):
            domain.record_check(check, by=stranger, status=CheckStatus.FIXED, note="x", today=TODAY)
    with pytest.raises(ValidationError):
        domain.record_check(check, by=world.users.liaison, status=CheckStatus.FIXED, note=" ", today=TODAY)
    check.refresh_from_db()
    assert check.status == CheckStatus.NOT_STARTED


def test_reached_liaison_sees_only_its_own_reach_and_another_district_gets_404(client, world):
    common_list = make_list(world, publish=True)
    own = Reach.objects.get(common_list=common_list, organisation=world.tree.street)
    third = Reach.objects.get(common_list=common_list, organisation=world.third)
    client.force_login(world.users.liaison)
    page = client.get(reverse("common:reach", args=[own.pk]))
    assert page.status_code == 200 and "白条入账" in page.content.decode()
    assert client.get(reverse("common:reach", args=[third.pk])).status_code == 404
    assert client.get(reverse("common:detail", args=[common_list.pk])).status_code == 404
    mine = client.get(reverse("common:my_reaches")).content.decode()
    assert "梧村街道党工委" in mine and "鹭江街道党工委" not in mine
    client.force_login(world.users.other_liaison)
    assert client.get(reverse("common:reach", args=[own.pk])).status_code == 404
    client.force_login(world.users.other_office)
    assert client.get(reverse("common:detail", args=[common_list.pk])).status_code == 404


def test_reached_liaison_records_a_self_check_from_its_page(client, world):
    common_list = make_list(world, publish=True)
    own = Reach.objects.get(common_list=common_list, organisation=world.tree.street)
    check = own.checks.order_by("pk").first()
    client.force_login(world.users.liaison)
    response = client.post(
        reverse("common:reach", args=[own.pk]), {"check": check.pk, "status": "fixed", "note": "补齐审批手续"}
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.status == CheckStatus.FIXED and check.note == "补齐审批手续"
    client.force_login(world.users.third_liaison)
    other = client.post(reverse("common:reach", args=[own.pk]), {"check": check.pk, "status": "fixing", "note": "x"})
    assert other.status_code == 404


def test_office_builds_and_publishes_a_list_from_the_pages(client, world):
    client.force_login(world.users.office)
    made = client.post(reverse("common:lists"), {"term": world.term.pk, "title": "清单"})
    common_list = world.term.common_lists.get()
    assert made.status_code == 302
    url = reverse("common:detail", args=[common_list.pk])
    client.post(url, {"step": "category", "category-name": "议事决策程序"})
    category = common_list.categories.get()
    client.post(url, {"step": "items", "items-category": category.pk, "items-text": "四议两公开未执行\n会议纪要补写"})
    assert category.items.count() == 2
    client.post(url, {"step": "publish"})
    common_list.refresh_from_db()
    assert common_list.status == ListStatus.PUBLISHED
    page = client.get(url).content.decode()
    assert 'data-testid="figure-items"' in page and "鹭江街道党工委" in page
    export = client.get(reverse("common:export", args=[common_list.pk]))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("common:checks_export", args=[common_list.pk])).status_code == 200


def test_figure_links_list_the_rows_they_count(client, world):
    common_list = make_list(world, publish=True)
    check = _check(world, common_list, world.users.liaison)
    domain.record_check(check, by=world.users.liaison, status=CheckStatus.FIXED, note="已整改", today=TODAY)
    client.force_login(world.users.office)
    page = client.get(reverse("common:checks", args=[common_list.pk]), {"status": "fixed"})
    assert list(page.context["page"]) == [check]


def _detail_queries(client, world, categories: int) -> int:
    common_list = make_list(
        world, [(f"类别{n}", [f"条目{n}-{m}" for m in range(3)]) for n in range(categories)], publish=True
    )
    client.force_login(world.users.office)
    url = reverse("common:detail", args=[common_list.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_page_query_count_does_not_grow_with_rows(client, world):
    one = _detail_queries(client, world, 1)
    three = _detail_queries(client, world, 3)
    assert one == three


def test_reach_page_query_count_does_not_grow_with_items(client, world):
    counts = []
    for n in (1, 3):
        common_list = make_list(world, [("类别", [f"条目{m}" for m in range(n)])], publish=True)
        reach = Reach.objects.get(common_list=common_list, organisation=world.tree.street)
        client.force_login(world.users.liaison)
        client.get(reverse("common:reach", args=[reach.pk]))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("common:reach", args=[reach.pk]))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_publishing_is_not_offered_when_everyone_in_scope_has_been_inspected(world):
    """Offered iff it can be taken: with nobody left to reach, the step is not offered."""
    from django.utils import timezone

    from tests.factories import make_inspection
    from xuncha.workflow import actions

    common_list = make_list(world)
    office = world.users.office
    assert actions.get("commonlist.publish").offered_to(office, common_list)
    make_inspection(world.term, [world.tree.street, world.third], title="其余街道的巡察",
                    entry_on=timezone.localdate(), exit_on=timezone.localdate())
    assert not actions.get("commonlist.publish").offered_to(office, common_list)
