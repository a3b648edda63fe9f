"""The progress report as an official document (GB/T 9704-2012 layout from xuncha.documents)."""

from xuncha.plans.dates import chinese_date
from xuncha.reports.content import ReportContent

_KINDS = {"h1": "heading_1", "h2": "heading_2"}


def report_docx(content: ReportContent) -> bytes:
    from xuncha.documents.content import Block, BlockKind, OfficialDocument
    from xuncha.documents.writer import render_docx

    blocks = [
        Block(block.text, BlockKind(_KINDS.get(block.level, "body")))
        for block in content.blocks
        if block.level in {"h1", "h2", "h3", "body"}
    ]
    document = OfficialDocument(
        title=content.title, blocks=blocks, signature=content.issuer, dated=chinese_date(content.issued_on)
    )
    return render_docx(document)
