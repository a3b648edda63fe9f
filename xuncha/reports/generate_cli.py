"""The core of `report generate`: the progress report of one organisation after one inspection,
written to a file, the same document as the page's download.

Exit codes: 0 written (what the document still lacks is listed on stderr, as the page shows
it); 2 no such inspection or organisation, or no feedback for it; 3 the PDF could not be
made (LibreOffice missing or failing).
"""

from pathlib import Path

from xuncha.reports.downloads import SHAPES, report_content, report_file

EXIT_OK = 0
EXIT_NOT_FOUND = 2
EXIT_NO_PDF = 3


def run_generate(*, inspection_id: int, organisation_id: int, shape: str | None, fmt: str, output: str | Path):
    """Return (exit code, stdout text, stderr text)."""
    from xuncha.documents.pdf import PdfUnavailable
    from xuncha.findings.models import Problem
    from xuncha.inspections.models import Inspection
    from xuncha.orgs.models import Organisation

    inspection = Inspection.objects.select_related("term__owner").filter(pk=inspection_id).first()
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if inspection is None or organisation is None:
        return EXIT_NOT_FOUND, "", "错误：没有这个巡视巡察或单位\n"
    if not Problem.objects.filter(inspection=inspection, organisation=organisation).exists():
        return EXIT_NOT_FOUND, "", f"错误：{organisation.name}没有本次{inspection.words.inspection}的反馈问题\n"
    content = report_content(inspection, organisation, shape=SHAPES[shape] if shape else None)
    try:
        data = report_file(content, fmt)
    except PdfUnavailable as error:
        return EXIT_NO_PDF, "", f"错误：无法生成PDF（{error}）\n"
    Path(output).write_bytes(data)
    if named := {person.clue for person in content.named}:
        # the command line names people from clues as the page does: logged as reads, by the
        # system (no user runs it), for the auditor (docs/confidentiality.md)
        from xuncha.clues.queries import log_clue_reads

        log_clue_reads(None, sorted(named, key=lambda c: c.pk), "viewed")
    warnings = "".join(f"提示：{_gap_line(gap)}\n" for gap in content.gaps)
    return EXIT_OK, f"{output}\n", warnings


def _gap_line(gap) -> str:
    from django.utils.translation import override

    with override("zh-hans"):
        if gap.problem is not None:
            return f"（{gap.problem.number}）{gap.problem.title}：{gap.message}"
        if gap.figure is not None:
            from django.utils.translation import gettext as _

            figure = gap.figure
            printed = _("the stated figure") if figure.uses_stated else _("the counted figure")
            return _("%(figure)s: stated %(stated)s, counted %(counted)s, printing %(printed)s") % {
                "figure": figure.label,
                "stated": figure.stated_value,
                "counted": "—" if figure.counted is None else figure.counted,
                "printed": printed,
            }
        return gap.message
