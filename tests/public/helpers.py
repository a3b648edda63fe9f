"""Shared by the public channel's tests: a published page of an open inspection, and a way to
pass the CAPTCHA the way a person does (reading the answer the image was drawn from)."""

import io
from datetime import date, timedelta

from django.utils import timezone

from tests.factories import dated_inspection
from xuncha.public import abuse
from xuncha.public.publishing import publish_pages


def open_page(tree, **kwargs):
    """The 码上巡 page of 思明区 in an inspection under way today."""
    today = timezone.localdate()
    options = {"entry_on": today - timedelta(days=3), "exit_on": today + timedelta(days=20), **kwargs}
    inspection = dated_inspection(tree, phone="0592-1234567", mailbox="厦门市A001信箱", **options)
    return publish_pages(inspection, by=None)[0]


def closed_page(tree):
    return open_page(tree, entry_on=date(2021, 1, 11), exit_on=date(2021, 2, 6))


def solved(client, url: str) -> dict:
    """GET the form page and read its challenge and the answer (as a person reads the picture)."""
    html = client.get(url).content.decode()
    challenge = html.split('name="challenge" value="', 1)[1].split('"', 1)[0]
    answer = abuse._open_challenge(challenge)[0]
    return {"challenge": challenge, "captcha": answer}


def photo_bytes(size=(640, 480), exif: bool = True) -> bytes:
    """A JPEG with a GPS position and a camera serial in its EXIF."""
    from PIL import Image

    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x0131] = "TestCam firmware"  # Software
        data[0xA431] = "SERIAL-12345"  # BodySerialNumber
        data[0x8825] = {1: "N", 2: (24.0, 29.0, 0.0), 3: "E", 4: (118.0, 5.0, 0.0)}  # GPS
        image.save(out, "JPEG", exif=data)
    else:
        image.save(out, "JPEG")
    return out.getvalue()
