"""Plans, measures and change requests on someone's list (xuncha/workbench/queues.py): the
liaison's plan to submit, the office's plans to review and the reviewing bodies' plans to decide
on in a joint review (三方联审), the unit's progress and sign-off requests, the office's sign-offs
(待销号) and the sign-off requests under joint review, and change requests."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.rectification.deadlines import open_q
from xuncha.rectification.enums import ChangeStatus, MeasureStatus, PlanStatus, SignOff
from xuncha.rectification.models import MeasureChange
from xuncha.rectification.queries import measures_for_user, plans_for_user
from xuncha.workbench.queues import Queue, declare

_OFFICE = frozenset({Role.OFFICE})
_REVIEWERS = frozenset({Role.OFFICE, *Role.reviewers()})
_INSPECTED = frozenset({Role.LIAISON, Role.RESPONSIBLE_UNIT})


def _plans(*states):
    return lambda user: (
        plans_for_user(user)
        .filter(status__in=states)
        .select_related("inspection", "organisation")
        .order_by("inspection__plan_due_on", "pk")
    )


def _measures(user):
    return measures_for_user(user).select_related("plan", "plan__inspection")


def _for_reviewers(user, rows, prefix: str = ""):
    """A reviewing body that is not also an office is offered only the records under joint
    review its body has not decided on yet: the candidates are narrowed to those in the query, so
    a province's backlog of other requests does not hide them behind the queue's limit."""
    from xuncha.accounts.permissions import has_role
    from xuncha.rectification.models import JointReviewDecision

    if has_role(user, Role.OFFICE):
        return rows
    decided = JointReviewDecision.objects.filter(superseded_at__isnull=True, decided_by=user)
    if prefix:  # measures: the round of their sign-off request
        return rows.filter(joint_review=True).exclude(pk__in=decided.filter(measure__isnull=False).values("measure_id"))
    return rows.filter(joint_review=True).exclude(pk__in=decided.filter(measure__isnull=True).values("plan_id"))


declare(
    Queue(
        "plan.submit",
        _("Rectification plans to submit"),
        ("plan.submit",),
        _INSPECTED,
        _plans(PlanStatus.DRAFT, PlanStatus.RETURNED),
        due=lambda plan: plan.inspection.plan_due_on,
    )
)
declare(
    Queue(
        "plan.review",
        _("Rectification plans to review"),
        ("plan.approve", "plan.return", "plan.sign", "plan.return_joint"),
        _REVIEWERS,
        lambda user: _for_reviewers(user, _plans(PlanStatus.SUBMITTED)(user)),
    )
)
declare(
    Queue(
        "measure.sign_off",
        _("Measures awaiting sign-off"),
        ("measure.approve_sign_off", "measure.return_sign_off", "measure.sign_joint", "measure.return_joint"),
        _REVIEWERS,
        lambda user: _for_reviewers(
            user, _measures(user).filter(sign_off=SignOff.REQUESTED).order_by("deadline", "pk"), "measure"
        ),
        due=lambda measure: measure.deadline,
    )
)
declare(
    Queue(
        "measure.request_sign_off",
        _("Measures ready for sign-off"),
        ("measure.request_sign_off",),
        _INSPECTED,
        lambda user: (
            _measures(user)
            .filter(status__in=MeasureStatus.sign_off_states(), sign_off__in=(SignOff.NONE, SignOff.RETURNED))
            .filter(open_q())
            .order_by("deadline", "pk")
        ),
        due=lambda measure: measure.deadline,
    )
)
declare(
    Queue(
        "measure.progress",
        _("Measures to report progress on"),
        ("measure.progress",),
        _INSPECTED,
        lambda user: (
            _measures(user)
            .filter(plan__status=PlanStatus.APPROVED)
            .exclude(status__in=MeasureStatus.sign_off_states())
            .filter(open_q())
            .order_by("deadline", "pk")
        ),
        due=lambda measure: measure.deadline,
    )
)
declare(
    Queue(
        "change.decide",
        _("Measure changes to decide"),
        ("change.approve", "change.refuse"),
        _REVIEWERS,
        # pending changes are few: each is checked against the scope (EXISTS), not the scope's
        # measures (a province's million) listed to find them (SQLite: 15 ms -> 1 ms at scale 1)
        lambda user: (
            MeasureChange.objects.filter(status=ChangeStatus.PENDING)
            .filter(Exists(measures_for_user(user).filter(pk=OuterRef("measure_id"))))
            .select_related("measure", "measure__plan", "measure__plan__inspection")
            .order_by("requested_at", "pk")
        ),
    )
)
