"""An official document as data: the parts GB/T 9704-2012 names, each optional but the title.

Text blocks are classified by their numbering so that generated or typed text gets the right
fonts: "一、" opens a first-level heading (黑体), "（一）" a second-level one (楷体); "1." and
"(1)" stay in body type, as the standard says. A numbered line that runs on into sentences
("一、总体情况。我们…") is body text with its numbering, not a heading.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    BODY = "body"
    HEADING_1 = "heading_1"
    HEADING_2 = "heading_2"


@dataclass(frozen=True)
class Block:
    text: str
    kind: BlockKind = BlockKind.BODY


@dataclass(frozen=True)
class Figure:
    """An image printed after the signature, with a caption under it (the 码上巡 codes on the
    announcement): PNG bytes and the printed width in millimetres."""

    png: bytes
    caption: str = ""
    width_mm: int = 40


@dataclass
class OfficialDocument:
    title: str
    blocks: list[Block] = field(default_factory=list)
    issuer_mark: str = ""  # 发文机关标志, printed red at the head
    number: str = ""  # 发文字号, e.g. 厦巡督〔2025〕3号
    addressee: str = ""  # 主送机关, without the colon
    signature: str = ""  # 发文机关署名
    dated: str = ""  # 成文日期, e.g. 2025年3月1日
    copy_to: str = ""  # 抄送, in the imprint (版记)
    printer: str = ""  # 印发机关, in the imprint
    printed_on: str = ""  # 印发日期, in the imprint
    figures: list[Figure] = field(default_factory=list)  # after the signature, side by side


_HEADING_1 = re.compile(r"^[一二三四五六七八九十百]+、")
_HEADING_2 = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")


def classify(text: str) -> BlockKind:
    body = text.strip()
    if "。" in body[:-1]:
        return BlockKind.BODY
    if _HEADING_1.match(body):
        return BlockKind.HEADING_1
    if _HEADING_2.match(body):
        return BlockKind.HEADING_2
    return BlockKind.BODY


def blocks_from_text(text: str) -> list[Block]:
    """One block per non-empty line, classified by its numbering."""
    return [Block(line.strip(), classify(line)) for line in text.splitlines() if line.strip()]


def text_width(text: str) -> float:
    """Width in characters (一字): ASCII letters and digits count half, as 半角 type is set."""
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text)
