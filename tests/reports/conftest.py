"""Fixture texts and builders for the report parser tests (no database, no Django settings).

The builders turn a report's lines into the file types offices upload: .docx (plain, with
a table, or with Word's automatic list numbering), HTML in GB18030, and a text-layer PDF
written by hand (a Type0 font with a ToUnicode map, which is all a text extractor needs).
"""

import io
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_004() -> str:
    return fixture_text("seed_004_huli_2022.txt")


@pytest.fixture(scope="session")
def seed_001() -> str:
    return fixture_text("seed_001_siming_2025.txt")


# --- .docx ----------------------------------------------------------------------------------

_PAREN_NUMBER = re.compile(r"^\((\d+)\)")


def build_docx(lines: list[str], *, table_from: str | None = None, auto_number_problems: bool = False) -> bytes:
    """A .docx with one paragraph per line.

    `table_from`: lines from the first one starting with this text go into a one-column
    table, one cell per line. `auto_number_problems`: "(n)" problem headings lose their
    typed number and get Word's list numbering "(%1)" instead.
    """
    document = docx.Document()
    num_id = _add_paren_numbering(document) if auto_number_problems else None
    table_rows: list[str] = []
    in_table = False
    for line in lines:
        if table_from is not None and line.startswith(table_from):
            in_table = True
        if in_table:
            table_rows.append(line)
            continue
        match = _PAREN_NUMBER.match(line)
        if num_id is not None and match:
            paragraph = document.add_paragraph(line[match.end() :])
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        else:
            document.add_paragraph(line)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=1)
        for row, line in zip(table.rows, table_rows, strict=True):
            row.cells[0].text = line
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_paren_numbering(document) -> int:
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


# --- HTML -----------------------------------------------------------------------------------


def build_html(lines: list[str]) -> bytes:
    """A saved government page: head, scripts, navigation furniture, GB2312 declared, GB18030 bytes."""
    body = "\n".join(f'<p style="text-indent:2em">&nbsp;&nbsp;{_escape(line)}</p>' for line in lines)
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>湖里区 - 巡视整改</title>
<style>p {{ margin: 0 }}</style>
<script>var share = "打印本页"; document.write("<p>不应出现</p>");</script>
</head>
<body>
<div class="nav">首页 &gt; 政务公开 &gt; 通知公告</div>
<div class="tools">【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="article">
{body}
</div>
<div class="foot"><a href="#">打印本页</a></div><div><a href="#">关闭窗口</a></div>
<div>扫一扫在手机上查看当前页面</div>
</body></html>"""
    return page.encode("gb18030")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- PDF ------------------------------------------------------------------------------------


def build_pdf(lines: list[str], *, lines_per_page: int = 60) -> bytes:
    """A text-layer PDF: glyph ids mapped to Unicode through a ToUnicode CMap.

    The font itself is not embedded (a viewer would substitute STSong); extraction only
    reads the CMap. An empty `lines` gives a PDF with pages but no text layer.
    """
    chars = sorted({char for line in lines for char in line})
    cid = {char: index + 1 for index, char in enumerate(chars)}
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    to_unicode = add(_stream(_cmap(cid)))
    descendant = add(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    font = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        f"/DescendantFonts [{descendant} 0 R] /ToUnicode {to_unicode} 0 R >>".encode()
    )
    page_ids = []
    for page_lines in pages:
        operations = ["BT", "/F1 10 Tf", "12 TL", "30 810 Td"]
        operations += [f"<{''.join(f'{cid[c]:04X}' for c in line)}> Tj T*" for line in page_lines]
        operations.append("ET")
        content = add(_stream("\n".join(operations).encode()))
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    kids = " ".join(f"{page} 0 R" for page in page_ids)
    objects[pages_id - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def _cmap(cid: dict[str, int]) -> bytes:
    pairs = [f"<{code:04X}> <{''.join(f'{unit:04X}' for unit in _utf16(char))}>" for char, code in cid.items()]
    blocks = "\n".join(
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar"
        for chunk in (pairs[i : i + 100] for i in range(0, len(pairs), 100))
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{blocks}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode()


def _utf16(char: str) -> list[int]:
    data = char.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write
