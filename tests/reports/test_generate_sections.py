"""The sections of the generated progress report, each from its rows (content.py, casework.py)."""

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import OrganisationFactory, approved_plan, make_inspection, make_term
from xuncha import tallies
from xuncha.clues.enums import ClueStatus
from xuncha.clues.models import Clue, CluePerson
from xuncha.findings.domain import add_aspect, add_problem
from xuncha.orgs.enums import OrgLevel
from xuncha.people.enums import Rank
from xuncha.rectification.enums import MeasureStatus
from xuncha.rectification.models import Measure, Plan
from xuncha.reports import domain
from xuncha.reports.content import build_report, progress_lines
from xuncha.reports.models import ReportDraft, StatedFigure
from xuncha.reports.parsing import parse_text
from xuncha.reports.punctuation import chinese_punctuation

pytestmark = pytest.mark.django_db


def _statuses(measures, *statuses):
    for measure, status in zip(measures, statuses, strict=True):
        Measure.objects.filter(pk=measure.pk).update(status=status)
    tallies.inspection_changed(measures[0].plan.inspection_id)


@pytest.mark.django_db(False)
def test_ledger_text_gets_chinese_punctuation_and_nested_quotes():
    assert chinese_punctuation("(1)学习还不够到位,要求:加强") == "（1）学习还不够到位，要求：加强"
    assert chinese_punctuation("投资1,000万元,8:30开会,浓度1.734mg/L") == "投资1,000万元，8:30开会，浓度1.734mg/L"
    assert chinese_punctuation("“存在问题4:围绕“高颜值”推进”") == "“存在问题4：围绕‘高颜值’推进”"
    assert chinese_punctuation("f(x) = y") == "f(x) = y"  # no Chinese: untouched


def test_steps_are_numbered_in_chinese_beyond_ten_and_sub_problems_are_kept(tree):
    inspection, plan, _measures = approved_plan(tree, 1)
    problem = inspection.problems.get()
    problem.text = "标题。\n整改情况:\n①针对甲问题。\n一是第一步甲。\n二是第二步甲。\n②针对乙问题。乙的整改一段话。"
    problem.save()
    made = [Measure(plan=plan, number=10 + n, content=f"第{n + 1}步", lead_unit=tree.street) for n in range(11)]
    measures = Measure.objects.bulk_create(made)
    tallies.inspection_changed(inspection.pk)
    lines = progress_lines(problem, list(measures))
    assert lines[0].startswith("一是") and lines[10] == "十一是第11步"
    split = [
        Measure(plan=plan, number=30, content="第一步甲。", lead_unit=tree.street),
        Measure(plan=plan, number=31, content="第二步甲。", lead_unit=tree.street),
        Measure(plan=plan, number=32, content="针对乙问题。乙的整改一段话。", lead_unit=tree.street),
    ]
    lines = progress_lines(problem, Measure.objects.bulk_create(split))
    tallies.inspection_changed(inspection.pk)
    assert lines == ["①针对甲问题。", "一是第一步甲。", "二是第二步甲。", "②针对乙问题。乙的整改一段话。"]


def test_problem_shape_prints_each_problem_with_its_progress_and_the_statuses(tree):
    inspection, _plan, measures = approved_plan(tree, 3)
    _statuses(measures, MeasureStatus.DONE, MeasureStatus.BASICALLY_DONE, MeasureStatus.IN_PROGRESS)
    content = build_report(inspection, tree.district, issued_on=date(2022, 2, 22))
    text = content.text
    assert "（1）问题1。\n整改情况：\n措施" in text
    assert "完成问题整改1个，基本完成整改1个、未完成整改1个" in text
    again = parse_text(text)
    assert [p.status.value for p in again.problems()] == ["done", "basically_done", "not_done"]
    # no casework: section 三 is the unfinished problems' (the sections close up)
    assert "三、未完成和基本完成事项的说明" in text and "有关情况说明：【待补充】" in text
    assert {g.problem.number for g in content.gaps if g.kind == "explanation"} == {"2", "3"}


def test_not_stated_problems_are_out_of_the_rates_and_never_not_done(tree):
    inspection, _plan, measures = approved_plan(tree, 3)
    _statuses(measures, MeasureStatus.DONE, MeasureStatus.NOT_STATED, MeasureStatus.NOT_STATED)
    content = build_report(inspection, tree.district)
    assert "完成问题整改1个，基本完成整改0个、未完成整改0个，另有2个问题未标明整改状态" in content.text
    assert "四、未完成" not in content.text
    _statuses(measures, MeasureStatus.NOT_STATED, MeasureStatus.NOT_STATED, MeasureStatus.NOT_STATED)
    content = build_report(inspection, tree.district)
    assert "完成问题整改" not in content.text and "未完成" not in content.text
    assert [g.kind for g in content.gaps if g.kind == "not_stated"] == ["not_stated"]


def test_unfinished_problems_print_their_explanation(tree):
    inspection, _plan, measures = approved_plan(tree, 2)
    _statuses(measures, MeasureStatus.DONE, MeasureStatus.IN_PROGRESS)
    problem = measures[1].problems.get()
    domain.save_explanation(
        problem, by=None, reason="工作量大", next_steps="一是加快推进。", complete_by=date(2022, 12, 31)
    )
    content = build_report(inspection, tree.district)
    expected = (
        "“存在问题2：问题2”问题。\n有关情况说明：工作量大\n下一步措施：一是加快推进。\n完成时限：2022年12月31日前"
    )
    assert expected in content.text
    assert not [g for g in content.gaps if g.kind == "explanation"]
    from xuncha.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="reports.explanation.saved", object_id=str(problem.pk)).exists()


def test_words_follow_the_inspecting_body_and_the_contact_comes_from_the_inspection(tree):
    inspection, _plan, _measures = approved_plan(tree, 1)  # the city's inspection: 巡察
    inspection.phone, inspection.mailbox = "0592-1111111", "厦门市1号信箱"
    inspection.save(update_fields=["phone", "mailbox"])
    content = build_report(inspection, tree.district)
    assert "巡视" not in content.text
    assert "开展巡察" in content.text and "巡察组反馈巡察意见" in content.text
    assert content.title.endswith("关于巡察整改进展情况的通报")
    assert "联系电话：0592-1111111；通信地址：厦门市1号信箱" in content.text
    assert not [g for g in content.gaps if g.kind == "contact"]
    draft = ReportDraft(inspection=inspection, organisation=tree.district, contact_phone="0592-2222222")
    assert "联系电话：0592-2222222" in build_report(inspection, tree.district, draft=draft).text

    province = OrganisationFactory(name="中共福建省委员会", level=OrgLevel.PROVINCE)
    district = OrganisationFactory(name="中共厦门市同安区委员会", level=OrgLevel.DISTRICT, parent=province)
    provincial = make_inspection(make_term(province, name="省委"), [district], team_name="省委巡视二组")
    aspect = add_aspect(provincial, by=None, title="方面", today=date(2000, 1, 1))
    add_problem(provincial, by=None, aspect=aspect, title="问题", organisation=district, today=date(2000, 1, 1))
    Plan.objects.create(inspection=provincial, organisation=district)
    text = build_report(provincial, district).text
    assert "巡察" not in text and "开展巡视" in text and "巡视组反馈巡视意见" in text
    assert any(g.kind == "contact" for g in build_report(provincial, district).gaps)


def test_stated_figure_prints_only_when_chosen_and_both_show_as_a_gap(tree):
    inspection, _plan, _measures = approved_plan(tree, 2)
    figure = StatedFigure.objects.create(
        inspection=inspection, organisation=tree.district, key="measures_total", value=Decimal(9)
    )
    content = build_report(inspection, tree.district)
    assert "研究制定整改措施2项" in content.text
    [gap] = [g for g in content.gaps if g.kind == "stated"]
    assert (gap.figure.stated_value, gap.figure.counted) == (9, 2)
    domain.choose_stated_figure(figure, by=None, use_in_report=True)
    content = build_report(inspection, tree.district)
    assert "研究制定整改措施9项" in content.text
    assert [g.kind for g in content.gaps if g.kind == "stated"] == ["stated"]  # the check stays


def _clue(inspection, serial, *people):
    clue = Clue.objects.create(
        inspection=inspection,
        serial=serial,
        allegation="反映问题",
        source="talk",
        status=ClueStatus.CONCLUDED,
        received_on=date(2021, 2, 1),
        transferred_on=date(2021, 3, 1),
        concluded_on=date(2021, 9, 1),
    )
    return [
        CluePerson.objects.create(clue=clue, name=name, rank=rank, position="某局原科长", disposition=disposition)
        for name, rank, disposition in people
    ]


def test_casework_section_counts_by_form_and_rank_and_names_only_those_ticked(tree):
    inspection, _plan, _measures = approved_plan(tree, 1)
    people = _clue(
        inspection,
        1,
        ("甲某", Rank.DIVISION, "admonishment"),
        ("乙某", Rank.SECTION, "criticism"),
        ("丙某", Rank.SECTION, "heavy_sanction"),
    )
    _clue(inspection, 2, ("丁某", Rank.SOE_MIDDLE, "case_filed"))
    content = build_report(inspection, tree.district)
    text = content.text
    assert "三、移交问题线索和信访件办理情况" in text
    assert "共移交问题线索2条" in text and "已办结2条" in text and "转立案1条1人" in text
    assert "对4名相关责任人作出处理，涉及处级干部1人，科级干部2人，国企中层及以上干部1人" in text
    assert "运用第一种形态2人、第三种形态1人，立案1人" in text
    assert "甲某" not in text and "丙某" not in text  # nobody named unless ticked
    draft = ReportDraft.objects.create(inspection=inspection, organisation=tree.district)
    domain.list_persons(draft, by=None, persons=[people[0], people[2]])
    text = build_report(inspection, tree.district, draft=draft).text
    assert "（一）党纪政务处分情况\n已对某局原科长丙某予以党纪政务重处分。" in text
    assert "（二）诫勉情况\n已对某局原科长甲某予以诫勉。" in text
    assert "乙某" not in text
    again = parse_text(text)
    assert again.stated_values("clues_transferred") == [2]
    assert 4 in again.stated_values("people_handled")


def test_casework_of_an_inspection_of_several_organisations_is_not_printed(tree):
    from tests.factories import two_target_inspection

    made = two_target_inspection(tree)
    _clue(made.inspection, 1, ("甲某", Rank.DIVISION, "admonishment"))
    content = build_report(made.inspection, tree.district)
    assert "移交问题线索" not in content.text and "甲某" not in content.text
    assert [g.kind for g in content.gaps if g.kind == "casework"] == ["casework"]


@pytest.mark.django_db(False)
def test_sample_is_an_official_document_for_the_layout_samples():
    from xuncha.documents.content import BlockKind
    from xuncha.documents.writer import render_docx
    from xuncha.reports.docx_writer import sample

    document = sample()
    assert document.title.endswith("关于巡视整改进展情况的通报") and document.dated == "2022年2月22日"
    kinds = [block.kind for block in document.blocks]
    assert BlockKind.HEADING_1 in kinds and BlockKind.HEADING_2 in kinds
    assert render_docx(document).startswith(b"PK")
