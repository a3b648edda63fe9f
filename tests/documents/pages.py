"""Reading a rendered PDF page back as lines of characters, in millimetres."""

from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4  # points per millimetre
PITCH_MM = 225 / 22  # the line pitch
CHAR_MM = 156 / 28  # the character pitch
TOP, LEFT, RIGHT, BOTTOM = 37.0, 28.0, 184.0, 262.0  # the text area
HANGING = set("，。、；：？！”’）》")


@dataclass
class Line:
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def size(self) -> float:
        return max(c["size"] for c in self.chars)

    @property
    def top(self) -> float:  # the glyphs' top edge
        return min(c["top"] for c in self.chars) / MM

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars) / MM

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"] / MM

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"] / MM

    @property
    def x1_inside(self) -> float:
        """The right edge without punctuation hanging past the text area (标点悬挂)."""
        chars = self.chars[:-1] if self.chars[-1]["text"] in HANGING and self.x1 > RIGHT + 1 else self.chars
        return chars[-1]["x1"] / MM

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    def box_top(self) -> float:
        """The top of the line box: the glyphs sit centred in a line of the grid's pitch."""
        return self.top - (PITCH_MM - self.size / MM) / 2

    def box_bottom(self) -> float:
        return self.bottom + (PITCH_MM - self.size / MM) / 2


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[dict]  # {"x0", "x1", "top", "colour"} in mm

    def body_lines(self) -> list[Line]:
        """Lines inside the text area (not the page number below it)."""
        return [line for line in self.lines if line.bottom < BOTTOM + 1]

    def page_number(self) -> Line | None:
        below = [line for line in self.lines if line.top > BOTTOM]
        return below[0] if below else None


def read_pages(data: bytes) -> list[Page]:
    import io

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages, 1):
            groups: dict[int, list[dict]] = {}
            for char in sorted(page.chars, key=lambda c: (c["top"], c["x0"])):
                baseline = char["bottom"]
                key = next((k for k in groups if abs(k - baseline) < 2 * MM), None)
                groups.setdefault(baseline if key is None else key, []).append(char)
            lines = [Line(sorted(chars, key=lambda c: c["x0"])) for _key, chars in sorted(groups.items())]
            rules = []
            for shape in page.lines + page.rects:
                if abs(shape["top"] - shape["bottom"]) < 2 * MM and shape["x1"] - shape["x0"] > 50 * MM:
                    paint = shape.get("stroking_color") or shape.get("non_stroking_color") or ()
                    colour = tuple(round(v, 2) for v in paint)
                    rule = {"x0": shape["x0"] / MM, "x1": shape["x1"] / MM, "top": shape["top"] / MM, "colour": colour}
                    if rule not in rules:
                        rules.append(rule)
            pages.append(Page(index, float(page.width) / MM, float(page.height) / MM, lines, rules))
    return pages
