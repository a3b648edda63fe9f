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


XUNSHI, XUNCHA = Words("巡视"), Words("巡察")


def words_for_level(level: str) -> Words:
    return XUNSHI if level in _XUNSHI_LEVELS else XUNCHA


def words_for(inspection) -> Words:
    """The words of an inspection, from its term's owner (select_related("term__owner") in lists)."""
    return words_for_level(inspection.term.owner.level)
