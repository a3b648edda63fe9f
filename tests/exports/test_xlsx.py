"""The one xlsx writer, read back with openpyxl as Excel would read it: value types, number
formats, header, widths, printing and formula-like text."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.test import override_settings
from django.utils.translation import override
from python_calamine import CalamineWorkbook

from tests.exports.sheets import column_widths
from xuncha.exports.formulas import FORMULA_START, needs_quote_prefix
from xuncha.exports.xlsx import (
    DATE_FORMAT,
    DATE_WIDTH,
    DATETIME_FORMAT,
    DECIMAL_FORMAT,
    PADDING,
    PORTRAIT_WIDTH,
    Field,
    display_width,
    sheet_name,
    workbook_bytes,
)


def _sheet(fields, rows, **options):
    options.setdefault("name", "测试")
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(fields, rows, **options))).active


def test_dates_and_times_are_real_dates_in_one_date_format():
    at = datetime(2026, 12, 2, 1, 30, 5, tzinfo=ZoneInfo("UTC"))
    with override_settings(TIME_ZONE="Asia/Shanghai"):
        sheet = _sheet([Field("日期"), Field("时间")], [(date(2025, 2, 20), at)])
    day, moment = sheet["A2"], sheet["B2"]
    assert day.is_date and day.value == datetime(2025, 2, 20) and day.number_format == DATE_FORMAT
    assert moment.is_date and moment.number_format == DATETIME_FORMAT
    assert moment.value == datetime(2026, 12, 2, 9, 30, 5)  # local time (UTC+8), as the pages show it
    assert DATE_FORMAT == 'yyyy"年"m"月"d"日"' and DATETIME_FORMAT.startswith(DATE_FORMAT)


def test_integers_and_decimals_are_numbers_and_text_stays_text():
    sheet = _sheet([Field("n"), Field("rate"), Field("text")], [(42, Decimal("93.5"), "0012"), (7, 12.25, "3")])
    assert (sheet["A2"].data_type, sheet["A2"].value, sheet["A2"].number_format) == ("n", 42, "General")
    assert (sheet["B2"].value, sheet["B2"].number_format) == (93.5, DECIMAL_FORMAT)
    assert (sheet["C2"].data_type, sheet["C2"].value) == ("s", "0012")  # never read as a number
    assert sheet["C3"].value == "3" and sheet["A3"].value == 7


def test_blank_cells_stay_empty():
    sheet = _sheet([Field("a"), Field("b")], [(None, ""), ("x", None)])
    assert sheet["A2"].value is None and sheet["B2"].value is None and sheet["A3"].value == "x"


def test_header_is_frozen_filtered_and_printed_on_every_page():
    sheet = _sheet([Field("甲"), Field("乙"), Field("丙")], [("1", "2", "3"), ("4", "5", "6")])
    assert [c.value for c in sheet[1]] == ["甲", "乙", "丙"] and sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet.print_title_rows == "$1:$1"


def test_a_title_row_moves_the_header_down():
    sheet = _sheet([Field("甲"), Field("乙")], [("1", "2")], title="对两区的巡察反馈问题整改台账")
    assert sheet["A1"].value == "对两区的巡察反馈问题整改台账" and "A1:B1" in str(sheet.merged_cells)
    assert (sheet.freeze_panes, sheet.auto_filter.ref, sheet.print_title_rows) == ("A3", "A2:B3", "$2:$2")


def test_an_empty_sheet_still_has_its_header_and_filter():
    sheet = _sheet([Field("甲"), Field("乙")], [])
    assert [c.value for c in sheet[1]] == ["甲", "乙"] and sheet.auto_filter.ref == "A1:B2"


def test_widths_fit_the_content_with_cjk_characters_counting_two():
    fields = [Field("a", width=40), Field("b", width=40), Field("c", width=10), Field("d", width=8)]
    rows = [("abcdefghijkl", "巡察整改情况", "很长的文字" * 20, date(2025, 12, 31)), ("ab", "整改", "", None)]
    widths = column_widths(_sheet(fields, rows))
    assert widths[1] == 12 + PADDING  # twelve ASCII characters
    assert widths[2] == 12 + PADDING  # six CJK characters, two columns each
    assert widths[3] == 10  # the column's widest: longer text wraps
    assert widths[4] >= DATE_WIDTH + PADDING  # a date never wraps: wider than the declared 8


def test_a_long_header_widens_its_column_up_to_the_cap():
    widths = column_widths(_sheet([Field("被巡察党组织名称", width=40), Field("x", width=40)], [("甲", "")]))
    assert widths[1] >= display_width("被巡察党组织名称") + PADDING  # and room for the filter button
    assert widths[2] < widths[1]


def test_every_cell_wraps_and_is_top_aligned():
    sheet = _sheet([Field("a", width=10)], [("第一行\n第二行",)])
    assert sheet["A2"].alignment.wrap_text and sheet["A2"].alignment.vertical == "top"
    assert sheet["A2"].value == "第一行\n第二行"


def test_a4_one_page_wide_landscape_only_when_wide():
    narrow = _sheet([Field("a", width=20)], [("x" * 20,)])
    wide = _sheet([Field(str(n), width=30) for n in range(5)], [tuple("x" * 30 for _ in range(5))])
    assert 5 * 30 > PORTRAIT_WIDTH > 20
    assert narrow.page_setup.paperSize == 9 and narrow.page_setup.orientation != "landscape"
    assert wide.page_setup.orientation == "landscape"
    for sheet in (narrow, wide):
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1)
        assert sheet.page_setup.fitToHeight == 0 and sheet.print_options.gridLines


def test_columns_kept_off_paper_stay_outside_the_print_area():
    fields = [Field("甲"), Field("乙"), Field("编号", printed=False)]
    sheet = _sheet(fields, [("1", "2", "K1"), ("3", "4", "K2")], name="整改台账", title="标题")
    assert sheet.print_area == "'整改台账'!$A$1:$B$4"
    assert sheet.auto_filter.ref == "A2:C4"  # the filter still covers it
    assert "A1:B1" in str(sheet.merged_cells)


def test_the_footer_numbers_pages_in_the_readers_language():
    with override("zh-hans"):
        sheet = _sheet([Field("a")], [("x",)])
    assert "第 &P 页，共 &N 页" in sheet.oddFooter.center.text
    assert "Page &P of &N" in _sheet([Field("a")], [("x",)], footer="Page &P of &N").oddFooter.center.text


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil.example","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'=1"]
)
def test_formula_like_text_is_quote_prefixed_and_kept_as_it_is(text):
    content = workbook_bytes([Field("a"), Field("b")], [(text, "普通的文字")], name="x")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cell = sheet["A2"]
    assert cell.data_type == "s"
    # the text itself is unchanged (as python-calamine reads it: openpyxl leaves "\r" as _x000D_)
    assert CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()[1][0] == text
    assert cell.quotePrefix  # Excel's own leading apostrophe: the cell stays text when edited
    assert not sheet["B2"].quotePrefix


def test_every_formula_start_owasp_names_is_neutralised():
    assert set(FORMULA_START) == {"=", "+", "-", "@", "\t", "\r"}
    assert all(needs_quote_prefix(start + "x") for start in FORMULA_START)
    assert needs_quote_prefix("'x")
    assert not any(needs_quote_prefix(v) for v in ("x=1", " =1", "巡察", "", 5, None, "－1"))


def test_text_longer_than_a_cell_is_written_as_fit_gives_it():
    long = "字" * 40000
    sheet = _sheet([Field("a"), Field("b")], [(long, "after")], fit=lambda text: text[:10] + "……")
    assert sheet["A2"].value == "字" * 10 + "……" and sheet["B2"].value == "after"


def test_progress_is_told_as_rows_pass():
    told = []
    workbook_bytes(
        [Field("a")], ((str(n),) for n in range(2500)), name="x", total=2500, progress=lambda *a: told.append(a)
    )
    assert told == [(1000, 2500), (2000, 2500), (2500, 2500)]


def test_display_width_counts_wide_characters_twice_and_takes_the_longest_line():
    assert display_width("abc") == 3
    assert display_width("巡察") == 4
    assert display_width("（1）") == 5  # full-width brackets are wide
    assert display_width("短\n长一些的行") == 10
    assert display_width("𠀀") == 2  # beyond the BMP (CJK Extension B)


def test_sheet_names_are_what_excel_accepts():
    assert sheet_name("整改台账") == "整改台账"
    assert sheet_name("a/b:c*d?[e]\\f") == "a_b_c_d__e__f"
    assert len(sheet_name("长" * 40)) == 31
    assert sheet_name("'quoted'") == "quoted" and sheet_name("") == "Sheet1"
