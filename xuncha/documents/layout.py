"""The measures of GB/T 9704-2012 (党政机关公文格式) that the writer applies.

* A4 paper; top margin (天头) 37 mm, left (订口) 28 mm; text area (版心) 156 × 225 mm, so the
  right margin is 26 mm and the bottom 35 mm.
* 22 lines of 28 characters: a line pitch of 225 mm / 22 ≈ 28.95 pt (579 twips) and a
  character pitch of 156 mm / 28 ≈ 15.79 pt. A 3号 character is 16 pt wide, so the grid's
  character pitch is set (Word's 文档网格 "每行28字") and body runs are set 0.3 pt tighter,
  which is what puts 28 characters on a line in LibreOffice, which lays out its own character
  grid with whole cells only (a 16 pt character would take two 15.79 pt cells).
* Title 2号 小标宋; body 3号 仿宋; first-level headings 黑体, second-level 楷体; page numbers
  4号 半角宋体 between em dashes ("— 1 —"), 7 mm below the text area, odd pages on the right
  and even pages on the left, one character in from the edge.
* The red head (版头) of a 下行文: the issuing body's mark (发文机关标志) 35 mm below the top
  of the text area, the number (发文字号) two lines below it, the red rule 4 mm under the
  number, the title two lines below the rule.
* Chinese font names must reach East-Asian text: python-docx's ``font.name`` sets only the
  Latin slots (w:ascii, w:hAnsi), so every run also gets w:eastAsia (fonts.py for fallbacks).

Offsets marked *calibrated* place a glyph's edge where the standard measures it: a line of
exact height sets its glyphs about centred, so the edge of a 3号 glyph lies about 2.3 mm inside
its 10.2 mm line. The layout tests (tests/documents) measure the rendered PDF and keep these
true within a millimetre.
"""

from docx.shared import Mm, Pt

from xuncha.documents import fonts

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

CHAR_PITCH_PT = TEXT_WIDTH.pt / CHARS_PER_LINE  # ≈ 15.79 pt
# w:charSpace: the pitch less the default 3号 size, in 4096ths of a point (Word's 文档网格)
GRID_CHAR_SPACE = round((CHAR_PITCH_PT - SIZE_3) * 4096)
BODY_CHAR_SPACING_TWENTIETHS = -6  # 3号 runs 0.3 pt tighter: 28 × 15.7 pt fit, 29 do not

FONT_TITLE = fonts.TITLE.name
FONT_BODY = fonts.BODY.name
FONT_HEADING_1 = fonts.HEADING_1.name
FONT_HEADING_2 = fonts.HEADING_2.name
FONT_PAGE_NUMBER = fonts.PAGE_NUMBER.name
FONT_LATIN = fonts.LATIN.name  # digits and Latin letters beside the Chinese faces but the page number's

RED = "FF0000"
CHAR = Pt(SIZE_3)  # one character (一字) of body text
PAGE_NUMBER_CHAR = Pt(SIZE_4)

# The page number's top lies 7 mm below the text area; the footer distance is measured from
# the paper's bottom edge to the footer line's bottom (calibrated).
PAGE_NUMBER_GAP = Mm(7)
FOOTER_DISTANCE = Mm(21.8)

# The issuing body's mark (发文机关标志): its top edge 35 mm below the top of the text area.
MARK_OFFSET = Mm(35)
MARK_MAX_SIZE = 36  # points: the mark is set as large as fits the text area, up to 小初 and beyond
RED_RULE_GAP = Mm(4)  # from the number's bottom edge to the red rule
