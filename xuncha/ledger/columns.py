"""The ledger's layout (台账): the columns offices keep, in their order, with their Chinese
headers and the words they write in the cells.

These are data of the spreadsheet format, not interface text: a ledger reads the same whatever
language the user's screen is in, so that a file exported by one user imports for another.
Import finds columns by header, so the order below is the export's, not a requirement.
"""

from dataclasses import dataclass
from enum import StrEnum


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
ORGANISATION = Column("organisation", "被巡察党组织", 16, Role.KEPT)
ASPECT = Column("aspect", "方面", 18, Role.KEPT)
PROBLEMS = Column("problems", "反馈问题", 36, Role.EDITABLE)
TARGET = Column("target", "整改目标", 24, Role.EDITABLE)
CONTENT = Column("content", "整改措施", 40, Role.EDITABLE)
LEADER = Column("leader", "责任领导", 10, Role.EDITABLE)
LEAD_UNIT = Column("lead_unit", "牵头单位", 14, Role.EDITABLE)
UNITS = Column("units", "责任单位", 16, Role.EDITABLE)
DEADLINE = Column("deadline", "整改时限", 14, Role.EDITABLE)
STAGE_TARGET = Column("stage_target", "阶段目标", 16, Role.EDITABLE)
STANDARD = Column("standard", "完成标准", 20, Role.EDITABLE)
PROGRESS = Column("progress", "整改进展", 30, Role.KEPT)
STATUS = Column("status", "完成情况", 10, Role.KEPT)
EVIDENCE = Column("evidence", "佐证材料", 16, Role.KEPT)
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

BY_HEADER = {column.header: column for column in TERM_COLUMNS}
# Columns an import needs; 巡察 is optional (present in a term's ledger only).
REQUIRED = INSPECTION_COLUMNS

# Title rows: an inspection's title already says 巡察 ("对思明区委的巡察"), a term's name does not.
INSPECTION_TITLE = "{name}反馈问题整改台账"
TERM_TITLE = "{name}巡察反馈问题整改总台账"

# Words written in cells.
ONGOING = "长期坚持"
MEASURE_STATUS = {
    "not_started": "未开始",
    "in_progress": "正在推进",
    "basically_done": "基本完成",
    "done": "已完成",
    "ongoing": "长期坚持",
}
SIGN_OFF_STATE = {
    "": "",
    "requested": "已申请销号",
    "approved": "已销号",
    "returned": "销号退回",
}
LIST_SEPARATOR = "、"  # between unit names and evidence files, as in the offices' own sheets
# Ends a cell whose text is longer than an Excel cell holds: the export writes as much as fits,
# then this, and an import reads such a cell, unchanged, as the platform's full text.
CUT_MARK = "……【全文超出Excel单元格字数上限，此处从略，请在平台中查看】"

# Row keys: "M<measure id>:<version>" for a measure, "P<problem id>" for a problem with no measure.
MEASURE_KEY_PREFIX = "M"
PROBLEM_KEY_PREFIX = "P"
