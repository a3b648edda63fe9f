"""Photos and files from the public: bounded before anything parses them, recognised by their
content, and images re-encoded so that nothing but the picture leaves the phone (no EXIF, no
GPS position, no camera serial, no embedded thumbnail or colour profile). A file's own name is
not kept either (it may be the reporter's): the intake names them 附件1.jpg, 附件2.pdf…"""

import base64
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

IMAGE_HEADS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")


@dataclass(frozen=True)
class CleanFile:
    name: str
    content_type: str
    data: bytes


def _is_image(head: bytes) -> bool:
    return head.startswith(IMAGE_HEADS[:2]) or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")


def _confined(reader: str, data: bytes, *args: str) -> dict:
    """Run a cleaner in the confined child; any failure there is a refusal of the file."""
    from xuncha.files.untrusted import ConfinedFailure, ConfinedReaderError, run_confined

    try:
        return run_confined(reader, data, *args)
    except ConfinedReaderError:
        return {"refused": "unreadable"}
    except ConfinedFailure as failure:
        raise ValidationError(str(failure)) from None


def reencode_image(data: bytes, name: str = "") -> CleanFile:
    """The picture alone, as a JPEG (xuncha/public/sanitise.py, in the confined child)."""
    result = _confined("public_image", data, str(settings.XUNCHA_PUBLIC_IMAGE_MAX_PIXELS))
    if "too_large" in result:
        width, height = result["too_large"]
        raise ValidationError(
            _("The picture is too large (%(width)d × %(height)d pixels).") % {"width": width, "height": height}
        )
    if "data" not in result:
        raise ValidationError(_("The picture cannot be read. Send a JPEG, PNG or WebP photo."))
    return CleanFile("photo.jpg", "image/jpeg", base64.b64decode(result["data"]))


def strip_pdf(data: bytes) -> bytes:
    """The PDF rewritten without its metadata (xuncha/public/sanitise.py, in the confined child):
    the document information and each page's metadata, annotations and actions would name the
    reporter or carry what they did not mean to send."""
    result = _confined("public_pdf", data)
    if result.get("refused") == "encrypted":
        raise ValidationError(_("Send the PDF without a password."))
    if "data" not in result:
        raise ValidationError(_("The PDF cannot be read."))
    cleaned = base64.b64decode(result["data"])
    if len(cleaned) > settings.XUNCHA_PUBLIC_FILE_MAX_MB * 1024 * 1024:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": settings.XUNCHA_PUBLIC_FILE_MAX_MB}
        )
    return cleaned


def clean_upload(upload) -> CleanFile:
    """One file from the public form: size first, then kind by content. Photos are re-encoded,
    PDFs rewritten without their metadata, text kept as it is; Word and Excel files are not
    taken here (their properties name the author, and nothing on a phone makes them)."""
    from xuncha.files.checks import check_upload

    limit = settings.XUNCHA_PUBLIC_FILE_MAX_MB * 1024 * 1024
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": settings.XUNCHA_PUBLIC_FILE_MAX_MB}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if _is_image(head):
        return reencode_image(upload.read(), upload.name)
    kind = check_upload(upload)
    upload.seek(0)
    if kind.content_type == "application/pdf":
        return CleanFile("attachment.pdf", kind.content_type, strip_pdf(upload.read()))
    if kind.content_type == "text/plain":
        return CleanFile("attachment.txt", kind.content_type, upload.read())
    raise ValidationError(_("Send photos (JPEG, PNG, WebP), PDF or text files."))
