"""`xuncha report generate`: the page's document written to a file, for scripts."""

import io

import docx
import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.factories import approved_plan, user_with_role
from tests.reports.seeded import huli
from xuncha.accounts.enums import Role
from xuncha.reports.parsing import parse_file

pytestmark = pytest.mark.django_db


def _generate(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("report", "generate", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_generate_writes_the_page_s_document_and_it_parses_back(tmp_path, client):
    seeded = huli()
    path = tmp_path / "huli.docx"
    code, out, err = _generate(
        "--inspection",
        str(seeded.inspection.pk),
        "--organisation",
        str(seeded.organisation.pk),
        "--format",
        "docx",
        "-o",
        str(path),
    )
    assert (code, out.strip()) == (0, str(path))
    assert err.splitlines() == ["提示：整改措施：所述112，统计98，印发所述数"]  # the one check that stays
    again = parse_file(path)
    assert (again.counted.aspects, again.counted.items, again.counted.problems) == (4, 12, 35)
    assert again.stated_values("measures_total")[0] == 112
    client.force_login(user_with_role(Role.OFFICE, seeded.inspection.term.owner))  # the provincial office
    page = client.get(f"/reports/inspection/{seeded.inspection.pk}/org/{seeded.organisation.pk}/report.docx")
    assert _paragraphs(page.content) == _paragraphs(path.read_bytes())


def test_generate_lists_what_the_document_lacks_and_takes_the_shape(tree, tmp_path):
    inspection, _plan, _measures = approved_plan(tree, 2)
    path = tmp_path / "r.docx"
    code, _out, err = _generate(
        "--inspection",
        str(inspection.pk),
        "--organisation",
        str(tree.district.pk),
        "--shape",
        "aspects",
        "--format",
        "docx",
        "-o",
        str(path),
    )
    assert code == 0 and "提示：结尾段落缺少联系电话" in err  # the inspection has no phone
    text = "\n".join(_paragraphs(path.read_bytes()))
    assert "1.措施。" in text and "整改情况：" not in text  # by aspect: numbered progress paragraphs


def test_generate_refuses_unknown_ids_and_a_pdf_without_libreoffice(tree, tmp_path):
    inspection, _plan, _measures = approved_plan(tree, 1)
    path = tmp_path / "r.pdf"
    code, _out, err = _generate(
        "--inspection", "999999", "--organisation", str(tree.district.pk), "--format", "pdf", "-o", str(path)
    )
    assert code == 2 and err.startswith("错误：")
    code, _out, err = _generate(
        "--inspection",
        str(inspection.pk),
        "--organisation",
        str(tree.other_district.pk),
        "--format",
        "docx",
        "-o",
        str(path),
    )
    assert code == 2 and "没有本次巡察的反馈问题" in err
    with override_settings(XUNCHA_SOFFICE=str(tmp_path / "no-soffice")):
        code, _out, err = _generate(
            "--inspection",
            str(inspection.pk),
            "--organisation",
            str(tree.district.pk),
            "--format",
            "pdf",
            "-o",
            str(path),
        )
    assert code == 3 and "PDF" in err and not path.exists()
