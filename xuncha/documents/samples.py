"""A sample of every document type the platform prints, for the page images in docs/documents/
(`xuncha documents samples`) and the layout tests (tests/documents), which render each sample
to PDF and measure it.

Each sample is a function without arguments (or with the keyword arguments given) that returns
an ``OfficialDocument`` with typical content, built by the same code as the real document where
that code needs no database. A new document type adds its entry here.
"""

from dataclasses import dataclass, field

from django.utils.module_loading import import_string

from xuncha.documents.content import OfficialDocument, blocks_from_text


@dataclass(frozen=True)
class Sample:
    name: str  # the document type, as the office calls it
    builder: str  # dotted path to a function returning an OfficialDocument
    arguments: dict = field(default_factory=dict)

    def build(self) -> OfficialDocument:
        return import_string(self.builder)(**self.arguments)


SAMPLES: dict[str, Sample] = {
    "official": Sample("通知（版头、版记）", "xuncha.documents.samples.official_notice"),
    "notice": Sample("督办通知书", "xuncha.supervision.document_text.sample", {"kind": "notice"}),
    "reminder": Sample("提醒书", "xuncha.supervision.document_text.sample", {"kind": "reminder"}),
    "warning_letter": Sample("告诫书", "xuncha.supervision.document_text.sample", {"kind": "warning_letter"}),
    "accountability": Sample("问责书", "xuncha.supervision.document_text.sample", {"kind": "accountability"}),
    "announcement": Sample("巡察公告", "xuncha.inspections.announcement.sample"),
    "report": Sample("整改进展情况通报", "xuncha.reports.docx_writer.sample"),
}


def official_notice() -> OfficialDocument:
    """A two-page notice with every part of GB/T 9704: red head, headings of both levels, full
    pages of body text, signature, date and imprint."""
    paragraph = (
        "各单位要深入学习贯彻习近平新时代中国特色社会主义思想，坚持把巡察整改作为重大政治任务，"
        "压紧压实整改主体责任，对照反馈意见逐条研究制定整改措施，明确责任领导、责任部门和完成时限，"
        "建立问题清单、任务清单、责任清单，实行销号管理，做到件件有着落、事事有回音。"
    )
    text = "\n".join(
        [
            "一、提高政治站位，切实扛起整改责任",
            paragraph,
            "（一）加强组织领导。" + paragraph,
            "（二）细化整改措施。" + paragraph,
            "二、聚焦问题整改，确保取得实效",
            paragraph,
            paragraph,
            "三、加强督促检查，巩固整改成果",
            "1.建立健全整改台账，每月报送整改进展情况。",
            "(1)对整改不力、敷衍整改的,依规依纪严肃追责问责。" + paragraph,
        ]
    )
    return OfficialDocument(
        title="关于进一步做好巡察反馈意见整改落实工作的通知",
        blocks=blocks_from_text(text),
        issuer_mark="中共厦门市委巡察工作领导小组办公室",
        number="厦巡办〔2025〕12号",
        addressee="各区委，市直各单位党组（党委）",
        signature="中共厦门市委巡察工作领导小组办公室",
        dated="2025年3月1日",
        copy_to="市纪委监委，市委组织部",
        printer="中共厦门市委巡察工作领导小组办公室",
        printed_on="2025年3月1日",
    )
