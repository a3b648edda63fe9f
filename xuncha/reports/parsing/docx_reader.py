"""Word documents: paragraphs and table cells in document order, list numbers restored.

Offices write reports in Word, sometimes as a table (one row per problem) and sometimes
with Word's automatic list numbering. python-docx returns a paragraph's text without its
list number, so "(1)" and "1." would vanish and the tree with them; the numbers are
recomputed from numbering.xml for the common formats (decimal, Chinese counting, circled).
"""

import io
import re
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from . import messages
from .errors import ReportParseError
from .markers import circled
from .numerals import int_to_chinese

_LEVEL_REF = re.compile(r"%(\d)")


def read_docx(data: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(data))
        numbers = _ListNumbers(document)
        lines = [line for block in document.iter_inner_content() for line in _block_lines(block, numbers)]
    except ReportParseError:
        raise
    except Exception as error:  # python-docx, lxml and zipfile raise many types on damaged files
        raise ReportParseError(messages.DOCX_CORRUPT, error=type(error).__name__) from None
    return "\n".join(lines)


def _block_lines(block: Paragraph | Table, numbers: "_ListNumbers") -> list[str]:
    if isinstance(block, Paragraph):
        return [numbers.label(block) + block.text]
    lines: list[str] = []
    for row in block.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            for inner in cell.iter_inner_content():
                lines.extend(_block_lines(inner, numbers))
    return lines


class _ListNumbers:
    """Counters for Word's automatic numbering, advanced in document order."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract_levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.findall(_w("abstractNum")):
            abstract_id = abstract.get(_w("abstractNumId"))
            abstract_levels[abstract_id] = {
                int(level.get(_w("ilvl"), "0")): (
                    _val(level, "numFmt", "decimal"),
                    _val(level, "lvlText", ""),
                    _int(_val(level, "start", "1")),
                )
                for level in abstract.findall(_w("lvl"))
            }
        for num in root.findall(_w("num")):
            num_id = num.get(_w("numId"))
            abstract_id = _val(num, "abstractNumId", "")
            self.abstract_of[num_id] = abstract_id
            for ilvl, spec in abstract_levels.get(abstract_id, {}).items():
                self.levels[(num_id, ilvl)] = spec

    def label(self, paragraph: Paragraph) -> str:
        properties = paragraph._p.pPr
        num_pr = properties.numPr if properties is not None else None
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        spec = self.levels.get((num_id, ilvl))
        if spec is None:
            return ""
        counters = self.counters.setdefault(self.abstract_of.get(num_id, num_id), {})
        counters[ilvl] = counters.get(ilvl, spec[2] - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        fmt, text, _ = spec
        if fmt in ("bullet", "none"):
            return ""

        def render(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_spec = self.levels.get((num_id, level), spec)
            return _format(level_spec[0], counters.get(level, level_spec[2]))

        return _LEVEL_REF.sub(render, text)


def _format(fmt: str, value: int) -> str:
    if fmt.startswith(
        (
            "chineseCounting",
            "ideographTraditional",
            "japaneseCounting",
            "taiwaneseCounting",
            "ideographLegalTraditional",
        )
    ):
        return int_to_chinese(value)
    if fmt.startswith("decimalEnclosedCircle"):
        return circled(value)
    return str(value)


def _w(name: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{name}"


def _val(element: Any, child: str, default: str) -> str:
    found = element.find(_w(child))
    return found.get(_w("val"), default) if found is not None else default


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 1
