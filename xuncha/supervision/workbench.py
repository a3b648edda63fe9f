"""Supervision letters on someone's list: drafts to issue, letters to answer, answers to accept
or return (xuncha/workbench/queues.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.supervision.enums import DocumentStatus
from xuncha.supervision.queries import documents_for_user
from xuncha.workbench.queues import Queue, declare, page

page("supervision.SupervisionDocument", lambda d: reverse("supervision:document", args=[d.pk]))


def _in(*states):
    return lambda user: documents_for_user(user).filter(status__in=states).order_by("due_on", "pk")


declare(
    Queue(
        "document.issue",
        _("Supervision letters to issue"),
        ("document.issue",),
        frozenset({Role.OFFICE}),
        _in(DocumentStatus.DRAFT),
    )
)
declare(
    Queue(
        "document.answer",
        _("Supervision letters to answer"),
        ("document.answer",),
        frozenset({Role.LIAISON, Role.RESPONSIBLE_UNIT}),
        _in(DocumentStatus.ISSUED),
        due=lambda document: document.due_on,
    )
)
declare(
    Queue(
        "document.close",
        _("Answers to supervision letters to review"),
        ("document.close", "document.return"),
        frozenset({Role.OFFICE}),
        _in(DocumentStatus.ANSWERED),
    )
)
