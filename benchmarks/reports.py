"""Report benchmarks shared by `xuncha bench_reports` and `xuncha bench run`: parsing a long
report beside reading and normalising its text (the parser's unavoidable part), and
generating a progress report (content and DOCX) beside writing the same paragraphs with bare
python-docx."""

import io
from datetime import date
from pathlib import Path

from benchmarks.measuring import measure


def long_report(megabytes: float) -> str:
    """Seed 004 with its body repeated until the text reaches `megabytes`: the same genre, longer."""
    seed = (Path(__file__).resolve().parents[1] / "xuncha" / "demo" / "fixtures" / "seed_004_huli_2022.txt").read_text()
    head, body = seed.split("二、", 1)
    text = head + "二、" + body
    while len(text.encode()) < megabytes * 2**20:
        text += "\n" + body
    return text


def parse_figures(*, megabytes: float, repeat: int) -> tuple[dict, dict, float]:
    """(figures, baseline, size in MB) of parsing a report of about `megabytes`."""
    from xuncha.reports.parsing import parse_text
    from xuncha.reports.parsing.normalize import normalize_text

    text = long_report(megabytes)
    return (
        measure(lambda: parse_text(text), repeat=repeat),
        measure(lambda: normalize_text(text), repeat=repeat),
        round(len(text.encode()) / 2**20, 2),
    )


def generate_figures(inspection, organisation, *, repeat: int, issued_on: date = date(2022, 1, 1)) -> tuple[dict, dict]:
    """(figures, baseline) of generating `organisation`'s progress report for `inspection`."""
    import docx

    from xuncha.reports.content import build_report
    from xuncha.reports.docx_writer import report_docx

    content = build_report(inspection, organisation, issued_on=issued_on)

    def generate():
        report_docx(build_report(inspection, organisation, issued_on=issued_on))

    def baseline():
        document = docx.Document()
        for block in content.blocks:
            document.add_paragraph(block.text)
        document.save(io.BytesIO())

    return measure(generate, repeat=repeat), measure(baseline, repeat=repeat)
