"""The cleaning of the public's photos and PDFs, run in the confined child process
(xuncha.files.confined, through xuncha.files.untrusted.run_confined): hostile files are parsed
under memory and CPU limits, in a process that holds none of the public host's secrets. No
Django here. Results travel as JSON: bytes base64-encoded, refusals as a reason."""

import base64
import io
import warnings

LONGEST_SIDE = 2560
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
PAGE_KEYS_DROPPED = ("/Metadata", "/PieceInfo", "/AA", "/Annots", "/Thumb")


def image(data: bytes, max_pixels: str) -> dict:
    """The picture alone, as a JPEG no larger than LONGEST_SIDE: decoded only after its declared
    dimensions pass `max_pixels` (a decompression bomb is refused from its header), a large
    JPEG decoded at a reduced scale, turned upright by its orientation tag, then written with
    nothing but the pixels: no EXIF, no XMP, no colour profile, no JPEG comment."""
    from PIL import Image, ImageOps

    limit = int(max_pixels)
    Image.MAX_IMAGE_PIXELS = None  # the bound is ours, checked below from the header
    with warnings.catch_warnings():
        picture = Image.open(io.BytesIO(data))
        if picture.format not in IMAGE_FORMATS:
            return {"refused": "format"}
        width, height = picture.size
        if width * height > limit or width > 20000 or height > 20000:
            return {"too_large": [width, height]}
        if picture.format == "JPEG":
            picture.draft("RGB", (LONGEST_SIDE, LONGEST_SIDE))
        picture.load()
        picture = ImageOps.exif_transpose(picture)
        if picture.mode not in {"RGB", "L"}:
            background = Image.new("RGB", picture.size, "white")
            converted = picture.convert("RGBA")
            background.paste(converted, mask=converted.getchannel("A"))
            picture = background
        picture.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
        clean = Image.new(picture.mode, picture.size)  # a new image: no info, comment or profile
        clean.paste(picture)
        out = io.BytesIO()
        clean.save(out, "JPEG", quality=85, optimize=True)
    return {"data": base64.b64encode(out.getvalue()).decode()}


def pdf(data: bytes) -> dict:
    """The PDF's pages rewritten into a new document without its document information, and each
    page without its metadata stream, annotations (their authors, attached files, scripts),
    actions and private application data."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return {"refused": "encrypted"}
    writer = PdfWriter()
    for source in reader.pages:
        for key in PAGE_KEYS_DROPPED:  # dropped before the copy, so that what they point to is not copied
            if NameObject(key) in source:
                del source[NameObject(key)]
        writer.add_page(source)
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return {"data": base64.b64encode(out.getvalue()).decode()}
