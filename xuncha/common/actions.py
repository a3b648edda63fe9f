"""The common-problem steps, each declared once (see `xuncha.workflow.actions`):

list      (create, on a term) draft ──add categories and items, mark problems──▶ ──publish──▶ published
selfcheck not started ──record (has the problem & fixing | fixed | does not have it)──▶ (recorded again as it moves)
rebound   a finding or problem of an inspection ──link──▶ an earlier signed-off problem or a common item

Publishing tells the reached organisations' liaisons itself (one notification per reach, to
its own page), so the generic hand-off stays silent for lists.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.common import domain
from xuncha.common.enums import ListStatus
from xuncha.common.rules import may_manage_list, may_record_check
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare, unless

LIST = "common.CommonList"
ITEM = "common.CommonItem"
CHECK = "common.SelfCheck"


def _draft(common_list) -> str | None:
    return unless(common_list.status == ListStatus.DRAFT, gettext("This list has been published: it is fixed."))


def _publishable(common_list) -> str | None:
    if (why := _draft(common_list)) is not None:
        return why
    from xuncha.common.models import CommonItem

    has_items = CommonItem.objects.filter(category__common_list=common_list).exists()
    if not has_items:
        return gettext("Add the common problems before publishing the list.")
    from django.utils import timezone

    from xuncha.plans.coverage import not_yet_inspected

    return unless(
        not_yet_inspected(common_list.term, on=timezone.localdate()).exists(),
        gettext("Every organisation in the term's scope has been inspected: nobody to reach."),
    )


def _published_check(check) -> str | None:
    return unless(check.reach.common_list.status == ListStatus.PUBLISHED, gettext("This list has not been published."))


def _may_create(user, term) -> bool:
    from xuncha.accounts.permissions import in_scope
    from xuncha.common.rules import MANAGERS

    return in_scope(user, MANAGERS, term.owner.path)


def _may_link(user, inspection) -> bool:
    from xuncha.inspections.rules import may_work

    return may_work(user, inspection)


declare(
    Action(
        name="term.create_common_list",
        label=_("New common-problem list"),
        model="plans.Term",
        guard=lambda term: unless(term.archived_at is None, gettext("This term has been archived.")),
        allowed=_may_create,
        event="common.list.created",
        perform=lambda term, by, data: domain.create_list(
            term, by=by, title=data.get("title", ""), due_on=data.get("due_on")
        ),
    )
)
declare(
    Action(
        name="commonlist.add_category",
        label=_("Add to the list"),
        model=LIST,
        guard=_draft,
        allowed=may_manage_list,
        event="common.category.added",
        style="secondary",
        perform=lambda obj, by, data: domain.add_category(obj, by=by, name=data.get("name", "")),
    )
)
declare(
    Action(
        name="commonlist.publish",
        label=_("Publish to the organisations not yet inspected"),
        model=LIST,
        guard=_publishable,
        allowed=may_manage_list,
        event="common.list.published",
        perform=lambda obj, by, data: domain.publish_list(obj, by=by, today=data.get("today")),
    )
)
declare(
    Action(
        name="commonitem.mark_problem",
        label=_("Mark as common"),
        model=ITEM,
        guard=lambda item: None,
        allowed=lambda user, item: may_manage_list(user, item.category.common_list),
        event="common.problem.marked",
        style="secondary",
        perform=lambda obj, by, data: domain.mark_common(obj, by=by, problem=data.get("problem")),
    )
)
declare(
    Action(
        name="commonitem.unmark_problem",
        label=_("Unmark"),
        model=ITEM,
        guard=lambda item: None,
        allowed=lambda user, item: may_manage_list(user, item.category.common_list),
        event="common.problem.unmarked",
        style="danger",
        perform=lambda obj, by, data: domain.unmark_common(obj, by=by, problem=data.get("problem")),
    )
)
declare(
    Action(
        name="selfcheck.record",
        label=_("Record the self-check"),
        model=CHECK,
        guard=_published_check,
        allowed=may_record_check,
        event="common.selfcheck.recorded",
        perform=lambda obj, by, data: domain.record_check(
            obj, by=by, status=data.get("status", ""), note=data.get("note", ""), evidence=data.get("evidence", ())
        ),
    )
)
declare(
    Action(
        name="inspection.link_rebound",
        label=_("Link as a rebound"),
        model="inspections.Inspection",
        guard=lambda inspection: unless(inspection.archived_at is None, gettext("This inspection has been archived.")),
        allowed=_may_link,
        event="common.rebound.linked",
        style="secondary",
        perform=lambda obj, by, data: domain.link_rebound(
            obj,
            by=by,
            finding=data.get("finding"),
            problem=data.get("problem"),
            earlier_problem=data.get("earlier_problem"),
            common_item=data.get("common_item"),
            score=data.get("score", 0),
        ),
    )
)

handoff.told_by_domain(LIST)
handoff.page(CHECK, lambda check: reverse("common:reach", args=[check.reach_id]))
