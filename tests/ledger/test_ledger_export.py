import io
from datetime import date

import openpyxl
import pytest

from tests.exports.sheets import column_widths
from tests.factories import complete_measure_fields, user_with_role
from tests.ledger.conftest import data_rows, sheet_rows
from xuncha.accounts.enums import Role
from xuncha.exports.xlsx import DATE_FORMAT, display_width
from xuncha.ledger import columns as cols
from xuncha.rectification import domain

pytestmark = pytest.mark.django_db


def _export(client, user, case):
    client.force_login(user)
    response = client.get(f"/ledger/inspection/{case.inspection.pk}/export.xlsx")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return b"".join(response.streaming_content)


def test_export_has_the_offices_headers_and_title(client, case):
    rows = sheet_rows(_export(client, case.office, case))
    assert rows[0][0] == "对两区的巡察反馈问题整改台账"
    assert rows[1] == [
        "序号",
        "被巡察单位",
        "方面",
        "反馈问题",
        "整改目标",
        "整改措施",
        "责任领导",
        "责任人",
        "牵头单位",
        "责任单位",
        "整改时限",
        "阶段目标",
        "完成标准",
        "整改进展",
        "完成情况",
        "佐证材料",
        "销号情况",
        "台账编号",
    ]


def test_export_lists_one_row_per_measure_and_problems_without_measures(client, case, tree):
    first, second = case.measures
    rows = data_rows(_export(client, case.office, case))
    assert [r["台账编号"] for r in rows] == [
        f"M{first.pk}:1",
        f"M{second.pk}:1",
        f"P{case.problems[2].pk}",
        f"M{case.other_measure.pk}:1",
        f"P{case.problems[4].pk}",
    ]
    assert [r["序号"] for r in rows] == [1, 2, 3, 4, 5]
    one = rows[0]
    assert one["反馈问题"] == "（1）学习贯彻不够深入\n（2）调查研究不够扎实"
    assert one["方面"] == "（一）落实党的理论和路线方针政策方面"
    assert one["被巡察单位"] == tree.district.name
    assert (one["牵头单位"], one["责任单位"]) == (tree.street.name, f"{tree.street.name}、{tree.community.name}")
    assert (one["整改时限"], one["完成情况"], one["销号情况"]) == (date(2025, 2, 20), "未启动", "")  # a real date
    assert (rows[1]["整改时限"], rows[1]["阶段目标"]) == ("长期坚持", "每季度检查一次")
    waiting = rows[2]
    assert waiting["反馈问题"] == "（3）主体责任落实有差距" and waiting["方面"] == "（二）落实全面从严治党战略部署方面"
    assert all(waiting[h] == "" for h in ("整改目标", "整改措施", "责任领导", "整改时限", "完成情况"))


def test_export_shows_progress_evidence_and_sign_off(client, case):
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from xuncha.files.domain import store_upload

    measure = case.measures[0]
    domain.add_measure(case.plan, by=None, problems=[case.problems[2]], **complete_measure_fields(measure.lead_unit))
    domain.submit_plan(case.plan, by=None, on=date(2021, 8, 1))
    domain.approve_plan(case.plan, by=None)
    evidence = store_upload(SimpleUploadedFile("会议纪要.pdf", b"%PDF-1.4 minutes"), by=None)
    domain.post_progress(measure, by=None, text="已召开专题会议", status="done", evidence=[evidence])
    domain.request_sign_off(measure, by=None)
    domain.approve_sign_off(measure, by=None, on=date(2025, 3, 1))
    row = data_rows(_export(client, case.office, case))[0]
    assert row["整改进展"].endswith("：已召开专题会议")
    assert (row["完成情况"], row["佐证材料"], row["销号情况"]) == ("已完成", "会议纪要.pdf", "已销号（2025年3月1日）")


def test_export_is_formatted_for_printing(client, case):
    book = openpyxl.load_workbook(io.BytesIO(_export(client, case.office, case)))
    sheet = book.active
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0  # one page wide
    assert sheet.print_area == "'整改台账'!$A$1:$Q$7"  # the key column (R) stays off paper
    fitted = column_widths(sheet)
    widths = {c.header: fitted[n] for n, c in enumerate(cols.INSPECTION_COLUMNS, start=1)}
    # fitted to the content (a CJK character counts two), never wider than the offices' widths
    assert widths["反馈问题"] == display_width("（4）监督责任履行不到位") + 2  # the longest line
    assert all(widths[c.header] <= c.width for c in cols.INSPECTION_COLUMNS if c is not cols.DEADLINE)
    # a date never wraps: its column is as wide as a date whatever the offices' width
    assert widths["整改时限"] >= display_width("2025年12月31日") and widths["序号"] == cols.INDEX.width
    assert sheet["K3"].is_date and sheet["K3"].number_format == DATE_FORMAT
    cell = sheet["F3"]
    assert cell.alignment.wrap_text and cell.alignment.vertical == "top" and sheet.print_options.gridLines
    assert sheet["A2"].font.bold and "A1" in str(sheet.merged_cells)


def test_export_keeps_user_text_as_text(client, case):
    domain.update_measure(case.measures[0], by=None, expected_version=1, content='=HYPERLINK("http://x","点")')
    book = openpyxl.load_workbook(io.BytesIO(_export(client, case.office, case)))
    assert book.active["F3"].data_type == "s"


def test_liaison_exports_only_its_own_organisations_rows(client, case):
    keys = [r["台账编号"] for r in data_rows(_export(client, case.liaison, case))]
    assert keys == [f"M{case.measures[0].pk}:1", f"M{case.measures[1].pk}:1", f"P{case.problems[2].pk}"]
    keys = [r["台账编号"] for r in data_rows(_export(client, case.other_liaison, case))]
    assert keys == [f"M{case.other_measure.pk}:1", f"P{case.problems[4].pk}"]


def test_responsible_unit_exports_only_its_measures(client, case):
    rows = data_rows(_export(client, case.unit, case))
    assert [r["台账编号"] for r in rows] == [f"M{case.measures[0].pk}:1"]  # 文灶社区 shares measure 1 only
    assert rows[0]["反馈问题"].startswith("（1）")  # it reads the problems its measure serves


def test_export_refuses_other_roles_and_anonymous(client, case, tree):
    url = f"/ledger/inspection/{case.inspection.pk}/export.xlsx"
    assert client.get(url).status_code == 302  # to the login page
    for user in [
        user_with_role(Role.AUDITOR, tree.city),
        user_with_role(Role.SYSTEM_ADMIN, tree.city),
        user_with_role(Role.LIAISON, tree.other_street),  # below a target: not the inspected organisation
    ]:
        client.force_login(user)
        assert client.get(url).status_code == 404
    assert client.get("/ledger/inspection/999999/export.xlsx").status_code == 404


def test_term_export_names_each_rows_inspection(client, case, tree):
    client.force_login(case.office)
    response = client.get(f"/ledger/term/{case.inspection.term.pk}/export.xlsx")
    content = b"".join(response.streaming_content)
    rows = sheet_rows(content)
    assert rows[0][0] == "十二届市委巡察反馈问题整改总台账"
    assert rows[1][:3] == ["序号", "巡察", "被巡察单位"]
    assert {r[1] for r in rows[2:]} == {"对两区的巡察"} and len(rows) == 7
    client.force_login(case.liaison)  # a term's ledger is the committee's: liaisons do not read it
    assert client.get(f"/ledger/term/{case.inspection.term.pk}/export.xlsx").status_code == 404


def test_export_is_audited(client, case):
    from xuncha.audit.models import AuditEvent

    _export(client, case.office, case)
    event = AuditEvent.objects.get(action="ledger.inspection.exported")
    assert (event.actor, event.data) == (case.office, {"rows": 5})


def test_export_reads_a_fixed_number_of_queries(client, case, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        client.force_login(case.office)
        with CaptureQueriesContext(connection) as context:
            b"".join(client.get(f"/ledger/inspection/{case.inspection.pk}/export.xlsx").streaming_content)
        return len(context.captured_queries)

    one = queries()
    for problem in case.problems[2], case.problems[4], case.problems[0]:
        plan = case.plan if problem.organisation_id == tree.district.pk else case.other_plan
        domain.add_measure(
            plan, by=None, problems=[problem], units=[tree.street], **complete_measure_fields(tree.street)
        )
    assert queries() == one
