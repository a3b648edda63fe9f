"""Every sentence the parser says to a person, as an English msgid with named parameters.

The parsing package runs without Django (a worker, a test, a shell), so it does not
translate: it builds a `Message` (a msgid and its parameters) and renders it in English for
the JSON. Whoever shows it to a person renders it through gettext
(xuncha/reports/check_labels.py), so the page and the CLI speak the user's language. The
msgids are in the .po catalogues; a parameter may itself be a Message (a noun, a list) and is
translated in turn. A msgid with parameters escapes a literal % as %%.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Translate = Callable[[str], str]


def N_(msgid: str) -> str:
    """Mark a msgid for the catalogues; translation happens when the message is rendered."""
    return msgid


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Message:
    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, gettext: Translate = _identity) -> str:
        text = gettext(self.msgid)
        if not self.params:
            return text
        return text % {key: _render(value, gettext) for key, value in self.params.items()}

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True, slots=True)
class Listing:
    """Messages joined the way the language lists things (", " or "、"), or by a fixed
    `separator` (" + " in a sum)."""

    items: tuple[Message, ...]
    separator: str | None = None

    def render(self, gettext: Translate = _identity) -> str:
        separator = gettext(LIST_SEPARATOR) if self.separator is None else self.separator
        return separator.join(item.render(gettext) for item in self.items)


def message(msgid: str, **params: Any) -> Message:
    return Message(msgid, params)


def listing(items: Iterable[Message]) -> Listing:
    return Listing(tuple(items))


def _render(value: Any, gettext: Translate) -> Any:
    if isinstance(value, Message | Listing):
        return value.render(gettext)
    return value


LIST_SEPARATOR = N_(", ")

# --- unreadable input (ReportParseError) --------------------------------------------------------

EMPTY_FILE = N_("the file is empty")
EMPTY_DOCUMENT = N_("the document is empty")
NO_TEXT = N_("the document has no text")
TOO_LARGE = N_("the file is too large (%(size)s MB; the limit is 50 MB)")
CANNOT_READ = N_("cannot read %(path)s: %(reason)s")
UNSUPPORTED_DOC = N_("the file is a legacy Word/Excel file (.doc/.xls); save it as .docx")
UNSUPPORTED_RTF = N_("the file is an RTF file; save it as .docx or .txt")
UNSUPPORTED_IMAGE = N_("the file is an image (%(format)s); a report must have a text layer")
UNSUPPORTED_ARCHIVE = N_("the file is an archive (%(format)s), not a report document")
CORRUPT_DOCX = N_("the file is a corrupt .docx (a damaged zip archive)")
SPREADSHEET = N_("the file is a spreadsheet (.xlsx), not a report document")
ZIP_NOT_DOCX = N_("the file is a zip archive, not a .docx document")
BAD_BOM = N_("the file has a %(codec)s byte-order mark but is not valid %(codec)s")
UNKNOWN_ENCODING = N_("the file is binary or in an unknown text encoding (not UTF-8, GB18030 or UTF-16)")
BINARY = N_("the file is binary data, not a text document")
PDF_NEEDS_PYPDF = N_("reading PDF files needs the 'pypdf' package")
PDF_ENCRYPTED = N_("the PDF is encrypted")
PDF_CORRUPT = N_("the PDF is corrupt or unreadable (%(error)s)")
PDF_NO_TEXT = N_("the PDF has no text layer (a scanned image?); run OCR on it first")
HTML_UNREADABLE = N_("the HTML cannot be read (%(error)s)")
DOCX_CORRUPT = N_("the file is a corrupt .docx (%(error)s)")
UNREADABLE = N_("the file cannot be read")
NO_RECTIFICATION = N_(
    "no rectification structure found (no feedback aspects or problems, and no stated rectification totals)"
)

# --- the structure check ------------------------------------------------------------------------

STRUCTURE_COUNTS = N_("%(aspects)s aspects, %(items)s items, %(problems)s problems")
STRUCTURE_UNNAMED = N_("no aspect headings; %(problems)s numbered problems listed under one unnamed aspect")
STRUCTURE_EMPTY_ASPECTS = N_("aspect(s) %(numbers)s have no numbered problems under them")
STRUCTURE_FIGURES_ONLY = N_("no aspects / items / problems found; only the stated figures could be read")
STRUCTURE_MISSING = N_(
    "no rectification structure (feedback aspects, items or problems, or stated rectification totals): "
    "the document is %(document)s; found: %(found)s"
)
DOCUMENT_NAMES = {
    "progress_report": N_("a rectification progress report"),
    "feedback": N_("a feedback notice"),
    "opening": N_("an opening notice (entry of the inspection team)"),
    "news": N_("a news item or summary about inspection work"),
    "unrelated": N_("not about an inspection (it never says 巡视 or 巡察)"),
}
FOUND_BODY = N_("the inspecting body (%(body)s)")
FOUND_TARGETS = N_("the inspected organisation (%(targets)s)")
FOUND_PERIOD = N_("the inspection's dates (%(period)s)")
FOUND_FEEDBACK = N_("the feedback date (%(date)s)")
FOUND_KINDS = N_("the kind of inspection (%(kinds)s)")
FOUND_FIGURES = N_("%(count)s stated figures")
FOUND_ISSUER = N_("the issuer (%(issuer)s)")
FOUND_NOTHING = N_("nothing else")

KIND_NAMES = {
    "routine": N_("routine"),
    "special": N_("special"),
    "ad_hoc": N_("ad hoc"),
    "follow_up": N_("follow-up (回头看)"),
    "escalated": N_("escalated"),
    "cross": N_("cross"),
    "joint": N_("joint"),
}

# --- stated against counted ---------------------------------------------------------------------

QUOTED = N_("%(value)s (“%(phrase)s”)")
PART = N_("%(value)s (%(phrase)s)")
STATED_DIFFERENTLY = N_("stated differently: %(stated)s")
STATED_NOT_LISTED = N_("stated %(stated)s; the text does not list the %(level)s")
STATED_COUNTED = N_("stated %(stated)s, counted %(counted)s")
STATED_BUT_LISTS = N_("stated %(stated)s, but the text lists %(counted)s")
STATED_NO_STATUS = N_("stated %(stated)s; the text gives no status per problem")
STATED_COUNTED_LISTED = N_("stated %(stated)s, counted %(counted)s (%(numbers)s)")
STATED_UNLISTED = N_("stated %(stated)s; the text does not list these")
LEVEL_NAMES = {"aspects": N_("aspects"), "items": N_("items"), "problems": N_("problems")}

STATUS_SUM_NO_TOTAL = N_("%(parts)s = %(sum)s; no total to compare with")
STATUS_SUM_EQUAL = N_("%(parts)s = %(sum)s = %(source)s")
STATUS_SUM_PARTIAL = N_("%(parts)s of %(source)s; the other statuses are not stated")
STATUS_SUM_DIFFERS = N_("%(parts)s = %(sum)s, but %(source)s")
SOURCE_STATED_TOTAL = N_("stated total %(value)s (%(phrase)s)")
SOURCE_LISTED = N_("%(count)s problems listed")

RATE_NO_COUNTS = N_("stated %(rate)s%% (%(phrase)s); counts to compute it from are not stated")
RATE_DONE = N_("%(rate)s%% = done %(done)s / %(total)s")
RATE_LOOSE = N_("%(rate)s%% = (done %(done)s + basically done %(basically)s) / %(total)s")
RATE_DIFFERS = N_("stated %(rate)s%% (%(phrase)s), but done %(done)s / %(total)s = %(computed)s%%")

PLAN_NOT_LISTED = N_("stated %(stated)s; the text does not list the plan's %(noun)s one by one")
PLAN_NOT_LISTED_STEPS = N_(
    "stated %(stated)s; the text does not list the plan's %(noun)s one by one "
    "(it has %(steps)s labelled steps such as 一是/二是/①)"
)
PLAN_DONE = N_("%(done)s done of %(total)s (%(phrase)s)")
PLAN_NOUNS = {"measures": N_("measures"), "tasks": N_("tasks")}

# --- breakdowns ---------------------------------------------------------------------------------

PEOPLE_EQUAL = N_("%(total)s people (%(phrase)s) = %(parts)s")
PEOPLE_MORE = N_("%(total)s people (%(phrase)s), but %(noun)s add up to %(sum)s: %(parts)s")
PEOPLE_PARTIAL = N_(
    "%(total)s people (%(phrase)s): partial list %(parts)s = %(sum)s, consistent with the full list "
    "given for the same %(total)s people (%(full)s)"
)
PEOPLE_NOUNS = {"dispositions": N_("dispositions"), "ranks": N_("ranks")}
PETITIONS_SUM = N_("%(total)s petitions (%(phrase)s); concluded %(concluded)s + in progress %(pending)s = %(sum)s")
PETITIONS_ALL = N_("%(total)s petitions (%(phrase)s); all %(concluded)s concluded")
PETITIONS_MORE = N_("%(total)s petitions (%(phrase)s), but %(concluded)s concluded")
PETITIONS_REST = N_("%(total)s petitions (%(phrase)s); %(concluded)s concluded, the rest not accounted for")
CLUES_CONCLUDED = N_("%(concluded)s concluded of %(total)s transferred (%(phrase)s; %(part)s)")
TO_CASE_OF = N_("%(part)s turned into cases of %(total)s (%(phrase)s; %(part_phrase)s)")

# --- names of figures, checks and statuses (the page and the summary translate them) -----------

FIGURE_NAMES = {
    "aspects_total": N_("Number of aspects"),
    "items_total": N_("Number of items"),
    "problems_total": N_("Number of problems"),
    "problems_done": N_("Problems done"),
    "problems_basically_done": N_("Problems basically done"),
    "problems_not_done": N_("Problems not done"),
    "problems_in_progress": N_("Problems being rectified"),
    "completion_rate": N_("Rectification completion rate"),
    "measures_total": N_("Number of measures"),
    "measures_done": N_("Measures done"),
    "tasks_total": N_("Number of rectification tasks"),
    "tasks_done": N_("Rectification tasks done"),
    "regulations_made": N_("Regulations"),
    "topics_total": N_("Number of topics"),
    "clues_transferred": N_("Clues transferred"),
    "clues_concluded": N_("Clues concluded"),
    "clues_concluded_rate": N_("Clue conclusion rate"),
    "clues_to_case": N_("Clues turned into cases"),
    "petitions_received": N_("Petitions received"),
    "petitions_concluded": N_("Petitions concluded"),
    "petitions_in_progress": N_("Petitions in progress"),
    "petitions_to_case": N_("Petitions turned into cases"),
    "petitions_about_cadres": N_("Petitions about cadres handed over"),
    "petitions_people": N_("People handled from petitions"),
    "people_handled": N_("People handled"),
    "people_bureau_level": N_("Bureau-level cadres"),
    "people_division_level": N_("Division-level cadres"),
    "people_section_level": N_("Section-level cadres"),
    "people_soe_middle": N_("State-owned enterprise middle managers"),
    "people_other_rank": N_("Other staff"),
    "people_case_filed": N_("Cases filed (立案)"),
    "people_talk_reminder": N_("Reminder talks"),
    "people_criticism": N_("Criticism and education"),
    "people_criticism_help": N_("Criticism and help"),
    "people_ordered_review": N_("Ordered to make a written review"),
    "people_admonished": N_("Admonished (诫勉)"),
    "people_sanctioned": N_("Party and government sanctions"),
    "people_org_handling": N_("Organisational handling"),
    "people_referred": N_("Referred to discipline or judicial bodies"),
}
CHECK_NAMES = {
    "structure": N_("Feedback structure"),
    "problem_status_sum": N_("Problem statuses add up"),
    "people_by_disposition": N_("People handled by disposition"),
    "people_by_rank": N_("People handled by rank"),
    "petitions": N_("Petitions concluded and in progress"),
    "clues": N_("Clues concluded of those transferred"),
    **FIGURE_NAMES,
}
STATUS_NAMES = {"done": N_("Done"), "basically_done": N_("Basically done"), "not_done": N_("Not done")}

# --- the summary printed by `report parse` ------------------------------------------------------

SUMMARY_TITLE = N_("Title: %(value)s")
SUMMARY_ISSUER = N_("Issued by: %(value)s")
SUMMARY_ISSUED_ON = N_("Issued on: %(value)s")
SUMMARY_DOCUMENT = N_("Document: %(value)s")
SUMMARY_INSPECTION = N_("Inspection: %(body)s, %(period)s, feedback %(feedback)s")
SUMMARY_LEVEL = N_("Inspecting body's level: %(level)s (%(word)s)")
SUMMARY_TARGETS = N_("Inspected: %(value)s")
SUMMARY_KINDS = N_("Kind of inspection: %(value)s")
SUMMARY_PLAN_ISSUED = N_("Rectification plan issued on: %(value)s")
SUMMARY_STRUCTURE = N_(
    "Structure: %(aspects)s aspects, %(items)s items, %(problems)s problems, %(measures)s measure paragraphs"
)
SUMMARY_NO_ASPECT = N_("(no aspect)")
SUMMARY_MEASURE_PARAGRAPHS = N_("(%(count)s measure paragraphs)")
SUMMARY_STATED = N_("Stated figures:")
SUMMARY_STATED_LINE = N_("%(label)s: %(value)s%(unit)s (“%(phrase)s”)")
SUMMARY_CHECKS = N_("Checks:")
SUMMARY_CHECK_LINE = N_("%(mark)s %(name)s: %(detail)s")
SUMMARY_EXPLANATIONS = N_("Unfinished and basically finished problems explained:")
SUMMARY_EXPLANATION = N_("(%(number)s) reason: %(reason)s; next steps: %(next_steps)s; complete by: %(deadline)s")
NOT_STATED = N_("(not stated)")
DATES_NOT_STATED = N_("dates not stated")
PERIOD = N_("%(start)s to %(end)s")
LEVEL_NAMES_BODY = {
    "central": N_("central"),
    "province": N_("provincial"),
    "city": N_("city"),
    "district": N_("district or county"),
}
ERROR_LINE = N_("Error: %(reason)s")
