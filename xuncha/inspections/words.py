"""巡视 or 巡察: the word follows the inspecting body's level.

Central and provincial committees 巡视 (巡视组, 巡视办, 巡视工作领导小组); city and county
committees 巡察. The inspecting body is the owner of the inspection's term. Every label, kind,
document and message that names the work takes its words from here, never a literal.
"""

from dataclasses import dataclass

from xuncha.orgs.enums import OrgLevel

_XUNSHI_LEVELS = {OrgLevel.PROVINCE}  # the central level is above every organisation modelled


@dataclass(frozen=True)
class Words:
    inspection: str  # 巡视 / 巡察

    @property
    def team(self) -> str:  # 巡视组 / 巡察组
        return f"{self.inspection}组"

    @property
    def office(self) -> str:  # 巡视办 / 巡察办
        return f"{self.inspection}办"

    @property
    def office_full(self) -> str:  # 巡视工作领导小组办公室
        return f"{self.inspection}工作领导小组办公室"

    @property
    def leading_group(self) -> str:  # 巡视工作领导小组
        return f"{self.inspection}工作领导小组"

    @property
    def inspected(self) -> str:  # 被巡视 / 被巡察
        return f"被{self.inspection}"

    @property
    def feedback(self) -> str:  # 巡视反馈意见
        return f"{self.inspection}反馈意见"

    @property
    def rectification(self) -> str:  # 巡视整改
        return f"{self.inspection}整改"

    def say(self, text) -> str:
        """`text` (a Chinese string, or a lazy translation) in these words: 巡察 becomes 巡视
        when the inspecting body is central or provincial. The Chinese translations say 巡察,
        the platform's own word; text in another language passes unchanged."""
        text = "" if text is None else str(text)
        return text.replace("巡察", self.inspection) if self.inspection != "巡察" else text


XUNSHI, XUNCHA = Words("巡视"), Words("巡察")


def words_for_level(level: str) -> Words:
    return XUNSHI if level in _XUNSHI_LEVELS else XUNCHA


def words_for(inspection) -> Words:
    """The words of an inspection, from its term's owner (select_related("term__owner") in lists)."""
    return words_for_level(inspection.term.owner.level)


# how an object leads to its inspection: the first of these attributes that it has
_PATHS = ("inspection", "clue", "petition", "problem", "measure", "plan", "item", "aspect", "finding")


def words_of(obj) -> Words:
    """The words of whatever `obj` belongs to: an inspection, a term (its owner, the inspecting
    body), or any record that leads to an inspection (a clue, a petition, a problem, a measure,
    a plan, a document, a history record...). An organisation is not an inspecting body by
    itself (a district is inspected by the province): when nothing leads to an inspection or a
    term, 巡察, the platform's own word."""
    from xuncha.inspections.models import Inspection

    seen = 0
    while obj is not None and seen < 6:
        seen += 1
        if isinstance(obj, Words):
            return obj
        if isinstance(obj, Inspection):
            return words_for(obj)
        meta = getattr(obj, "_meta", None)
        label = f"{meta.app_label}.{meta.object_name}" if meta else ""
        if label == "plans.Term":
            return words_for_level(obj.owner.level)
        for name in _PATHS:
            nxt = getattr(obj, name, None) if name in _fields(obj) else None
            if nxt is not None:
                obj = nxt
                break
        else:
            term = getattr(obj, "term", None) if "term" in _fields(obj) else None
            return words_for_level(term.owner.level) if term is not None else XUNCHA
    return XUNCHA


def _fields(obj) -> set[str]:
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return {n for n in (*_PATHS, "term") if hasattr(type(obj), n) or n in getattr(obj, "__dict__", {})}
    names = {f.name for f in meta.get_fields() if f.is_relation and (f.many_to_one or f.one_to_one)}
    return names | {n for n in _PATHS if isinstance(getattr(type(obj), n, None), property)}
