"""Petitions and immediate fixes on someone's list (xuncha/workbench/queues.py)."""

from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.petitions.enums import FixStatus, PetitionStatus
from xuncha.petitions.queries import fixes_for_user, petitions_for_user
from xuncha.workbench.queues import Queue, declare

_CASEWORK = frozenset({Role.OFFICE, Role.TEAM_MEMBER})


def _fix_name(fix) -> str:
    """The unit it was handed to and what to fix (the fix's own words, which its readers see)."""
    return f"{fix.organisation.name}：{fix.description[:30]}"


declare(
    Queue(
        "petition.triage",
        _("Petitions to triage"),
        ("petition.to_clue", "petition.to_fix", "petition.to_finding", "petition.refuse"),
        _CASEWORK,
        lambda user: petitions_for_user(user).filter(status=PetitionStatus.RECEIVED).order_by("received_on", "pk"),
    )
)
declare(
    Queue(
        "petition.conclude",
        _("Petitions to conclude"),
        ("petition.conclude",),
        _CASEWORK,
        lambda user: petitions_for_user(user).filter(status=PetitionStatus.TRIAGED).order_by("received_on", "pk"),
    )
)
declare(
    Queue(
        "fix.record_result",
        _("Immediate fixes to carry out"),
        ("fix.record_result",),
        _CASEWORK | {Role.LIAISON, Role.RESPONSIBLE_UNIT},
        lambda user: (
            fixes_for_user(user).filter(status=FixStatus.OPEN).select_related("organisation").order_by("deadline", "pk")
        ),
        due=lambda fix: fix.deadline,
        name=_fix_name,
    )
)
declare(
    Queue(
        "fix.answer",
        _("Reporters to answer"),
        ("fix.answer",),
        _CASEWORK,
        lambda user: (
            fixes_for_user(user)
            .filter(status=FixStatus.DONE, answered_on__isnull=True, petition__isnull=False)
            .order_by("deadline", "pk")
        ),
    )
)
