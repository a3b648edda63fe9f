"""Clues on someone's list: the second signature, the transfer, the receiving body's receipt,
handling and conclusion, and the report back (xuncha/workbench/queues.py)."""

from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.clues.enums import ClueStatus
from xuncha.clues.queries import clues_for_user
from xuncha.workbench.queues import Queue, declare

_SIGNERS = frozenset({Role.OFFICE, Role.TEAM_MEMBER})
_RECEIVERS = Role.reviewers()


def _in(*states):
    return lambda user: clues_for_user(user).filter(status__in=states).order_by("received_on", "pk")


declare(Queue("clue.sign", _("Clues awaiting my signature"), ("clue.sign",), _SIGNERS, _in(ClueStatus.RECEIVED)))
declare(Queue("clue.transfer", _("Clues to transfer"), ("clue.transfer",), _SIGNERS, _in(ClueStatus.DUAL_SIGNED)))
declare(
    Queue(
        "clue.receive",
        _("Transferred clues to handle"),
        ("clue.acknowledge", "clue.handling", "clue.conclude"),
        _RECEIVERS | {Role.OFFICE},
        _in(ClueStatus.TRANSFERRED, ClueStatus.ACKNOWLEDGED),
        due=lambda clue: clue.report_due_on,
    )
)
declare(
    Queue(
        "clue.report_back",
        _("Clue results to report back"),
        ("clue.report_back",),
        _RECEIVERS | {Role.OFFICE},
        lambda user: (
            clues_for_user(user)
            .filter(status=ClueStatus.CONCLUDED, reported_back_on__isnull=True)
            .order_by("report_due_on", "pk")
        ),
        due=lambda clue: clue.report_due_on,
    )
)
