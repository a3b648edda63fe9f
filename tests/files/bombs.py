"""Files made to exhaust a parser, generated in the tests (none is kept in the repository)."""

import io
import re
import zipfile

import docx
import xlsxwriter


def far_cell_workbook(*, dimension: str | None = "keep") -> bytes:
    """A ~5 KB workbook with one cell at A1 and one at XFD1048576 (the last cell of a sheet):
    python-calamine lays it out as 17 billion cells. `dimension`: "keep" the declaration xlsxwriter
    writes (A1:XFD1048576), None to remove it, or a range to put in its place (a lie)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out)
    sheet = book.add_worksheet("整改台账")
    sheet.write(0, 0, "序号")
    sheet.write(1048575, 16383, "尾")
    book.close()
    content = out.getvalue()
    if dimension == "keep":
        return content

    def rewrite(xml: bytes) -> bytes:
        replacement = b"" if dimension is None else f'<dimension ref="{dimension}"/>'.encode()
        return re.sub(rb"<dimension [^>]*/>", replacement, xml)

    return rezipped(content, {"xl/worksheets/sheet1.xml": rewrite})


def rezipped(content: bytes, changes: dict) -> bytes:
    """The archive with some members' bytes passed through a function."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            change = changes.get(info.filename)
            target.writestr(info.filename, change(data) if change else data)
    return out.getvalue()


def inflating_docx(unpacked_mb: int = 500) -> bytes:
    """A Word document of about 500 KB whose body unpacks to `unpacked_mb` MB of text."""
    plain = io.BytesIO()
    docx.Document().save(plain)
    out = io.BytesIO()
    block = b"a" * (1024 * 1024)  # one paragraph, one run, one text of `unpacked_mb` MB
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "word/document.xml":
                target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            head, tail = data.split(b"<w:body>", 1)
            entry = zipfile.ZipInfo("word/document.xml", date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with target.open(entry, "w", force_zip64=True) as member:
                member.write(head + b"<w:body><w:p><w:r><w:t>")
                for _ in range(unpacked_mb):
                    member.write(block)
                member.write(b"</w:t></w:r></w:p>" + tail)
    return out.getvalue()


def many_members_zip(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        for n in range(count):
            archive.writestr(f"word/media/{n}.bin", b"")
    return out.getvalue()


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports ru_maxrss in KB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
