"""The staff page of an inspection's public channel: who sees it and what, the figures derived
from the count rows, the reports waiting in triage, and the pages following the announcement."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import dated_inspection
from tests.public.conftest import publish
from xuncha.inspections.domain import add_target, set_dates, update_inspection
from xuncha.petitions import domain as petitions
from xuncha.public.enums import RefusalReason, TallyKind
from xuncha.public.figures import channel_figures
from xuncha.public.models import PublicPage, Tally

pytestmark = pytest.mark.django_db


def url(world):
    return f"/qr/inspections/{world['inspection'].pk}/"


def page_for(client, world, who):
    client.force_login(world["users"][who])
    return client.get(url(world))


def qr_petition(world, *, content="反映社区违规发放补贴。", channel="qr"):
    return petitions.receive_petition(
        world["inspection"], by=None, channel=channel, received_on=timezone.localdate(), content=content
    )


def test_an_outsider_gets_a_404(world, client):
    publish(world)
    assert page_for(client, world, "outsider").status_code == 404
    client.force_login(world["users"]["outsider"])
    assert client.post(f"{url(world)}publish/").status_code == 404


def test_the_detail_page_links_to_it(world, client):
    client.force_login(world["users"]["liaison"])
    html = client.get(f"/inspections/{world['inspection'].pk}/").content.decode()
    assert f'href="{url(world)}"' in html


def test_before_publishing_the_office_is_offered_to_publish(world, client):
    html = page_for(client, world, "office").content.decode()
    assert 'data-testid="no-pages"' in html and 'data-testid="publish-pages"' in html
    client.post(f"{url(world)}publish/")
    assert PublicPage.objects.filter(inspection=world["inspection"]).count() == 1


def test_the_office_sees_each_code_its_state_and_its_posters(world, client):
    page = publish(world)[0]
    html = page_for(client, world, "office").content.decode()
    assert html.count('data-testid="page-code"') == 1
    assert f"https://xuncha.example.gov.cn/m/{page.token}/" in html and "<svg" in html
    assert "受理中" in html.split('data-testid="page-state"')[1][:80]
    assert f"/qr/pages/{page.pk}/poster.pdf" in html and f"/qr/pages/{page.pk}/poster.png" in html
    assert 'data-testid="publish-pages"' in html  # refresh


def test_a_closed_page_says_so(world, client):
    publish(world)
    today = timezone.localdate()
    set_dates(
        world["inspection"], by=None, expected_version=world["inspection"].version,
        entry_on=today - timedelta(days=40), exit_on=today - timedelta(days=5), feedback_on=None,
    )
    html = page_for(client, world, "office").content.decode()
    assert "已结束" in html.split('data-testid="page-state"')[1][:80]


def test_the_liaison_sees_codes_but_no_figures_and_no_petitions(world, client):
    publish(world)
    petition = qr_petition(world)
    Tally.objects.create(page=PublicPage.objects.get(), kind=TallyKind.REFUSED, reason=RefusalReason.CAPTCHA, count=3)
    office = page_for(client, world, "office").content.decode()  # the positive control
    assert f"/petitions/{petition.pk}/" in office and 'data-testid="refused"' in office
    response = page_for(client, world, "liaison")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="page-code"' in html
    for hidden in ('data-testid="accepted"', 'data-testid="refused"', 'data-testid="waiting"', "page-reports"):
        assert hidden not in html
    assert f"/petitions/{petition.pk}/" not in html and str(RefusalReason.CAPTCHA.label) not in html
    assert 'data-testid="casework-hidden"' in html and 'data-testid="publish-pages"' not in html


def test_the_team_sees_the_code_reports_waiting_in_triage_only(world, client):
    publish(world)
    waiting = qr_petition(world)
    letter = qr_petition(world, channel="letter")
    triaged = qr_petition(world)
    type(triaged).objects.filter(pk=triaged.pk).update(status="triaged")
    html = page_for(client, world, "team").content.decode()
    table = html.split('data-testid="waiting"')[1].split("</table>")[0]
    assert f"/petitions/{waiting.pk}/" in table
    assert f"/petitions/{letter.pk}/" not in table and f"/petitions/{triaged.pk}/" not in table
    assert "违规发放补贴" not in html  # the list names the petition, never its content


def test_the_figures_are_derived_from_the_count_rows(world, tree):
    page = publish(world)[0]
    now = timezone.now()
    rows = [
        (TallyKind.REPORT, "", 1, now),
        (TallyKind.REPORT, "", 2, now - timedelta(days=3)),
        (TallyKind.REPORT, "", 4, now - timedelta(days=10)),
        (TallyKind.LOOKUP, "", 6, now),
        (TallyKind.REFUSED, RefusalReason.CAPTCHA, 5, now),
        (TallyKind.REFUSED, RefusalReason.RATE_LIMIT, 2, now - timedelta(days=30)),
    ]
    for kind, reason, count, at in rows:
        Tally.objects.create(page=page, kind=kind, reason=reason, count=count, at=at)
    # another inspection's page and the page-less refusals are not this inspection's
    other = dated_inspection(tree, title="对另一单位的巡察")
    other_page = PublicPage.objects.create(
        inspection=other, organisation=tree.district, token="other-token", title="t", organisation_name="o",
        team_name="t", announcement="a",
    )
    Tally.objects.create(page=other_page, kind=TallyKind.REPORT, count=100, at=now)
    Tally.objects.create(page=None, kind=TallyKind.REFUSED, reason=RefusalReason.CAPTCHA, count=100, at=now)

    figures = channel_figures(world["inspection"], now=now)
    counts = {c.label: (c.today, c.week, c.total) for c in figures.accepted}
    assert counts[str(TallyKind.REPORT.label)] == (1, 3, 7)
    assert counts[str(TallyKind.LOOKUP.label)] == (6, 6, 6)
    assert counts[str(TallyKind.ADDENDUM.label)] == (0, 0, 0)
    refused = [(c.label, c.today, c.week, c.total) for c in figures.refused]
    assert refused == [(str(RefusalReason.CAPTCHA.label), 5, 5, 5), (str(RefusalReason.RATE_LIMIT.label), 0, 0, 2)]
    assert (figures.refused_total.today, figures.refused_total.total) == (5, 7)
    assert figures.reports_by_page == {page.pk: 7}


def test_the_page_shows_the_figures(world, client):
    page = publish(world)[0]
    Tally.objects.create(page=page, kind=TallyKind.REPORT, count=4)
    Tally.objects.create(page=page, kind=TallyKind.REFUSED, reason=RefusalReason.HONEYPOT, count=9)
    html = page_for(client, world, "team").content.decode()
    assert "收到反映：4" in html.split('data-testid="page-reports"')[1][:40]
    refused = html.split('data-testid="refused"')[1].split("</table>")[0]
    assert str(RefusalReason.HONEYPOT.label) in refused and ">9<" in refused


def test_without_the_public_address_the_page_says_what_to_set(world, client, settings):
    page = publish(world)[0]
    settings.XUNCHA_PUBLIC_BASE_URL = ""
    html = page_for(client, world, "office").content.decode()
    assert 'data-testid="base-url-missing"' in html and "XUNCHA_PUBLIC_BASE_URL" in html
    assert "<svg" not in html.split('data-testid="page-code"')[1] and f"/qr/pages/{page.pk}/poster.pdf" not in html


def test_the_page_reads_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    publish(world)
    qr_petition(world)
    client.force_login(world["users"]["team"])
    with django_assert_max_num_queries(100) as one:
        assert client.get(url(world)).status_code == 200
    for organisation in (world["tree"].street, world["tree"].community):
        add_target(world["inspection"], by=None, organisation=organisation)
    publish(world)
    qr_petition(world)
    qr_petition(world)
    with django_assert_max_num_queries(len(one)):
        html = client.get(url(world)).content.decode()
    assert html.count('data-testid="page-code"') == 3


def test_the_pages_follow_the_announcement(world):
    page = publish(world)[0]
    inspection = world["inspection"]
    update_inspection(inspection, by=None, expected_version=inspection.version, phone="0592-1111111")
    page.refresh_from_db()
    assert page.phone == "0592-1111111" and "0592-1111111" in page.announcement
    inspection.refresh_from_db()
    new_exit = inspection.exit_on + timedelta(days=5)
    set_dates(
        inspection, by=None, expected_version=inspection.version,
        entry_on=inspection.entry_on, exit_on=new_exit, feedback_on=None,
    )
    page.refresh_from_db()
    assert page.reports_close_on == new_exit


def test_a_new_team_leader_reaches_the_page(world, tree):
    from tests.factories import PersonFactory
    from xuncha.staffing.domain import assign_member

    page = publish(world)[0]
    leader = PersonFactory(name="张明", organisation=tree.city)
    assign_member(world["inspection"], by=None, person=leader, role="leader")
    page.refresh_from_db()
    assert "张明" in page.announcement
