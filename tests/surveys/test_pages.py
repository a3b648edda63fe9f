"""The office's pages, and who reaches them: the office reads everything, the team the figures
without the free text, the inspected organisation's liaison and another district's office
nothing (404)."""

from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.downloads import download_name
from tests.surveys.conftest import full_answers, post_as_device, shipped
from xuncha.public.models import PublicPage
from xuncha.surveys.models import Question, Questionnaire, Window

pytestmark = pytest.mark.django_db

SECRET = "某某领导长期不在岗"


@pytest.fixture
def answered(client, world, settings):
    """Two responses, the minimum for a breakdown lowered to two (test_privacy.py: below it)."""
    settings.XUNCHA_SURVEY_MIN_RESPONSES = 2
    q = world["questionnaire"]
    post_as_device(client, world, full_answers(q, problems="是", detail=SECRET, advice="加强学习"))
    post_as_device(client, world, full_answers(q, scores=(1, 2, 3, 4)))
    client.cookies.clear()
    return world


def urls(world):
    window, q = world["window"], world["questionnaire"]
    return {
        "window": f"/surveys/windows/{window.pk}/",
        "texts": f"/surveys/windows/{window.pk}/texts/",
        "window_export": f"/surveys/windows/{window.pk}/export.xlsx",
        "stats": f"/surveys/{q.pk}/figures/",
        "detail": f"/surveys/{q.pk}/",
        "export": f"/surveys/{q.pk}/export.xlsx",
    }


def test_office_reads_figures_and_free_text(client, answered):
    client.force_login(answered["users"]["office"])
    pages = urls(answered)
    body = client.get(pages["window"]).content.decode()
    assert 'data-testid="response-count">2<' in body and "figures-data" in body and SECRET not in body
    texts = client.get(pages["texts"]).content.decode()
    assert SECRET in texts and "加强学习" in texts
    partial = client.get(pages["window"], headers={"HX-Request": "true"}).content.decode()
    assert 'data-testid="response-count">2<' in partial and "<html" not in partial
    assert "对思明区委领导班子的民主测评" in client.get(pages["stats"]).content.decode()
    assert client.get(pages["detail"]).status_code == 200


@pytest.mark.parametrize("who", ["liaison", "outsider"])
def test_inspected_side_and_other_district_get_404(client, answered, who):
    client.force_login(answered["users"][who])
    for name, url in urls(answered).items():
        assert client.get(url).status_code == 404, name
    assert client.get("/surveys/").status_code == (200 if who == "outsider" else 404)


def test_other_district_office_lists_no_questionnaire_of_the_city(client, answered):
    """Positive control first: the city's office lists it."""
    client.force_login(answered["users"]["office"])
    assert "对思明区委领导班子的民主测评" in client.get("/surveys/").content.decode()
    client.force_login(answered["users"]["outsider"])
    body = client.get("/surveys/").content.decode()
    assert "对思明区委领导班子的民主测评" not in body and "领导班子民主测评" in body  # the shipped template
    assert shipped("democratic").title == "领导班子民主测评"


def test_team_reads_figures_but_not_free_text(client, answered):
    client.force_login(answered["users"]["team"])
    pages = urls(answered)
    body = client.get(pages["window"]).content.decode()
    assert 'data-testid="response-count">2<' in body
    assert SECRET not in body and "texts-link" not in body
    assert client.get(pages["texts"]).status_code == 404
    export = client.get(pages["window_export"])
    assert export.status_code == 200 and SECRET.encode() not in export.content


def test_export_has_the_counts_and_no_free_text(client, answered):
    client.force_login(answered["users"]["office"])
    response = client.get(urls(answered)["export"])
    assert response.status_code == 200
    today = f"{timezone.localdate():%Y%m%d}"
    title = "问卷统计-对思明区委领导班子的民主测评"
    assert download_name(response) == (f"{title}-{today}.xlsx", f"questionnaire-{today}.xlsx")
    window_export = client.get(urls(answered)["window_export"])
    assert download_name(window_export)[0] == f"{title}-中共厦门市思明区委员会-{today}.xlsx"
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    flat = " ".join(str(v) for row in rows for v in row if v is not None)
    assert SECRET not in flat and "加强学习" not in flat
    first_scale = "贯彻落实党中央决策部署和上级工作要求情况"
    answered_row = next(r for r in rows if r[2] == first_scale and r[3] == "（作答人数）")
    assert answered_row[4] == 2 and float(answered_row[6]) == 3.0  # (5 + 1) / 2


def test_build_from_template_edit_and_open_through_the_pages(client, world):
    office = world["users"]["office"]
    client.force_login(office)
    template = shipped("satisfaction")
    assert client.get(f"/surveys/new/?source={template.pk}").status_code == 200
    response = client.post(
        "/surveys/new/",
        {"source": template.pk, "owner": world["tree"].city.pk, "title": "本轮巡察满意度调查", "kind": "satisfaction"},
    )
    q = Questionnaire.objects.get(title="本轮巡察满意度调查")
    assert response.status_code == 302 and q.questions.count() == template.questions.count()
    trigger = q.questions.get(order=4).options.get(text="不满意")
    response = client.post(
        f"/surveys/{q.pk}/questions/",
        {"text": "您希望改进哪方面", "kind": "text", "show_if": trigger.pk, "scale_max": 5},
    )
    added = Question.objects.get(questionnaire=q, text="您希望改进哪方面")
    assert added.show_if == trigger and not added.required
    client.post(f"/surveys/questions/{added.pk}/move/", {"direction": "up"})
    added.refresh_from_db()
    assert added.order == 6
    page = world["page"]
    form = client.get(f"/surveys/{q.pk}/open/?inspection={world['inspection'].pk}")
    assert page.organisation_name in form.content.decode()
    response = client.post(
        f"/surveys/{q.pk}/open/?inspection={world['inspection'].pk}",
        {"pages": [page.pk], "opens_on": "2026-01-01", "closes_on": "2099-12-31"},
    )
    assert response.status_code == 302
    assert Window.objects.filter(questionnaire=q, page=page).exists()


def test_inspection_panel_lists_windows_with_counts(rf, answered):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = answered["users"]["office"]
    html = render_to_string("surveys/_inspection_panel.html", {"inspection": answered["inspection"]}, request=request)
    assert "对思明区委领导班子的民主测评" in html and "2份答卷" in html
    request.user = answered["users"]["liaison"]
    html = render_to_string("surveys/_inspection_panel.html", {"inspection": answered["inspection"]}, request=request)
    assert "对思明区委领导班子的民主测评" not in html


@pytest.mark.parametrize("who", ["liaison", "outsider"])
def test_inspection_panel_is_empty_for_who_cannot_read_questionnaires(rf, world, who):
    """Not even "not opened yet": the inspected organisation's liaison learns nothing of them.
    Positive control: the team, which reads them, sees the panel."""
    from django.template.loader import render_to_string

    from xuncha.surveys.models import Window

    Window.objects.all().delete()  # none opened: the panel would say so
    request = rf.get("/")
    request.user = world["users"]["team"]
    html = render_to_string("surveys/_inspection_panel.html", {"inspection": world["inspection"]}, request=request)
    assert "inspection-questionnaires" in html and "尚未" in html
    request.user = world["users"][who]
    html = render_to_string("surveys/_inspection_panel.html", {"inspection": world["inspection"]}, request=request)
    assert html.strip() == ""


def test_withdrawn_page_closes_its_questionnaires(client, world):
    PublicPage.objects.filter(pk=world["page"].pk).update(withdrawn_at="2026-01-01T00:00:00Z")
    assert client.get(f"/m/{world['page'].token}/q/{world['window'].pk}/").status_code == 404


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_and_figures_take_as_many_queries_for_one_row_as_for_three(client, tree, world):
    from datetime import date

    from tests.factories import make_inspection, make_term
    from xuncha.public.publishing import publish_pages
    from xuncha.surveys import domain

    office = world["users"]["office"]
    client.force_login(office)
    q = world["questionnaire"]
    one = (_queries(client, "/surveys/"), _queries(client, f"/surveys/{q.pk}/figures/"))
    for n in range(2):
        domain.create_questionnaire(by=office, owner=tree.city, title=f"问卷{n}", kind="satisfaction")
    inspection = make_inspection(
        make_term(tree.city, name="另一届"), [tree.street, tree.other_district], title="两个单位",
        entry_on=date(2021, 1, 11), exit_on=date(2021, 2, 6),
    )
    domain.open_windows(
        q, by=office, inspection=inspection, pages=publish_pages(inspection, by=None),
        opens_on=date(2026, 1, 1), closes_on=date(2026, 1, 2),
    )
    three = (_queries(client, "/surveys/"), _queries(client, f"/surveys/{q.pk}/figures/"))
    assert one == three
