"""The QR codes of the 码上巡 pages (segno, pure Python): the address a code opens, an SVG for
screens and a PNG for print.

The address is the public site's (XUNCHA_PUBLIC_BASE_URL) and its path comes from the public
site's own URL configuration, so a staff site that does not serve the public pages still prints
the right path. Without the setting there is no address: callers say what to set instead of
printing a code that leads nowhere.
"""

import io

import segno
from django.conf import settings
from django.urls import reverse

PUBLIC_URLCONF = "xuncha.public.site_urls"
ERROR = "m"  # 15 % of the code may be soiled or torn and it still reads (posters hang outdoors)


def base_url() -> str:
    return (settings.XUNCHA_PUBLIC_BASE_URL or "").strip().rstrip("/")


def page_url(page) -> str | None:
    """The address the page's code opens, or None when the public site's address is not set."""
    base = base_url()
    if not base:
        return None
    return base + reverse("public:page", args=[page.token], urlconf=PUBLIC_URLCONF)


def make(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR, micro=False)


def svg(url: str, *, scale: int = 4, title: str = "") -> str:
    """The code as an inline <svg> element (dark modules on white, with the quiet zone)."""
    return make(url).svg_inline(scale=scale, border=4, light="#fff", dark="#000", title=title or None)


def png(url: str, *, scale: int = 10) -> bytes:
    """The code as a PNG, `scale` pixels per module with the four-module quiet zone."""
    buffer = io.BytesIO()
    make(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
