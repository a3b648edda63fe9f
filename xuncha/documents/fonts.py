"""The GB/T 9704-2012 typefaces and what stands in for each where it is not installed.

The standard names four faces (小标宋 for titles, 仿宋_GB2312 for body text, 黑体 and 楷体_GB2312
for headings) and 宋体 for page numbers. Offices have them; servers and many laptops do not.
Each face is declared with its fallbacks in order: the Windows and macOS names first (what a
reader's Word substitutes), then the free Noto CJK faces (Debian's fonts-noto-cjk) that the
PDF conversion uses on a server. The fallbacks reach the document twice:

* in the .docx font table (``w:altName`` and the GB2312 character set, so Word and WPS pick a
  Chinese face rather than python-docx's default Japanese ones);
* in a fontconfig file (``fontconfig_file``) given to LibreOffice when it makes the PDF, so an
  unknown 仿宋_GB2312 becomes Noto Serif CJK SC, not whatever face fontconfig tries first for
  the language.
"""

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Face:
    name: str
    fallbacks: tuple[str, ...]
    family: str  # the font table's w:family: roman (serif), swiss (sans) or modern

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.fallbacks)


TITLE = Face("方正小标宋简体", ("方正小标宋_GBK", "华文中宋", "STZhongsong", "Noto Serif CJK SC"), "roman")
BODY = Face("仿宋_GB2312", ("仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC"), "roman")
HEADING_1 = Face("黑体", ("SimHei", "STHeiti", "Noto Sans CJK SC"), "swiss")
HEADING_2 = Face("楷体_GB2312", ("楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC"), "roman")
PAGE_NUMBER = Face("宋体", ("SimSun", "STSong", "Noto Serif CJK SC"), "roman")
# Arabic numerals and Latin letters in titles and text, as Chinese offices' templates set them:
# half-width (digits half a character), so that widths are known whatever face prints the Chinese
LATIN = Face("Times New Roman", ("Liberation Serif", "Tinos", "DejaVu Serif"), "roman")

FACES = (TITLE, BODY, HEADING_1, HEADING_2, PAGE_NUMBER, LATIN)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def font_table_xml() -> bytes:
    """word/fontTable.xml naming only our faces, each with its first fallback and GB2312."""
    fonts = "".join(
        f'<w:font w:name="{escape(face.name)}"><w:altName w:val="{escape(face.fallbacks[0])}"/>'
        f'<w:charset w:val="{0 if face is LATIN else 86}"/><w:family w:val="{face.family}"/>'
        '<w:pitch w:val="variable"/></w:font>'
        for face in FACES
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{_W}">{fonts}</w:fonts>'
    ).encode()


def fontconfig_xml() -> str:
    """A fontconfig file: the system's configuration, then each GB face preferring its fallbacks."""
    aliases = "".join(
        '<alias binding="same"><family>{}</family><prefer>{}</prefer></alias>'.format(
            escape(face.name), "".join(f"<family>{escape(name)}</family>" for name in face.fallbacks)
        )
        for face in FACES
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"{aliases}</fontconfig>\n"
    )


def fontconfig_file(directory: Path) -> Path:
    path = directory / "fonts.conf"
    path.write_text(fontconfig_xml(), encoding="utf-8")
    return path
