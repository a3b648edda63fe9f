"""The codes lead to the page's address on the public site, and the printed PNG carries exactly
the code of that address (no QR decoder in the environment: the PNG's modules are read back and
compared with the code segno makes of the URL, which differs for any other URL)."""

import io

import pytest
import segno
from PIL import Image

from tests.public.conftest import PUBLIC_BASE, publish
from xuncha.public import qr

pytestmark = pytest.mark.django_db


def read_modules(png: bytes, *, scale: int, border: int = 4) -> list[list[bool]]:
    """The dark/light modules of a code image, sampled at each module's centre."""
    image = Image.open(io.BytesIO(png)).convert("L")
    size, half = image.width // scale - 2 * border, scale // 2
    return [
        [image.getpixel(((border + x) * scale + half, (border + y) * scale + half)) < 128 for x in range(size)]
        for y in range(size)
    ]


def matrix(url: str) -> list[list[bool]]:
    return [[bool(v) for v in row] for row in segno.make(url, error=qr.ERROR, micro=False).matrix]


def test_a_page_code_opens_its_page_on_the_public_site(world):
    page = publish(world)[0]
    assert qr.page_url(page) == f"{PUBLIC_BASE}/m/{page.token}/"


def test_a_trailing_slash_in_the_setting_makes_no_double_slash(world, settings):
    page = publish(world)[0]
    settings.XUNCHA_PUBLIC_BASE_URL = PUBLIC_BASE + "/"
    assert qr.page_url(page) == f"{PUBLIC_BASE}/m/{page.token}/"


def test_without_the_public_address_there_is_no_code(world, settings):
    page = publish(world)[0]
    settings.XUNCHA_PUBLIC_BASE_URL = ""
    assert qr.page_url(page) is None


def test_the_png_carries_the_code_of_the_url(world):
    page = publish(world)[0]
    url = qr.page_url(page)
    modules = read_modules(qr.png(url, scale=6), scale=6)
    assert modules == matrix(url)
    other = f"{PUBLIC_BASE}/m/{'x' * len(page.token)}/"
    assert modules != matrix(other)  # the comparison can fail


def test_the_svg_draws_the_same_code_as_the_png(world):
    url = qr.page_url(publish(world)[0])
    svg = qr.svg(url, scale=4, title="思明区")
    assert svg.startswith("<svg") and "<title>思明区</title>" in svg
    assert 'fill="#fff"' in svg  # a white ground: the code reads in a dark theme too
    path = segno.make(url, error=qr.ERROR, micro=False).svg_inline(scale=4, border=4)
    assert path.split(' d="')[1].split('"')[0] in svg
