"""Writes to common-problem lists: drafting, marking problems as common, publishing to the
organisations not yet inspected, their self-checks, and rebound links made at entry.

Every write checks its declared step (xuncha/common/actions.py) under a row lock and records
its audit event in the same transaction.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.common.enums import CheckStatus, ListStatus
from xuncha.common.models import CommonCategory, CommonItem, CommonList, Reach, ReboundLink, SelfCheck
from xuncha.workflow import actions

_NUMBERING = re.compile(r"^\s*(?:[（(]?\s*[0-9０-９一二三四五六七八九十]+\s*[)）.．、]|[①-⑳])\s*")


def _path(common_list) -> str:
    return common_list.term.owner.path


def _locked(common_list: CommonList) -> CommonList:
    return CommonList.objects.select_for_update().select_related("term__owner").get(pk=common_list.pk)


def create_list(term, *, by, title: str, due_on: date | None = None) -> CommonList:
    with transaction.atomic():
        actions.check("term.create_common_list", by, term)
        title = (title or "").strip()
        if not title:
            raise ValidationError({"title": _("Give the list a title.")})
        common_list = CommonList(
            term=term, title=title, due_on=due_on, created_by=by if getattr(by, "pk", None) else None
        )
        common_list.full_clean()
        common_list.save()
        record_event("common.list.created", actor=by, obj=common_list, org_path=term.owner.path)
        return common_list


def add_category(common_list: CommonList, *, by, name: str) -> CommonCategory:
    with transaction.atomic():
        common_list = _locked(common_list)
        actions.check("commonlist.add_category", by, common_list)
        name = _NUMBERING.sub("", (name or "").strip()).strip()
        if not name:
            raise ValidationError({"name": _("Name the category.")})
        order = (common_list.categories.aggregate(m=Max("order"))["m"] or 0) + 1
        category = CommonCategory(common_list=common_list, order=order, name=name)
        category.full_clean()
        category.save()
        record_event("common.category.added", actor=by, obj=common_list, data={"category": category.pk})
        return category


def add_items(category: CommonCategory, *, by, text: str) -> list[CommonItem]:
    """One item per non-empty line of `text`; a typed number before the text is dropped (the
    numbers are the order)."""
    with transaction.atomic():
        common_list = _locked(category.common_list)
        actions.check("commonlist.add_category", by, common_list)
        lines = [_NUMBERING.sub("", line).strip() for line in (text or "").splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise ValidationError({"text": _("Write the common problems, one a line.")})
        start = (category.items.aggregate(m=Max("order"))["m"] or 0) + 1
        items = [CommonItem(category=category, order=start + i, text=line) for i, line in enumerate(lines)]
        for item in items:
            item.full_clean(exclude=["category"])
        CommonItem.objects.bulk_create(items)
        record_event(
            "common.items.added", actor=by, obj=common_list, data={"category": category.pk, "count": len(items)}
        )
        return items


def mark_common(item: CommonItem, *, by, problem) -> CommonItem:
    """Add `problem` (of an inspection of the list's term) to the problems `item` was drawn from."""
    with transaction.atomic():
        common_list = _locked(item.category.common_list)
        actions.check("commonitem.mark_problem", by, item)
        if problem is None or problem.inspection.term_id != common_list.term_id:
            raise ValidationError({"problem": _("Choose a problem of an inspection of this term.")})
        item.source_problems.add(problem)
        record_event("common.problem.marked", actor=by, obj=common_list, data={"item": item.pk, "problem": problem.pk})
        return item


def unmark_common(item: CommonItem, *, by, problem) -> CommonItem:
    with transaction.atomic():
        common_list = _locked(item.category.common_list)
        actions.check("commonitem.unmark_problem", by, item)
        if problem is None or not item.source_problems.filter(pk=problem.pk).exists():
            raise ValidationError({"problem": _("This problem is not marked as common under this item.")})
        item.source_problems.remove(problem)
        record_event(
            "common.problem.unmarked", actor=by, obj=common_list, data={"item": item.pk, "problem": problem.pk}
        )
        return item


def _liaisons_of(organisations) -> dict[int, list]:
    """The active liaisons and responsible units whose grant covers each organisation."""
    from xuncha.accounts.enums import Role
    from xuncha.accounts.models import RoleGrant

    grants = list(
        RoleGrant.objects.active()
        .filter(role__in=[Role.LIAISON, Role.RESPONSIBLE_UNIT], inspection__isnull=True, user__is_active=True)
        .select_related("user", "organisation")
    )
    return {
        org.pk: sorted({g.user for g in grants if org.path.startswith(g.organisation.path)}, key=lambda u: u.pk)
        for org in organisations
    }


def publish_list(common_list: CommonList, *, by, today: date | None = None) -> list[Reach]:
    """Publish the list to the organisations of the term's scope not yet inspected `today`
    (xuncha/plans/coverage.py counts "inspected in the term"): one reach each, one self-check
    per reach and item, and a notification to each reached organisation's liaisons."""
    from xuncha.plans.coverage import not_yet_inspected
    from xuncha.supervision.notifications import notify

    today = today or timezone.localdate()
    with transaction.atomic():
        common_list = _locked(common_list)
        actions.check("commonlist.publish", by, common_list)
        items = list(CommonItem.objects.filter(category__common_list=common_list).order_by("pk"))
        organisations = list(not_yet_inspected(common_list.term, on=today))
        if not organisations:
            raise ValidationError(_("Every organisation in the term's scope has been inspected: nobody to reach."))
        common_list.status = ListStatus.PUBLISHED
        common_list.published_on = today
        common_list.published_by = by if getattr(by, "pk", None) else None
        common_list.full_clean()
        common_list.save(update_fields=["status", "published_on", "published_by"])
        reaches = Reach.objects.bulk_create(
            [Reach(common_list=common_list, organisation=org, reached_on=today) for org in organisations]
        )
        SelfCheck.objects.bulk_create([SelfCheck(reach=r, item=i) for r in reaches for i in items])
        record_event(
            "common.list.published",
            actor=by,
            obj=common_list,
            data={"organisations": len(reaches), "items": len(items)},
        )
        liaisons = _liaisons_of(organisations)
        from django.urls import reverse

        for reach in reaches:
            users = [u for u in liaisons.get(reach.organisation_id, []) if u.pk != getattr(by, "pk", None)]
            if users:
                title = _("Common problems to check: %(list)s") % {"list": common_list.title}
                notify(users, title=title, url=reverse("common:reach", args=[reach.pk]))
        return reaches


def record_check(
    check: SelfCheck, *, by, status: str, note: str = "", evidence=(), today: date | None = None
) -> SelfCheck:
    """The reached organisation's answer for one item. Fixed needs a note of what was done."""
    today = today or timezone.localdate()
    with transaction.atomic():
        check = (
            SelfCheck.objects.select_for_update()
            .select_related("reach__organisation", "reach__common_list")
            .get(pk=check.pk)
        )
        actions.check("selfcheck.record", by, check)
        if status not in CheckStatus.values or status == CheckStatus.NOT_STARTED:
            raise ValidationError({"status": _("Choose what the self-check found.")})
        note = (note or "").strip()
        if status in CheckStatus.found_states() and not note:
            raise ValidationError({"note": _("Say what was found and what was done about it.")})
        previous = check.status
        check.status = status
        check.note = note
        check.checked_on = check.checked_on or today
        check.fixed_on = today if status == CheckStatus.FIXED else None
        check.recorded_by = by if getattr(by, "pk", None) else None
        check.full_clean()
        check.save(update_fields=["status", "note", "checked_on", "fixed_on", "recorded_by", "updated_at"])
        if evidence:
            check.evidence.add(*evidence)
        record_event(
            "common.selfcheck.recorded",
            actor=by,
            obj=check.reach.common_list,
            org_path=check.reach.organisation.path,
            data={"check": check.pk, "from": previous, "to": status},
        )
        return check


def link_rebound(
    inspection, *, by, finding=None, problem=None, earlier_problem=None, common_item=None, score=0
) -> ReboundLink:
    """Confirm that a new finding or problem of `inspection` is a rebound of an earlier
    signed-off problem of the same organisation, or of a published common item of the term."""
    with transaction.atomic():
        from xuncha.inspections.models import Inspection

        inspection = Inspection.objects.select_for_update().select_related("term").get(pk=inspection.pk)
        actions.check("inspection.link_rebound", by, inspection)
        new = finding or problem
        if new is None or new.inspection_id != inspection.pk:
            raise ValidationError(_("Choose a finding or problem of this inspection."))
        if earlier_problem is not None:
            if earlier_problem.organisation_id != new.organisation_id or earlier_problem.inspection_id == inspection.pk:
                raise ValidationError(_("The earlier problem must concern the same organisation."))
        elif common_item is not None:
            if common_item.category.common_list.term_id != inspection.term_id:
                raise ValidationError(_("The common problem must be of this term."))
        else:
            raise ValidationError(_("Choose what the new entry resembles."))
        link, _created = ReboundLink.objects.get_or_create(
            finding=finding,
            problem=problem,
            earlier_problem=earlier_problem,
            common_item=common_item,
            defaults={"score": score, "linked_by": by if getattr(by, "pk", None) else None},
        )
        record_event(
            "common.rebound.linked",
            actor=by,
            obj=inspection,
            data={
                "finding": getattr(finding, "pk", None),
                "problem": getattr(problem, "pk", None),
                "earlier_problem": getattr(earlier_problem, "pk", None),
                "common_item": getattr(common_item, "pk", None),
            },
        )
        return link
