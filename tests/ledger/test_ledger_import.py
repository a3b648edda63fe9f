from datetime import date

import pytest

from tests.factories import user_with_role
from tests.ledger.conftest import column_of, data_rows, edited, row_of, upload
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.ledger.importer import import_ledger
from xuncha.rectification import domain
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db


def _export(client, user, case) -> bytes:
    client.force_login(user)
    response = client.get(f"/ledger/inspection/{case.inspection.pk}/export.xlsx")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _import(client, case, content: bytes, name: str = "台账.xlsx"):
    return client.post(f"/ledger/inspection/{case.inspection.pk}/import/", {"ledger": upload(content, name)})


def _state():
    """Everything an import could touch, to prove that nothing was."""
    return {
        m.pk: (
            m.version,
            m.target,
            m.content,
            m.leader,
            m.lead_unit_id,
            m.deadline,
            m.ongoing,
            m.stage_target,
            m.standard,
            sorted(m.problems.values_list("pk", flat=True)),
            sorted(m.units.values_list("pk", flat=True)),
        )
        for m in Measure.objects.order_by("pk")
    }


def _set(sheet, key_prefix: str, header: str, value):
    sheet.cell(row_of(sheet, key_prefix), column_of(sheet, header)).value = value


def test_unchanged_import_changes_nothing_and_exports_identical_rows(client, case):
    before, events = _state(), AuditEvent.objects.filter(action__startswith="rectification.").count()
    content = _export(client, case.office, case)
    response = _import(client, case, content)
    assert response.status_code == 302
    assert _state() == before
    assert AuditEvent.objects.filter(action__startswith="rectification.").count() == events
    assert data_rows(_export(client, case.office, case)) == data_rows(content)


def test_export_edit_import_export_reflects_exactly_the_edit(client, case, tree):
    first, second = case.measures
    content = _export(client, case.office, case)

    def edit(sheet):
        _set(sheet, f"M{first.pk}:", "完成标准", "制度印发并执行")
        _set(sheet, f"M{first.pk}:", "整改时限", "2025年6月30日")
        _set(sheet, f"M{second.pk}:", "责任单位", f"{tree.street.name}、{tree.community.name}")

    response = _import(client, case, edited(content, edit))
    assert response.status_code == 302, response.content.decode()
    before, after = data_rows(content), data_rows(_export(client, case.office, case))
    changed = {
        (n, header)
        for n, (old, new) in enumerate(zip(before, after, strict=True))
        for header in old
        if old[header] != new[header]
    }
    assert changed == {(0, "完成标准"), (0, "整改时限"), (0, "台账编号"), (1, "责任单位"), (1, "台账编号")}
    assert (after[0]["完成标准"], after[0]["整改时限"]) == ("制度印发并执行", date(2025, 6, 30))  # a date again
    assert after[0]["台账编号"] == f"M{first.pk}:2"  # the version moved on with the edit
    first.refresh_from_db()
    assert (first.standard, first.deadline) == ("制度印发并执行", date(2025, 6, 30))
    assert first.history.first().history_type == "~"
    assert AuditEvent.objects.filter(action="rectification.measure.updated", actor=case.office).count() == 2
    assert AuditEvent.objects.get(action="ledger.import.applied").data == {"rows": 5, "updated": 2, "added": 0}


def test_import_adds_measures_for_problems(client, case, tree):
    content = _export(client, case.office, case)
    waiting = case.problems[2]

    def edit(sheet):
        row = row_of(sheet, f"P{waiting.pk}")
        for header, value in {
            "整改目标": "压实主体责任",
            "整改措施": "制定责任清单",
            "责任领导": "区委书记",
            "牵头单位": tree.district.name,
            "整改时限": "2025年底前",
            "完成标准": "清单印发",
        }.items():
            sheet.cell(row, column_of(sheet, header)).value = value
        blank = sheet.max_row + 1
        for header, value in {
            "反馈问题": "（1）",
            "整改目标": "学深悟透",
            "整改措施": "开展专题学习",
            "责任领导": "区委副书记",
            "责任单位": tree.street.name,
            "整改时限": "长期坚持",
            "阶段目标": "每月学习一次",
            "完成标准": "学习记录完整",
        }.items():
            sheet.cell(blank, column_of(sheet, header)).value = value

    response = _import(client, case, edited(content, edit))
    assert response.status_code == 302, response.content.decode()
    added = Measure.objects.filter(plan=case.plan).order_by("number")
    assert [m.number for m in added] == [1, 2, 3, 4]
    third, fourth = added[2], added[3]
    assert (list(third.problems.all()), third.lead_unit, third.deadline) == (
        [waiting],
        tree.district,
        date(2025, 12, 31),
    )
    assert (list(fourth.problems.all()), list(fourth.units.all())) == ([case.problems[0]], [tree.street])
    assert (fourth.ongoing, fourth.deadline, fourth.stage_target) == (True, None, "每月学习一次")
    assert AuditEvent.objects.filter(action="rectification.measure.added", actor=case.office).count() == 2
    keys = [r["台账编号"] for r in data_rows(_export(client, case.office, case))]
    assert f"P{waiting.pk}" not in keys and f"M{third.pk}:1" in keys


def test_a_bad_row_in_the_middle_changes_nothing_and_is_reported(client, case):
    first, second = case.measures
    content = _export(client, case.office, case)
    before = _state()

    def edit(sheet):
        _set(sheet, f"M{first.pk}:", "完成标准", "新标准")  # row 3: fine
        _set(sheet, f"M{second.pk}:", "整改时限", "尽快")  # row 4: not a deadline
        _set(sheet, f"M{second.pk}:", "责任领导", "领" * 121)  # row 4: longer than the model allows
        _set(sheet, f"M{case.other_measure.pk}:", "整改措施", "新措施")  # row 6: fine

    response = _import(client, case, edited(content, edit))
    assert response.status_code == 200
    assert _state() == before
    errors = [(e.row, e.column) for e in response.context["result"].errors]
    assert errors == [(4, "整改时限"), (4, "责任领导")]  # every column of the row, not only the first
    page = response.content.decode()
    assert 'data-testid="import-errors"' in page and "整改时限" in page

    def lead_unit_elsewhere(sheet):
        _set(sheet, f"M{first.pk}:", "完成标准", "新标准")
        _set(sheet, f"M{second.pk}:", "牵头单位", "湖里街道党工委")  # outside the plan's organisation

    response = _import(client, case, edited(content, lead_unit_elsewhere))
    assert _state() == before
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(4, "牵头单位")]
    assert AuditEvent.objects.filter(action="ledger.import.refused").count() == 2


def test_liaison_import_of_rows_outside_its_scope_are_errors(client, case):
    content = _export(client, case.office, case)  # the whole ledger, both districts

    def edit(sheet):
        _set(sheet, f"M{case.measures[0].pk}:", "完成标准", "新标准")

    before = _state()
    client.force_login(case.liaison)
    response = _import(client, case, edited(content, edit))
    assert _state() == before
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(6, "台账编号"), (7, "台账编号")]
    client.force_login(case.liaison)
    own = _export(client, case.liaison, case)
    assert _import(client, case, edited(own, edit)).status_code == 302
    assert Measure.objects.get(pk=case.measures[0].pk).standard == "新标准"


def test_import_page_is_for_the_plans_editors_only(client, case, tree):
    url = f"/ledger/inspection/{case.inspection.pk}/import/"
    assert client.get(url).status_code == 302  # to the login page
    for user in [
        case.unit,
        user_with_role(Role.DISCIPLINE_REVIEWER, tree.city),
        user_with_role(Role.LEADERSHIP, tree.city),
        user_with_role(Role.AUDITOR, tree.city),
        user_with_role(Role.LIAISON, tree.other_street),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"ledger": upload(b"x")}).status_code == 404
    for user in [case.office, case.liaison]:
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_kept_columns_are_not_changed_by_import(client, case):
    content = _export(client, case.office, case)

    def edit(sheet):
        _set(sheet, f"M{case.measures[0].pk}:", "完成情况", "已完成")
        _set(sheet, f"M{case.measures[0].pk}:", "整改进展", "全部完成")

    response = _import(client, case, edited(content, edit))
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(3, "整改进展"), (3, "完成情况")]


def test_a_file_older_than_the_measure_is_refused(client, case):
    first = case.measures[0]
    content = _export(client, case.office, case)
    domain.update_measure(first, by=None, expected_version=1, standard="别人刚改的标准")

    def edit(sheet):
        _set(sheet, f"M{first.pk}:", "整改目标", "我的目标")

    response = _import(client, case, edited(content, edit))
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(3, "台账编号")]
    first.refresh_from_db()
    assert (first.target, first.standard) == ("目标", "别人刚改的标准")
    response = _import(client, case, content)  # the same old file, unedited: nothing to do
    assert response.status_code == 200 and len(response.context["result"].errors) == 1


def test_problems_are_relinked_by_number_within_the_plans_organisation(client, case):
    second = case.measures[1]
    content = _export(client, case.office, case)

    def relink(sheet):
        _set(sheet, f"M{second.pk}:", "反馈问题", "（2）调查研究不够扎实\n（3）")

    assert _import(client, case, edited(content, relink)).status_code == 302
    assert sorted(second.problems.values_list("position", flat=True)) == [2, 3]
    content = _export(client, case.office, case)

    def elsewhere(sheet):
        _set(sheet, f"M{second.pk}:", "反馈问题", "（4）")

    def reworded(sheet):
        _set(sheet, f"M{second.pk}:", "反馈问题", "（2）调查研究很扎实")

    for edit in (elsewhere, reworded):
        response = _import(client, case, edited(content, edit))
        assert [(e.row, e.column) for e in response.context["result"].errors] == [(4, "反馈问题")]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("台账.xlsx", "巡察整改台账".encode()),  # text pretending to be a workbook
        ("台账.pdf", b"%PDF-1.4 not a ledger"),
        ("台账.xlsx", b""),
    ],
)
def test_files_that_are_not_workbooks_are_refused(client, case, name, body):
    before = _state()
    client.force_login(case.office)
    response = _import(client, case, body, name)
    assert response.status_code == 200 and response.context["form"].errors
    assert _state() == before


def _workbook(rows) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_workbooks_that_are_not_ledgers_are_refused(client, case):
    from xuncha.ledger import columns as cols

    headers = [c.header for c in cols.INSPECTION_COLUMNS]
    before = _state()
    client.force_login(case.office)
    for rows, where in [
        ([], (None, "")),  # empty workbook
        ([["姓名", "单位"], ["张三", "办公室"]], (None, "")),  # not a ledger at all
        ([["标题"], headers], (2, "")),  # headers but no rows
        ([[*headers[:5], *headers[6:]], ["1"]], (1, "")),  # 整改措施 missing
        ([[*headers, "备注"], ["1"]], (1, "备注")),  # a column the ledger does not know
    ]:
        response = _import(client, case, _workbook(rows))
        result = response.context["result"]
        assert [(e.row, e.column) for e in result.errors] == [where], result.errors
    assert _state() == before


def test_corrupt_workbook_is_reported_not_crashed(case, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    result = import_ledger(case.inspection, by=case.office, source=path)
    assert not result.ok and result.errors[0].row is None


def test_import_in_english_reports_in_english(client, case):
    content = _export(client, case.office, case)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    def edit(sheet):
        _set(sheet, f"M{case.measures[0].pk}:", "整改时限", "尽快")

    response = _import(client, case, edited(content, edit))
    assert "Write the deadline as a date" in response.content.decode()


def test_domain_refusals_are_reported_and_roll_back_the_rows_before(client, case, tree):
    from tests.factories import complete_measure_fields

    domain.add_measure(case.plan, by=None, problems=[case.problems[2]], **complete_measure_fields(tree.street))
    domain.submit_plan(case.plan, by=None, on=date(2021, 8, 1))  # under review: its measures are frozen
    content = _export(client, case.office, case)
    before = _state()

    def edit(sheet):
        _set(sheet, f"M{case.other_measure.pk}:", "整改措施", "先改湖里区的措施")  # row 6: applied, then rolled back
        _set(sheet, f"M{case.measures[0].pk}:", "整改措施", "再改思明区的措施")  # row 3: refused by the domain

    response = _import(client, case, edited(content, edit))
    result = response.context["result"]
    assert _state() == before
    assert [(e.row, e.column) for e in result.errors] == [(3, "")]
    assert (result.updated, result.added) == (0, 0)


def test_a_terms_ledger_imports_on_each_inspection_for_its_own_rows(client, case, tree):
    from tests.factories import make_inspection
    from xuncha.findings.domain import add_aspect, add_problem

    later = make_inspection(
        case.inspection.term,
        [tree.street],
        title="对梧村街道的巡察",
        entry_on=date(2022, 3, 1),
        exit_on=date(2022, 3, 20),
        feedback_on=date(2022, 5, 1),
    )
    aspect = add_aspect(later, by=None, title="方面", today=date(2022, 4, 1))
    add_problem(later, by=None, aspect=aspect, title="街道的问题", organisation=tree.street, today=date(2022, 4, 1))
    client.force_login(case.office)
    content = b"".join(client.get(f"/ledger/term/{case.inspection.term.pk}/export.xlsx").streaming_content)
    before = _state()
    response = _import(client, case, content)
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(8, "巡察")]

    def only_ours(sheet):
        sheet.delete_rows(8)

    assert _import(client, case, edited(content, only_ours)).status_code == 302
    assert _state() == before


def test_text_longer_than_an_excel_cell_survives_a_round_trip(client, case):
    long = "一是加强学习。" * 6000  # 42,000 characters: Excel keeps 32,767
    domain.update_measure(case.measures[0], by=None, expected_version=1, content=long)
    content = _export(client, case.office, case)
    assert _import(client, case, content).status_code == 302
    assert Measure.objects.get(pk=case.measures[0].pk).content == long
