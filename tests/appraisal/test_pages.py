"""The pages as each reader sees them: the upper office keeps, leadership reads, the appraised
district's office reads its own appraisal only once signed off (never a draft, never another
district's, never the table), other roles read nothing; scoring with evidence through the page;
the export; the reference figures against the rectification figures of the same rows; the
table's query count."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from tests.appraisal.conftest import make_scheme, score_all, signed
from tests.downloads import download_name
from tests.factories import complete_measure_fields, feedback_with_problems, make_inspection, make_term
from xuncha.appraisal import domain
from xuncha.appraisal.enums import AppraisalStatus
from xuncha.appraisal.models import AppraisalScore
from xuncha.appraisal.reference import reference
from xuncha.findings.models import Problem
from xuncha.rectification.figures import rectification_figures
from xuncha.rectification.models import Measure


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_the_district_office_reads_its_own_appraisal_only_once_signed_off(world, client):
    own = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    score_all(own, world.items, [36, 27, 24], world.office)
    url = f"/appraisal/{own.pk}/"
    assert _get(client, world.office, url).status_code == 200  # positive control
    assert _get(client, world.district_office, url).status_code == 404  # a draft

    domain.sign_off(own, by=world.office)
    page = _get(client, world.district_office, url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "87.00" in text and 'data-testid="score-form"' not in text and 'data-testid="sign-off"' not in text
    listed = _get(client, world.district_office, "/appraisal/")
    assert f"/appraisal/{own.pk}/" in listed.content.decode()
    # never the table of all districts, nor the scheme
    assert _get(client, world.district_office, f"/appraisal/schemes/{world.scheme.pk}/table/").status_code == 404
    assert _get(client, world.district_office, f"/appraisal/schemes/{world.scheme.pk}/export.xlsx").status_code == 404


def test_another_district_and_other_roles_get_a_404(world, client):
    other = signed(world, world.tree.other_district, [30, 30, 30])
    url = f"/appraisal/{other.pk}/"
    assert _get(client, world.leader, url).status_code == 200  # positive control: leadership reads
    assert _get(client, world.district_office, url).status_code == 404  # 湖里区's, signed off
    assert _get(client, world.reviewer, url).status_code == 404
    assert _get(client, world.reviewer, "/appraisal/").status_code == 404
    assert f"/appraisal/{other.pk}/" not in _get(client, world.district_office, "/appraisal/").content.decode()


def test_leadership_reads_but_does_not_score_or_sign(world, client):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    score_all(appraisal, world.items, [40, 30, 30], world.office)
    page = _get(client, world.leader, f"/appraisal/{appraisal.pk}/").content.decode()
    assert 'data-testid="score-form"' not in page and 'data-testid="sign-off"' not in page
    assert client.post(f"/appraisal/{appraisal.pk}/step/sign_off/").status_code == 404
    assert client.post(f"/appraisal/{appraisal.pk}/score/", {
        "item": world.items[0].pk, "score": "1", "reason": "越权"}).status_code == 404
    assert _get(client, world.leader, f"/appraisal/schemes/{world.scheme.pk}/table/").status_code == 200
    appraisal.refresh_from_db()
    assert appraisal.status == AppraisalStatus.DRAFT and AppraisalScore.objects.get(item=world.items[0]).score == 40


def test_the_office_scores_with_evidence_and_signs_off_on_the_page(world, client):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    score_all(appraisal, world.items[1:], [30, 28], world.office)
    client.force_login(world.office)
    assert 'data-testid="sign-off"' not in client.get(f"/appraisal/{appraisal.pk}/").content.decode()
    evidence = SimpleUploadedFile("书记专题会议纪要.pdf", b"%PDF-1.4\n% minutes\n", content_type="application/pdf")
    client.post(f"/appraisal/{appraisal.pk}/score/", {
        "item": world.items[0].pk, "score": "38", "reason": "听取汇报3次，少1次", "evidence": evidence})
    row = AppraisalScore.objects.get(item=world.items[0])
    assert (row.score, row.scorer) == (Decimal(38), world.office)
    assert row.evidence.get().name == "书记专题会议纪要.pdf"
    client.post(f"/appraisal/{appraisal.pk}/step/sign_off/")
    appraisal.refresh_from_db()
    assert (appraisal.status, appraisal.signed_total) == (AppraisalStatus.SIGNED_OFF, Decimal(96))


def test_a_refused_upload_or_score_stores_nothing(world, client):
    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    client.force_login(world.office)
    bad = SimpleUploadedFile("材料.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    client.post(f"/appraisal/{appraisal.pk}/score/", {
        "item": world.items[0].pk, "score": "30", "reason": "理由", "evidence": bad})
    too_high = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4\n% minutes\n", content_type="application/pdf")
    client.post(f"/appraisal/{appraisal.pk}/score/", {
        "item": world.items[0].pk, "score": "41", "reason": "理由", "evidence": too_high})
    from xuncha.files.models import StoredFile

    assert not AppraisalScore.objects.exists()
    assert not StoredFile.objects.exists()


def test_the_export_lists_the_ranked_table(world, client):
    signed(world, world.tree.district, [35, 25, 25])
    signed(world, world.tree.other_district, [35, 25, 25])
    response = _get(client, world.office, f"/appraisal/schemes/{world.scheme.pk}/export.xlsx")
    assert response.status_code == 200
    name, fallback = download_name(response)
    assert name.startswith("2026年度区(市)党委巡察工作考评细则") and name.endswith(".xlsx")
    assert fallback.startswith("appraisal")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True) if r and r[1] and "委员会" in str(r[1])]
    # equal totals share the rank and keep the subjects' own order (sort order, then tree path:
    # which district comes first depends on the ids the run gave them)
    from xuncha.appraisal.subjects import subjects_of

    tied = {world.tree.district.pk, world.tree.other_district.pk}
    order = [o.name for o in subjects_of(world.scheme.owner) if o.pk in tied]
    assert sorted(order) == sorted(["中共厦门市思明区委员会", "中共厦门市湖里区委员会"])
    assert [(r[0], r[1], float(r[2])) for r in rows] == [(1, name, 85.0) for name in order]


def test_the_scheme_page_edits_until_first_used(world, client):
    client.force_login(world.office)
    client.post(f"/appraisal/schemes/{world.scheme.pk}/item/", {
        "section": world.items[0].section_id, "text": "重要事项报告报备", "max_points": "5"})
    assert world.scheme.sections.first().items.count() == 2
    domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    page = client.get(f"/appraisal/schemes/{world.scheme.pk}/").content.decode()
    assert 'data-testid="add-item"' not in page and 'data-testid="copy"' in page
    client.post(f"/appraisal/schemes/{world.scheme.pk}/item/", {
        "section": world.items[0].section_id, "text": "再加一项", "max_points": "5"})
    assert world.scheme.sections.first().items.count() == 2
    response = client.post("/appraisal/schemes/new/", {
        "owner": world.tree.city.pk, "year": "2027", "title": "2027年度", "source": world.scheme.pk,
        "excellent_from": "90", "good_from": "80", "fair_from": "60"})
    assert response.status_code == 302
    assert _get(client, world.district_office, "/appraisal/schemes/new/").status_code == 404


def _district_inspection(tree):
    """思明区委's own term and inspection of 梧村街道 entered in 2021, with four problems: two
    measures signed off (done), two overdue."""
    from xuncha.rectification import domain as rect

    term = make_term(tree.district, name="十二届思明区委")
    inspection = make_inspection(term, [tree.street], title="对梧村街道党工委的常规巡察", entry_on=date(2021, 3, 1),
                                 exit_on=date(2021, 4, 1), feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 4, organisation=tree.street)
    plan = rect.start_plan(inspection, by=None, organisation=tree.street)
    for p in problems:
        rect.add_measure(plan, by=None, problems=[p], units=[tree.community], **complete_measure_fields(tree.street))
    rect.submit_plan(plan, by=None)
    rect.approve_plan(plan, by=None)
    return term, inspection


def test_the_reference_figures_are_the_rectification_figures_of_the_same_rows(world, client):
    term, inspection = _district_inspection(world.tree)
    today = timezone.localdate()
    shown = reference(world.tree.district, 2021, world.office, today=today)
    expected = rectification_figures(Problem.objects.filter(inspection=inspection),
                                     Measure.objects.filter(plan__inspection=inspection), today=today)
    assert shown.figures == expected and shown.inspections[0].figures == expected
    assert (expected.problems, expected.overdue) == (4, 4)  # positive control: there is something to count
    assert [t.term for t in shown.terms] == [term]
    assert reference(world.tree.district, 2020, world.office, today=today).inspections == []
    assert reference(world.tree.other_district, 2021, world.office, today=today).figures.problems == 0

    scheme, _items = make_scheme(world.tree.city, year=2021, title="2021年度区(市)党委巡察工作考评细则")
    appraisal = domain.start_appraisal(by=world.office, scheme=scheme, subject=world.tree.district)
    page = _get(client, world.office, f"/appraisal/{appraisal.pk}/").content.decode()
    assert f"/rectification/inspection/{inspection.pk}/" in page
    assert f"/plans/{term.pk}/coverage/" in page


def test_the_table_page_costs_the_same_queries_for_one_or_three_appraisals(world, client):
    from tests.factories import OrganisationFactory
    from xuncha.orgs.enums import OrgLevel

    client.force_login(world.office)
    third = OrganisationFactory(name="中共厦门市集美区委员会", level=OrgLevel.DISTRICT, parent=world.tree.city)
    OrganisationFactory(name="中共厦门市海沧区委员会", level=OrgLevel.DISTRICT, parent=world.tree.city)  # not started
    signed(world, world.tree.district, [35, 25, 25])
    url = f"/appraisal/schemes/{world.scheme.pk}/table/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    signed(world, world.tree.other_district, [30, 25, 25])
    draft = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=third)
    domain.score_item(draft, by=world.office, item=world.items[0], score=Decimal(40), reason="满分")
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    assert len(three) == len(one), "\n".join(q["sql"][:200] for q in three.captured_queries)


@pytest.mark.parametrize("user", ["office", "leader", "district_office"])
def test_the_menu_shows_the_entry_to_the_office_and_leadership(world, client, user):
    page = _get(client, getattr(world, user), "/").content.decode()
    assert "/appraisal/" in page


def test_the_evidence_opens_for_the_readers_of_its_appraisal_only(world, client):
    from xuncha.files.domain import store_upload

    appraisal = domain.start_appraisal(by=world.office, scheme=world.scheme, subject=world.tree.district)
    upload = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4\n% minutes\n", content_type="application/pdf")
    stored = store_upload(upload, by=world.office)
    domain.score_item(appraisal, by=world.office, item=world.items[0], score=Decimal(40), reason="满分",
                      evidence=[stored])
    score_all(appraisal, world.items[1:], [30, 30], world.office)
    url = f"/files/{stored.pk}/"
    assert _get(client, world.office, url).status_code == 200
    assert _get(client, world.district_office, url).status_code == 404  # a draft
    domain.sign_off(appraisal, by=world.office)
    assert _get(client, world.district_office, url).status_code == 200
    assert _get(client, world.other_office, url).status_code == 404
