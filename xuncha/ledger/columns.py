"""The ledger's layout (台账): the columns offices keep, in their order, with their Chinese
headers and the words they write in the cells.

These are data of the spreadsheet format, not interface text: a ledger reads the same whatever
language the user's screen is in, so that a file exported by one user imports for another.
Import finds columns by header, so the order below is the export's, not a requirement.
Headers that name a concept of the platform and the status words in the cells come from
`xuncha.vocabulary` (the status words are the enums' labels, in Chinese), so that the sheet
says what the pages say.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from xuncha import vocabulary as v
from xuncha.rectification.enums import MeasureStatus, SignOff


class Role(StrEnum):
    """What import does with a column."""

    INDEX = "index"  # 序号: renumbered on every export, never read
    EDITABLE = "editable"  # read, validated and applied
    KEPT = "kept"  # kept in the platform: must match it (a change is an error, never dropped)
    KEY = "key"  # the stable identity of the row


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    width: float
    role: Role


INDEX = Column("index", "序号", 5, Role.INDEX)
INSPECTION = Column("inspection", "巡察", 18, Role.KEPT)
ORGANISATION = Column("organisation", v.INSPECTED_ORGANISATION.zh, 16, Role.KEPT)
ASPECT = Column("aspect", v.ASPECT.zh, 18, Role.KEPT)
PROBLEMS = Column("problems", "反馈问题", 36, Role.EDITABLE)
TARGET = Column("target", v.TARGET.zh, 24, Role.EDITABLE)
CONTENT = Column("content", v.MEASURE.zh, 40, Role.EDITABLE)
LEADER = Column("leader", v.LEADER.zh, 10, Role.EDITABLE)
PERSON = Column("responsible_person", v.PERSON.zh, 10, Role.EDITABLE)
LEAD_UNIT = Column("lead_unit", v.LEAD_UNIT.zh, 14, Role.EDITABLE)
UNITS = Column("units", v.UNITS.zh, 16, Role.EDITABLE)
DEADLINE = Column("deadline", v.DEADLINE.zh, 14, Role.EDITABLE)
STAGE_TARGET = Column("stage_target", v.STAGE_TARGET.zh, 16, Role.EDITABLE)
STANDARD = Column("standard", v.STANDARD.zh, 20, Role.EDITABLE)
PROGRESS = Column("progress", v.PROGRESS.zh, 30, Role.KEPT)
STATUS = Column("status", "完成情况", 10, Role.KEPT)
EVIDENCE = Column("evidence", v.EVIDENCE.zh, 16, Role.KEPT)
SIGN_OFF = Column("sign_off", "销号情况", 12, Role.KEPT)
KEY = Column("key", "台账编号", 12, Role.KEY)

# One inspection's ledger. 完成标准 and 阶段目标 are not in every office's sheet, but they are two
# of the five points a measure must fix (五定), so a ledger without them could not round-trip.
INSPECTION_COLUMNS: tuple[Column, ...] = (
    INDEX,
    ORGANISATION,
    ASPECT,
    PROBLEMS,
    TARGET,
    CONTENT,
    LEADER,
    PERSON,
    LEAD_UNIT,
    UNITS,
    DEADLINE,
    STAGE_TARGET,
    STANDARD,
    PROGRESS,
    STATUS,
    EVIDENCE,
    SIGN_OFF,
    KEY,
)
# A term's ledger (总台账) names the inspection of each row as well.
TERM_COLUMNS: tuple[Column, ...] = (INDEX, INSPECTION, *INSPECTION_COLUMNS[1:])

# Headers written by earlier versions, still read so that an older export imports.
RETIRED_HEADERS = {"被巡察党组织": ORGANISATION}
BY_HEADER = {column.header: column for column in TERM_COLUMNS} | RETIRED_HEADERS
# Columns an import needs; 巡察 is optional (present in a term's ledger only), and so is 责任人
# (added after ledgers had been exported without it: a file without it leaves the persons as they are).
OPTIONAL = (PERSON,)
REQUIRED = tuple(c for c in INSPECTION_COLUMNS if c not in OPTIONAL)

# Title rows: an inspection's title already says 巡察 ("对思明区委的巡察"), a term's name does not.
INSPECTION_TITLE = "{name}反馈问题" + v.LEDGER.zh
TERM_TITLE = "{name}巡察反馈问题整改总台账"  # 总台账: all of a term's ledgers

# Words written in cells.
ONGOING = "长期坚持"


@cache
def measure_status_words() -> dict[str, str]:
    """{status value: its enum label in Chinese}: the words of the 完成情况 column."""
    return v.status_words(MeasureStatus)


@cache
def sign_off_words() -> dict[str, str]:
    """{sign-off value: its enum label in Chinese}; a measure never put to sign-off has an empty
    cell, as in the offices' own sheets."""
    return {**v.status_words(SignOff), SignOff.NONE.value: ""}


LIST_SEPARATOR = "、"  # between unit names and evidence files, as in the offices' own sheets
# Ends a cell whose text is longer than an Excel cell holds: the export writes as much as fits,
# then this, and an import reads such a cell, unchanged, as the platform's full text.
CUT_MARK = "……【全文超出Excel单元格字数上限，此处从略，请在平台中查看】"

# Row keys: "M<measure id>:<version>" for a measure, "P<problem id>" for a problem with no measure.
MEASURE_KEY_PREFIX = "M"
PROBLEM_KEY_PREFIX = "P"
