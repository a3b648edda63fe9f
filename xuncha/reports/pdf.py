"""The report's PDF goes through the documents' one LibreOffice conversion (xuncha.documents.pdf)."""

from xuncha.documents.pdf import PdfUnavailable, docx_to_pdf, soffice_path

__all__ = ["PdfUnavailable", "docx_to_pdf", "soffice_path"]
