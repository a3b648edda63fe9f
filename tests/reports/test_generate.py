"""Round trip: parse seed 004 → import → generate → parse the generated report again."""

from datetime import date
from pathlib import Path

import pytest

from tests.factories import dated_inspection
from xuncha.reports.content import build_report
from xuncha.reports.importer import import_report
from xuncha.reports.parsing import parse_file, parse_text

pytestmark = pytest.mark.django_db
SEED_004 = Path(__file__).parent / "fixtures" / "seed_004_huli_2022.txt"


def _tree(report):
    return [
        (
            a.title,
            [(i.title, [(p.number, p.status.value if p.status else None) for p in i.problems]) for i in a.items],
            [(p.number, p.status.value if p.status else None) for p in a.problems],
        )
        for a in report.aspects
    ]


@pytest.fixture
def imported(tree):
    original = parse_file(SEED_004)
    inspection = dated_inspection(
        tree,
        entry_on=date(2021, 1, 11),
        exit_on=date(2021, 2, 6),
        feedback_on=date(2021, 6, 25),
        team_name="省委巡视一组",
    )
    import_report(original, inspection=inspection, organisation=tree.district, by=None)
    return original, inspection


def test_generated_text_parses_back_to_the_same_tree_statuses_and_totals(tree, imported):
    original, inspection = imported
    content = build_report(inspection, tree.district, issued_on=date(2022, 2, 22))
    again = parse_text(content.text)
    assert _tree(again) == _tree(original)
    stated = {s.key: s.value for s in again.stated}
    assert (
        stated["problems_total"],
        stated["problems_done"],
        stated["problems_basically_done"],
        stated["problems_not_done"],
    ) == (35, 30, 4, 1)
    assert stated["aspects_total"] == 4 and stated["items_total"] == 12
    assert all(check.ok for check in again.checks), [c for c in again.checks if not c.ok]


def test_every_number_links_to_its_rows(tree, imported):
    _original, inspection = imported
    content = build_report(inspection, tree.district)
    from xuncha.reports.content import Figure

    figures = [s for b in content.blocks for s in b.segments if isinstance(s, Figure)]
    assert figures and all(f.url.startswith(f"/rectification/inspection/{inspection.pk}/board/") for f in figures)
    statuses = {f.url.split("=")[-1]: f.value for f in figures if "status=" in f.url}
    assert statuses == {"done": 30, "basically_done": 4, "not_done": 1}


def test_generated_docx_parses_back_and_is_laid_out_officially(tree, imported, tmp_path):
    import io

    import docx
    from docx.shared import Mm

    from xuncha.reports.docx_writer import report_docx

    original, inspection = imported
    data = report_docx(build_report(inspection, tree.district, issued_on=date(2022, 2, 22)))
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    again = parse_file(path)
    assert _tree(again) == _tree(original)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    assert round(section.top_margin / Mm(1)) == 37 and round(section.left_margin / Mm(1)) == 28
    east_asia = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    fonts = {run._element.rPr.rFonts.get(east_asia) for p in document.paragraphs for run in p.runs if run.text.strip()}
    assert None not in fonts and any("仿宋" in f for f in fonts) and any("小标宋" in f for f in fonts)


def test_progress_report_page_links_numbers_to_rows(tree, imported, client):
    from tests.factories import user_with_role
    from xuncha.accounts.enums import Role

    _original, inspection = imported
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(f"/reports/inspection/{inspection.pk}/org/{tree.district.pk}/").content.decode()
    assert f'href="/rectification/inspection/{inspection.pk}/board/?status=done" data-testid="figure">30<' in page
    client.force_login(user_with_role(Role.LIAISON, tree.other_district))
    assert client.get(f"/reports/inspection/{inspection.pk}/org/{tree.district.pk}/").status_code == 404


def test_upload_review_and_atomic_import(tree, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import user_with_role
    from xuncha.accounts.enums import Role
    from xuncha.findings.models import Problem

    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    bad = client.post(
        f"/reports/inspection/{inspection.pk}/import/",
        {"organisation": tree.district.pk, "report": SimpleUploadedFile("x.txt", "今天天气很好。".encode())},
    )
    assert bad.status_code == 200 and not Problem.objects.exists()
    response = client.post(
        f"/reports/inspection/{inspection.pk}/import/",
        {"organisation": tree.district.pk, "report": SimpleUploadedFile("r.txt", SEED_004.read_bytes())},
    )
    assert response.status_code == 302
    review_url = response["Location"]
    page = client.get(review_url).content.decode()
    assert 'data-testid="checks"' in page and "老旧小区" in page
    text = client.get(review_url).context["form"].initial["text"]
    assert client.post(review_url, {"text": text, "action": "import"}).status_code == 302
    assert Problem.objects.filter(inspection=inspection).count() == 35
    again = client.post(review_url, {"text": text, "action": "import"})
    assert again.status_code == 302 and Problem.objects.filter(inspection=inspection).count() == 35


def test_aspect_shape_round_trips_seed_001(tree):
    original = parse_file(Path(__file__).parent / "fixtures" / "seed_001_siming_2025.txt")
    inspection = dated_inspection(
        tree,
        entry_on=date(2024, 10, 21),
        exit_on=date(2024, 12, 5),
        feedback_on=date(2025, 2, 20),
        team_name="省委巡视九组",
    )
    import_report(original, inspection=inspection, organisation=tree.district, by=None)
    again = parse_text(build_report(inspection, tree.district, shape="aspect", issued_on=date(2025, 12, 25)).text)
    assert len(again.aspects) == 6
    assert [len(a.problems) for a in again.aspects] == [len(a.problems) for a in original.aspects]
    assert sum(len(a.problems) for a in again.aspects) == 48
