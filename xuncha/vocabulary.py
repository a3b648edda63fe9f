"""The platform's vocabulary: one name per concept, in Chinese and English, for pages, the
navigation, Excel ledgers, Word documents and messages (docs/vocabulary.md lists it).

Why this module: a tester met one screen named 整改态势, 整改看板, 挂图作战 and 整改统计 in
different places, and a measure "正在整改" on screen, "正在推进" in Excel and in a 督办通知书.
Three pages were in fact three concepts with names too close to tell apart; one word had four
spellings. Here each concept is declared once:

- **Status words** come from the enums' ``TextChoices`` labels, nowhere else (`STATUS_ENUMS`).
  A file or a document never carries its own copy of them: it renders the label in Chinese
  with `chinese`, since ledgers and official documents are Chinese whatever the language of the
  user's screen (an exported ledger must import for every user).
- **Every other concept** is a `Concept`: its identifier (DOMAIN.md's glossary, or the page's
  URL name), its msgid (English, through gettext) and its Chinese, pinned here so that the docs
  can quote it and a test (`tests/test_vocabulary.py`) can prove that the zh-hans catalogue
  renders the msgid as exactly this Chinese, that no other msgid renders as this Chinese, and
  that the names it no longer carries (`retired`) appear in no catalogue entry and no source.

Templates keep ``{% translate "Board" %}`` with the concept's msgid (so that message extraction
sees it); the test holds them to the one Chinese.
"""

from dataclasses import dataclass, field

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from xuncha.clues.enums import ClueStatus
from xuncha.ledger.enums import JobStatus
from xuncha.petitions.enums import FixStatus, PetitionStatus
from xuncha.rectification.enums import ChangeStatus, MeasureStatus, PlanStatus, ProblemStatus, SignOff

DOCUMENT_LANGUAGE = "zh-hans"


def chinese(label) -> str:
    """A label (lazy or plain) as it reads in Chinese, whatever the active language: for the
    cells of an Excel ledger and the text of a Word document."""
    with override(DOCUMENT_LANGUAGE):
        return str(label)


@dataclass(frozen=True)
class Concept:
    identifier: str
    label: Promise  # the msgid, lazily translated
    zh: str  # the one Chinese name; the catalogue must render `label` as this
    where: str  # where the name appears (docs/vocabulary.md)
    retired: tuple[str, ...] = field(default=())  # Chinese names it no longer carries
    # other msgids of the same concept that render the same Chinese: a singular, a model's
    # verbose name, an app's name (case and a plural s aside, which the test allows anyway)
    also: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        return str(self.label)

    @property
    def english(self) -> str:
        """The English name (the msgid, as the en catalogue keeps it)."""
        with override("en"):
            return str(self.label)


# Pages and navigation entries, in the order of the stages of work.
PLANS = Concept("plans", _("Plans"), "巡察计划", "nav; terms, rounds and batches (/plans/)", also=("Planning",))
INSPECTIONS = Concept("inspections", _("Inspections"), "巡察", "nav; inspection list (/inspections/)")
PETITIONS = Concept("petitions", _("Petitions"), "信访件", "nav; petition list (/petitions/)")
CLUES = Concept("clues", _("Clues"), "问题线索", "nav; clue list (/clues/)")
IMMEDIATE_FIXES = Concept(
    "immediate_fixes", _("Immediate fixes"), "立行立改", "nav; /petitions/fixes/", also=("Immediate fix",)
)
CLUE_FIGURES = Concept(
    "clue_figures", _("Clue and petition figures"), "线索和信访统计", "page of one inspection's clue figures"
)
RECTIFICATION = Concept("rectification", _("Rectification"), "整改", "one inspection's rectification overview")
MY_TASKS = Concept("my_tasks", _("My tasks"), "我的任务", "nav (responsible units, liaisons); /rectification/my-tasks/")
LEDGER = Concept(
    "ledger",
    _("Rectification ledger"),
    "整改台账",
    "nav; /ledger/; Excel ledger title and download names",
)
BOARD = Concept(
    "board",
    _("Board"),
    "挂图作战",
    "one inspection's problems by aspect in status colours (/rectification/inspection/N/board/)",
)
DASHBOARD = Concept(
    "dashboard",
    _("Rectification dashboard"),
    "整改态势",
    "nav (oversight); rates by level, organisation and aspect over a term (/rectification/dashboard/)",
    retired=("整改看板",),
)
FIGURES = Concept(
    "figures",
    _("Rectification figures"),
    "整改统计",
    "nav; every figure computed from rows for any filter (/rectification/figures/); the dashboard drills down to it",
)
WARNINGS = Concept("warnings", _("Warnings"), "预警", "nav; deadline warnings (/supervision/warnings/)")
SUPERVISION_DOCUMENTS = Concept(
    "supervision_documents", _("Supervision documents"), "督办文书", "nav; 督办通知书, 提醒书, 告诫书, 问责书"
)
TALENT_POOLS = Concept("talent_pools", _("Talent pools"), "人才库", "nav; /staffing/pools/", also=("pool",))
ORGANISATIONS = Concept("organisations", _("Organisations"), "组织机构", "nav; organisation tree")
PEOPLE = Concept("people", _("People"), "人员", "nav; people list", also=("Person",))
ACCOUNTS = Concept("accounts", _("Accounts"), "账号管理", "nav (system and security administrators)")
ROLE_GRANTS = Concept("role_grants", _("Role grants"), "角色授权", "nav (security administrator, auditor)")
AUDIT_LOG = Concept("audit_log", _("Audit log"), "审计日志", "nav (auditor)")
NOTIFICATIONS = Concept("notifications", _("Notifications"), "通知", "header; notification list")

# Records and the points of a measure (五定), as pages, forms and the ledger's columns name them.
ASPECT = Concept("aspect", _("Aspect"), "方面", "feedback tree; ledger column")
PROBLEM = Concept("problem", _("Problem"), "问题", "feedback tree, board, ledger column 反馈问题")
PLAN = Concept("plan", _("Rectification plans"), "整改方案", "plan pages; progress report", also=("plan",))
MEASURE = Concept("measure", _("Measure"), "整改措施", "plan and measure pages; ledger column")
TARGET = Concept("target", _("Rectification target"), "整改目标", "measure form; ledger column")
LEADER = Concept("leader", _("Responsible leader"), "责任领导", "measure form; ledger column")
PERSON = Concept("person", _("Person responsible"), "责任人", "measure form; ledger column")
LEAD_UNIT = Concept("lead_unit", _("Lead unit"), "牵头单位", "measure form; ledger column")
UNITS = Concept("units", _("Responsible units"), "责任单位", "measure form; ledger column")
DEADLINE = Concept("deadline", _("Deadline"), "整改时限", "measure form; ledger column")
STAGE_TARGET = Concept("stage_target", _("Stage target"), "阶段目标", "ongoing measures; ledger column")
STANDARD = Concept("standard", _("Completion standard"), "完成标准", "measure form; ledger column")
PROGRESS = Concept("progress", _("Progress"), "整改进展", "measure page; ledger column", also=("progress update",))
EVIDENCE = Concept("evidence", _("Evidence"), "佐证材料", "progress form; ledger column")
SIGN_OFF = Concept(
    "sign_off", _("Sign-off"), "销号", "measure page (the step: Sign off); ledger column 销号情况", also=("Sign off",)
)
INSPECTED_ORGANISATION = Concept(
    "inspected_organisation",
    _("Inspected organisation"),
    "被巡察单位",
    "inspection pages and forms; ledger column (the ledger once wrote 被巡察党组织, still read)",
)

CONCEPTS: tuple[Concept, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Concept))

# Navigation entries, in order: the names the sidebar uses (the lead's grouped layout).
NAVIGATION: tuple[Concept, ...] = (
    PLANS,
    INSPECTIONS,
    PETITIONS,
    CLUES,
    IMMEDIATE_FIXES,
    MY_TASKS,
    LEDGER,
    DASHBOARD,
    FIGURES,
    WARNINGS,
    SUPERVISION_DOCUMENTS,
    TALENT_POOLS,
    ORGANISATIONS,
    PEOPLE,
    ACCOUNTS,
    ROLE_GRANTS,
    AUDIT_LOG,
    NOTIFICATIONS,
)

# The enums whose labels are status words shown to people: screens, Excel, Word and messages
# use these labels and nothing else.
STATUS_ENUMS: tuple[type[TextChoices], ...] = (
    PlanStatus,
    MeasureStatus,
    SignOff,
    ProblemStatus,
    ChangeStatus,
    ClueStatus,
    PetitionStatus,
    FixStatus,
    JobStatus,
)

# Status words once written by files or documents of their own, and the enum label that
# replaces each: never written again, still read from ledgers exported before (the ledger
# import compares kept cells through `current_word`).
RETIRED_STATUS_WORDS: dict[str, TextChoices] = {
    "未开始": MeasureStatus.NOT_STARTED,
    "尚未启动": MeasureStatus.NOT_STARTED,
    "正在推进": MeasureStatus.IN_PROGRESS,
}


def current_word(text: str) -> str:
    """A status word as written now: a retired word becomes its enum's Chinese label."""
    member = RETIRED_STATUS_WORDS.get(text)
    return chinese(member.label) if member is not None else text


def status_words(enum: type[TextChoices]) -> dict[str, str]:
    """{value: Chinese label} of a status enum, for files and documents."""
    with override(DOCUMENT_LANGUAGE):
        return {member.value: str(member.label) for member in enum}


__all__ = [
    "CONCEPTS",
    "NAVIGATION",
    "STATUS_ENUMS",
    "Concept",
    "chinese",
    "current_word",
    "status_words",
]
