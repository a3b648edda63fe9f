"""The register on someone's list: drafts to issue (the office), documents to reply to (the
recipient), xuncha/workbench/queues.py."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.results.enums import ResultStatus
from xuncha.results.queries import results_for_user
from xuncha.workbench.queues import Queue, declare, page

page("results.ResultDocument", lambda d: reverse("results:detail", args=[d.pk]))


declare(
    Queue(
        "result.issue",
        _("Results-use documents to issue"),
        ("result.issue",),
        frozenset({Role.OFFICE}),
        lambda user: results_for_user(user).filter(status=ResultStatus.DRAFT).order_by("pk"),
    )
)
declare(
    Queue(
        "result.reply",
        _("Notices and letters to reply to"),
        ("result.reply",),
        frozenset(Role.casework()),  # a named leader replies whatever role the account holds
        lambda user: (
            results_for_user(user).filter(status=ResultStatus.ISSUED, reply_required=True).order_by("due_on", "pk")
        ),
        due=lambda document: document.due_on,
        name=lambda document: f"{document.get_kind_display()} {document.number}",
    )
)
