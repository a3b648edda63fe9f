"""Who reads talk records: the office of the inspecting committee and the inspection's own team,
as for findings and clues; nobody else (not the inspected organisation, not the reviewers, not
leadership: what a person said in a talk is kept as confidential as a clue). The same users
write them and keep the talk plan."""

from xuncha.accounts.permissions import policy
from xuncha.inspections.rules import _via_inspection, inspection_work_q
from xuncha.talks.models import Talk, TalkPlanItem


@policy(Talk)
def talk_policy(user, action):
    return _via_inspection(inspection_work_q(user))


@policy(TalkPlanItem)
def plan_item_policy(user, action):
    return _via_inspection(inspection_work_q(user))
