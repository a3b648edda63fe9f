"""The measures of GB/T 9704-2012 (党政机关公文格式) that the writer applies.

* A4 paper; top margin (天头) 37 mm, left (订口) 28 mm; text area (版心) 156 × 225 mm, so the
  right margin is 26 mm and the bottom 35 mm.
* 22 lines of 28 characters: a line pitch of 225 mm / 22 ≈ 28.95 pt (579 twips), a character
  of 3号 (16 pt).
* Title 2号 小标宋; body 3号 仿宋; first-level headings 黑体, second-level 楷体; page numbers
  4号 半角宋体 between em dashes ("— 1 —"), 7 mm below the text area, odd pages on the right
  and even pages on the left, one character in from the edge.
* Chinese font names must reach East-Asian text: python-docx's ``font.name`` sets only the
  Latin slots (w:ascii, w:hAnsi), so every run also gets w:eastAsia.
"""

from docx.shared import Mm, Pt

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP_MARGIN, LEFT_MARGIN = Mm(37), Mm(28)
TEXT_WIDTH, TEXT_HEIGHT = Mm(156), Mm(225)
RIGHT_MARGIN = Mm(210 - 28 - 156)  # 26 mm
BOTTOM_MARGIN = Mm(297 - 37 - 225)  # 35 mm
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines, as Word's 579 twips
LINE_PITCH_TWIPS = 579

# Font sizes by their Chinese number (字号), in points.
SIZE_1, SIZE_2, SIZE_3, SIZE_4 = 26, 22, 16, 14

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING_1 = "黑体"
FONT_HEADING_2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"

RED = "FF0000"
CHAR = Pt(SIZE_3)  # one character (一字) of body text
PAGE_NUMBER_CHAR = Pt(SIZE_4)

# The page number's top lies 7 mm below the text area; the footer distance is measured from
# the paper's bottom edge to the footer line's bottom, so subtract the line height (≈ 4号).
PAGE_NUMBER_GAP = Mm(7)
FOOTER_DISTANCE = Mm(35 - 7 - 5)

# The issuing body's mark (发文机关标志) starts 35 mm below the top of the text area.
MARK_OFFSET = Mm(35)
