"""What an upload must be: one of the document kinds offices exchange, recognised by its
content (not its name), no larger than XUNCHA_UPLOAD_MAX_MB, and, if it is a zip-based file
(.docx, .xlsx, .ofd), within the archive bounds of `xuncha.files.untrusted`."""

import codecs
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xuncha.files.untrusted import DamagedArchive, UploadRefused, open_archive


@dataclass(frozen=True)
class Kind:
    extensions: tuple[str, ...]
    content_type: str


PDF = Kind((".pdf",), "application/pdf")
PNG = Kind((".png",), "image/png")
JPEG = Kind((".jpg", ".jpeg"), "image/jpeg")
DOCX = Kind((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = Kind((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
TEXT = Kind((".txt",), "text/plain")
OFD = Kind((".ofd",), "application/ofd")


def _sniff(head: bytes, upload) -> Kind | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            # the directory's bounds (member count, unpacked size, ratio) before zipfile reads it
            names = set(open_archive(upload).namelist())
        except DamagedArchive:
            return None
        except UploadRefused as error:
            raise ValidationError(error.message) from None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        if "OFD.xml" in names:
            return OFD
        return None
    return TEXT if _looks_like_text(head) else None


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 (the sample may end inside a character) or GB18030 text with no control bytes."""
    if b"\x00" in head:
        return False
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        try:
            text = codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
        except UnicodeDecodeError:
            return False
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    return controls <= len(text) // 100


def check_upload(upload) -> Kind:
    """Refuse anything too large, empty, of an unknown kind, or whose name lies about its content."""
    limit = settings.XUNCHA_UPLOAD_MAX_MB * 1024 * 1024
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(_("The file is larger than %(limit)d MB.") % {"limit": settings.XUNCHA_UPLOAD_MAX_MB})
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    kind = _sniff(head, upload)
    if kind is None:
        raise ValidationError(_("This kind of file is not accepted. Upload PDF, Word, Excel, OFD, image or text."))
    name = upload.name.lower()
    if not name.endswith(kind.extensions):
        raise ValidationError(
            _("The file's name does not match its content (it is a %(ext)s file).") % {"ext": kind.extensions[0]}
        )
    return kind
