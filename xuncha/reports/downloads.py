"""The progress report as a file, the same for the page's downloads and `report generate`."""

from xuncha.reports.content import ReportContent, build_report
from xuncha.reports.models import ReportDraft, ReportShape

DOCX = "docx"
PDF = "pdf"
FORMATS = (DOCX, PDF)
# The command line's words for the shapes.
SHAPES = {"problems": ReportShape.PROBLEM, "aspects": ReportShape.ASPECT}


def draft_for(inspection, organisation) -> ReportDraft:
    """The saved draft, else an unsaved empty one (reading writes nothing)."""
    found = ReportDraft.objects.filter(inspection=inspection, organisation=organisation).first()
    return found or ReportDraft(inspection=inspection, organisation=organisation)


def report_content(inspection, organisation, *, shape: str | None = None) -> ReportContent:
    return build_report(inspection, organisation, draft=draft_for(inspection, organisation), shape=shape)


def report_file(content: ReportContent, fmt: str) -> bytes:
    """The document as .docx, or as .pdf through LibreOffice (`pdf.PdfUnavailable` if it cannot)."""
    from xuncha.reports.docx_writer import report_docx

    data = report_docx(content)
    if fmt == PDF:
        from xuncha.documents.pdf import docx_to_pdf

        return docx_to_pdf(data)
    return data
