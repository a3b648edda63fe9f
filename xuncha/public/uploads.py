"""Photos and files from the public: bounded before anything parses them, recognised by their
content, and images re-encoded so that nothing but the picture leaves the phone (no EXIF, no
GPS position, no camera serial, no embedded thumbnail or colour profile). A file's own name is
not kept either (it may be the reporter's): the intake names them 附件1.jpg, 附件2.pdf…"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

IMAGE_HEADS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")
LONGEST_SIDE = 2560


@dataclass(frozen=True)
class CleanFile:
    name: str
    content_type: str
    data: bytes


def _is_image(head: bytes) -> bool:
    return head.startswith(IMAGE_HEADS[:2]) or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")


def reencode_image(data: bytes, name: str) -> CleanFile:
    """The picture alone, as a JPEG no larger than LONGEST_SIDE: decoded only after its declared
    dimensions are within XUNCHA_PUBLIC_IMAGE_MAX_PIXELS (a decompression bomb is refused from
    its header), turned upright by its orientation tag, then written without any metadata."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    refused = ValidationError(_("The picture cannot be read. Send a JPEG, PNG or WebP photo."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in {"JPEG", "PNG", "WEBP"}:
                raise refused
            width, height = image.size
            if width * height > settings.XUNCHA_PUBLIC_IMAGE_MAX_PIXELS or width > 20000 or height > 20000:
                raise ValidationError(
                    _("The picture is too large (%(width)d × %(height)d pixels).") % {"width": width, "height": height}
                )
            image.load()
            image = ImageOps.exif_transpose(image)
            if image.mode not in {"RGB", "L"}:
                background = Image.new("RGB", image.size, "white")
                converted = image.convert("RGBA")
                background.paste(converted, mask=converted.getchannel("A"))
                image = background
            image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)  # no exif=, no icc_profile=: nothing kept
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombWarning,
            Image.DecompressionBombError):
        raise refused from None
    return CleanFile("photo.jpg", "image/jpeg", out.getvalue())


def strip_pdf(data: bytes) -> bytes:
    """The PDF rewritten without its document information and XMP metadata (author, the
    program and the machine's user name that made it), which would name the reporter."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("Send the PDF without a password."))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.metadata = None  # no document information dictionary at all (pages carry no XMP here)
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise ValidationError(_("The PDF cannot be read.")) from None
    return out.getvalue()


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
