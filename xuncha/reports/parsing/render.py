"""The human-readable summary printed by `report parse` without --json.

Chinese labels, because the readers are inspection staff comparing the summary with the
report in front of them. Problem texts are left out; the JSON has them.
"""

from .model import CheckStatus, ParsedReport, ProblemStatus

STATUS_LABELS = {
    ProblemStatus.DONE: "已完成",
    ProblemStatus.BASICALLY_DONE: "基本完成",
    ProblemStatus.NOT_DONE: "未完成",
}
CHECK_MARKS = {CheckStatus.OK: "✓", CheckStatus.MISMATCH: "✗", CheckStatus.NOT_CHECKABLE: "–"}
KEY_LABELS = {
    "aspects_total": "方面数",
    "items_total": "项数",
    "problems_total": "问题数",
    "problems_done": "已完成问题",
    "problems_basically_done": "基本完成问题",
    "problems_not_done": "未完成问题",
    "problems_in_progress": "正在整改问题",
    "completion_rate": "整改完成率",
    "measures_total": "整改措施",
    "measures_done": "已完成措施",
    "tasks_total": "整改任务",
    "tasks_done": "已完成任务",
    "regulations_made": "建章立制",
    "topics_total": "专题",
    "clues_transferred": "移交问题线索",
    "clues_concluded": "办结问题线索",
    "clues_concluded_rate": "线索办结率",
    "petitions_received": "信访件",
    "petitions_concluded": "办结信访件",
    "petitions_in_progress": "在办信访件",
    "people_handled": "处理人数",
    "people_bureau_level": "厅局级干部",
    "people_division_level": "处级干部",
    "people_section_level": "科级干部",
    "people_soe_middle": "国企中层干部",
    "people_other_rank": "其他人员",
    "people_case_filed": "立案",
    "people_talk_reminder": "谈话提醒",
    "people_criticism": "批评教育",
    "people_criticism_help": "批评帮助",
    "people_ordered_review": "责令检查",
    "people_admonished": "诫勉",
    "people_sanctioned": "党纪政务处分",
    "people_org_handling": "组织处理",
    "people_referred": "移送纪检监察或司法机关",
}


def render_summary(report: ParsedReport) -> str:
    lines = [
        f"标题：{report.title or '（未注明）'}",
        f"发布单位：{report.issuer or '（未注明）'}",
        f"发布日期：{report.issued_on.isoformat() if report.issued_on else '（未注明）'}",
    ]
    inspection = report.inspection
    if inspection.body or inspection.start or inspection.feedback_on:
        period = " 至 ".join(day.isoformat() for day in (inspection.start, inspection.end) if day)
        lines.append(
            f"巡视巡察：{inspection.body or '（未注明）'}，{period or '日期未注明'}"
            f"，反馈 {inspection.feedback_on.isoformat() if inspection.feedback_on else '未注明'}"
        )
    counted = report.counted
    lines.append(
        f"结构：{counted.aspects} 个方面，{counted.items} 项，{counted.problems} 个问题，{counted.measures} 条措施段落"
    )
    lines.append("")
    for aspect in report.aspects:
        lines.append(f"({aspect.number}) {aspect.title}" if aspect.number else "（未分方面）")
        for problem in aspect.problems:
            lines.append(f"  {_problem_line(problem)}")
        for item in aspect.items:
            number = f"{item.number}." if item.number.isdigit() else f"({item.number})"
            lines.append(f"  {number} {item.title}")
            for problem in item.problems:
                lines.append(f"    {_problem_line(problem)}")
    if report.stated:
        lines += ["", "文中数字："]
        for entry in report.stated:
            label = KEY_LABELS.get(entry.key, entry.key)
            lines.append(f"  {label}：{entry.value}{entry.unit}（“{entry.phrase}”）")
    if report.checks:
        lines += ["", "核对："]
        for check in report.checks:
            lines.append(f"  {CHECK_MARKS[check.status]} {check.name}：{check.detail}")
    return "\n".join(lines) + "\n"


def _problem_line(problem) -> str:
    status = f" [{STATUS_LABELS[problem.status]}]" if problem.status else ""
    measures = f"（{len(problem.measures)} 条措施段落）" if problem.measures else ""
    return f"({problem.number}) {problem.title}{status}{measures}"
