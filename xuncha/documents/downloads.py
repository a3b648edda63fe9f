"""An official document sent as a download, in the format the user asked for: the .docx the
writer makes, or the PDF LibreOffice makes of it (pdf.py). When LibreOffice is missing or
fails, the PDF download answers a 503 page that says so and offers the Word file, instead of an
error; the failure is logged for the administrator."""

import logging

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from xuncha.documents.content import OfficialDocument
from xuncha.documents.pdf import PdfUnavailable, docx_to_pdf
from xuncha.documents.writer import render_docx
from xuncha.web.downloads import DOCX, download

PDF = "application/pdf"
FORMATS = ("docx", "pdf")

log = logging.getLogger(__name__)


def document_download(
    request,
    document: OfficialDocument,
    name: str,
    *,
    format: str = "docx",
    fallback: str | None = None,
    docx_url: str | None = None,
) -> HttpResponse:
    """`document` as ``<name>.docx`` or ``<name>.pdf`` (`fallback`: the ASCII stem). `docx_url`
    is offered on the 503 page when the PDF cannot be made."""
    if format not in FORMATS:
        raise Http404
    data = render_docx(document)
    fallback_name = f"{fallback}.{format}" if fallback else None
    if format == "docx":
        return download(data, f"{name}.docx", content_type=DOCX, fallback=fallback_name)
    try:
        pdf = docx_to_pdf(data)
    except PdfUnavailable as error:
        log.warning("PDF download refused: %s", error)
        referer = request.headers.get("referer", "")
        back = referer if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}) else None
        return render(request, "documents/pdf_unavailable.html", {"docx_url": docx_url, "back": back}, status=503)
    return download(pdf, f"{name}.pdf", content_type=PDF, fallback=fallback_name)
