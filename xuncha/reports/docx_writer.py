"""The progress report handed to the official-document writer (xuncha.documents).

The report's content (content.py) is headings and paragraphs; this module is the only place
that knows the writer's API: `official_document` maps the content onto the writer's
`OfficialDocument`, `report_docx` renders it. Re-pointing the report at another writer
changes this module only.
"""

from datetime import date

from xuncha.plans.dates import chinese_date
from xuncha.reports.content import ReportContent

_KINDS = {"h1": "heading_1", "h2": "heading_2"}
_BODY_LEVELS = {"h1", "h2", "h3", "body"}


def official_document(content: ReportContent):
    from xuncha.documents.content import Block, BlockKind, OfficialDocument

    blocks = [
        Block(block.text, BlockKind(_KINDS.get(block.level, "body")))
        for block in content.blocks
        if block.level in _BODY_LEVELS
    ]
    dated = chinese_date(content.issued_on)
    # 版记: printed by the issuer's general office (区委办公室), on the date of issue
    return OfficialDocument(
        title=content.title,
        blocks=blocks,
        signature=content.issuer,
        dated=dated,
        copy_to=content.copy_to,
        printer=f"{content.issuer}办公室" if content.issuer else "",
        printed_on=dated,
    )


def report_docx(content: ReportContent) -> bytes:
    from xuncha.documents.writer import render_docx

    return render_docx(official_document(content))


def sample():
    """A short progress report, made without a database: the document the layout's samples
    show for this kind (an `OfficialDocument`, rendered by the writer)."""
    content = ReportContent(
        title="中共厦门市湖里区委关于巡视整改进展情况的通报",
        issuer="中共厦门市湖里区委",
        issued_on=date(2022, 2, 22),
        copy_to="中共福建省委巡视工作领导小组办公室",
    )
    add = content.add
    add(
        "body",
        "2021年1月11日至2021年2月6日，省委巡视一组对湖里区委开展巡视。2021年6月25日，巡视组反馈巡视意见，"
        "指出了4个方面12项共35个问题。",
    )
    add(
        "body",
        "自整改工作启动以来，研究制定整改措施112项，完成问题整改30个，基本完成整改4个、未完成整改1个。"
        "现将有关情况报告如下：",
    )
    add("h1", "一、提高认识、加强领导，确保整改工作有序开展")
    add("body", "一是提高政治站位。巡视组反馈意见前区委即召开专题会议，组织学习关于巡视工作的重要论述。")
    add("h1", "二、坚持目标导向和结果导向，围绕反馈意见逐条落实逐条整改")
    add("h2", "（一）落实党的理论和路线方针政策、党中央重大决策部署以及省委工作要求方面")
    add("h3", "1.全方位推进高质量发展超越还存在短板。")
    add("body", "（1）经济总量不够大、实力不够强仍是发展的头等问题。")
    add("body", "整改情况：")
    add("body", "一是坚持目标导向。在区党代会、“两会”报告中明确“十四五”期间的发展目标。")
    add("body", "二是强化产业支撑。成立了区产业发展领导小组及办公室。")
    add("h1", "三、移交问题线索和信访件办理情况")
    add("body", "省委巡视一组共移交问题线索6条、信访件65件，湖里区委依规依纪组织调查核实。")
    add("h1", "四、未完成和基本完成事项的说明")
    add("h2", "（一）未完成的整改事项")
    add("body", "“存在问题12：老旧小区、城中村隐患较多”问题。")
    add("body", "有关情况说明：老旧小区整体改造工作需三年完成，目前正按计划推进。")
    add("body", "下一步措施：加快推动老旧小区改造工程。")
    add("body", "完成时限：2022年12月31日前并长期坚持")
    add("body", "欢迎广大干部群众对巡视整改落实情况进行监督。如有意见建议，请及时向我们反馈，联系电话：0592-1234567。")
    return official_document(content)
