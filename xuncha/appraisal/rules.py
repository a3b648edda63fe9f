"""Who may do what with appraisal schemes and appraisals of lower offices.

* A scheme and its appraisals belong to the upper committee that keeps them (`owner`): its
  inspection office (office users whose scope covers the owner) builds the scheme, scores,
  signs off and reopens; leadership in that scope reads them.
* The appraised committee's own office (and leadership) reads its own appraisal once it is
  signed off: not before (scores still being entered stay with the upper office), and never
  the other committees' appraisals nor the ranked table of all of them.
* Nobody else reads anything here (reviewers, teams, the inspected side). Out of scope is a 404.
"""

from django.db.models import Q

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import Action, can, has_role, policy, scope_q
from xuncha.appraisal.enums import AppraisalStatus
from xuncha.appraisal.models import Appraisal, AppraisalItem, AppraisalScheme, AppraisalScore, Section

READING = (Action.VIEW, Action.EXPORT)
KEEPERS = {Role.OFFICE}
READERS = {Role.OFFICE, Role.LEADERSHIP}


def scheme_q(user, action: Action, prefix: str = "") -> Q | None:
    return scope_q(user, READERS if action in READING else KEEPERS, f"{prefix}owner__path")


@policy(AppraisalScheme)
def scheme_policy(user, action):
    return scheme_q(user, action)


@policy(Section)
def section_policy(user, action):
    return scheme_q(user, action, "scheme__")


@policy(AppraisalItem)
def item_policy(user, action):
    return scheme_q(user, action, "section__scheme__")


def appraisal_q(user, action: Action) -> Q | None:
    kept = scheme_q(user, action, "scheme__")
    if action not in READING:
        return kept
    own = scope_q(user, READERS, "subject__path")
    if own is not None:
        own &= Q(status=AppraisalStatus.SIGNED_OFF)
    if kept is None:
        return own
    return kept if own is None else kept | own


@policy(Appraisal)
def appraisal_policy(user, action):
    return appraisal_q(user, action)


@policy(AppraisalScore)
def score_policy(user, action):
    q = appraisal_q(user, action)
    return None if q is None else Q(appraisal__in=Appraisal.objects.filter(q).values("pk"))


def may_read(user) -> bool:
    """The menu and the list page: the office (the upper one keeps, a lower one reads its own
    signed-off appraisals) and leadership."""
    return has_role(user, *READERS)


def may_keep(user, appraisal: Appraisal) -> bool:
    return can(user, Action.CHANGE, appraisal)


def may_edit_scheme(user, scheme: AppraisalScheme) -> bool:
    return can(user, Action.CHANGE, scheme)
