"""Publishing the 码上巡 pages of an inspection: one per inspected organisation, each with its
own code. The announcement is copied onto the page (the public site reads nothing else), and
copied again whenever the office publishes after a change."""

import secrets

from django.db import transaction
from django.utils import timezone

from xuncha.audit.domain import record_event
from xuncha.public.models import PublicPage


def new_token() -> str:
    """16 URL-safe characters (96 random bits): a code cannot be guessed from another one."""
    return secrets.token_urlsafe(12)


def snapshot(inspection, organisation) -> dict:
    """The page's published fields, from the inspection as it is now."""
    from xuncha.inspections import announcement
    from xuncha.inspections.words import words_for
    from xuncha.staffing.models import TeamMember

    leader = (
        TeamMember.objects.active().filter(inspection=inspection, role="leader").select_related("person").first()
    )
    doc = announcement.build(inspection, leader_name=leader.person.name if leader else None)
    words = words_for(inspection)
    return {
        "word": words.inspection,
        "title": doc.title,
        "organisation_name": organisation.name,
        "team_name": inspection.team_name,
        "announcement": "\n\n".join(doc.paragraphs),
        "phone": inspection.phone,
        "mailbox": inspection.mailbox,
        "email": inspection.email,
        "accepted_matters": inspection.accepted_matters,
        "reports_open_on": inspection.entry_on,
        "reports_close_on": inspection.exit_on,
    }


def publish_pages(inspection, *, by) -> list[PublicPage]:
    """Create the page of every inspected organisation that has none, refresh the others."""
    from xuncha.inspections.models import Inspection

    with transaction.atomic():
        locked = Inspection.objects.select_related("term__owner").select_for_update(of=("self",)).get(pk=inspection.pk)
        from xuncha.workflow.actions import check

        check("inspection.publish_public_pages", by, locked)
        pages = []
        existing = {p.organisation_id: p for p in PublicPage.objects.filter(inspection=locked)}
        now = timezone.now()
        for target in locked.targets.select_related("organisation"):
            fields = snapshot(locked, target.organisation)
            page = existing.get(target.organisation_id)
            if page is None:
                page = PublicPage(inspection=locked, organisation=target.organisation, token=new_token())
            for name, value in fields.items():
                setattr(page, name, value)
            page.updated_at = now  # a withdrawn page stays withdrawn: publishing again does not reopen it
            page.save()
            pages.append(page)
        record_event(
            "public.pages.published", actor=by, obj=locked, data={"pages": len(pages)}
        )
        return pages


def refresh_pages(inspection) -> int:
    """Copy the inspection's changed announcement onto its published pages (after a change of
    its dates, phone, mailbox or team); returns how many pages changed."""
    changed = 0
    for page in PublicPage.objects.filter(inspection=inspection, withdrawn_at__isnull=True).select_related(
        "organisation"
    ):
        fields = snapshot(inspection, page.organisation)
        if any(getattr(page, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(page, name, value)
            page.updated_at = timezone.now()
            page.save()
            changed += 1
    return changed


def withdraw_page(page: PublicPage, *, by) -> PublicPage:
    """Take a page off (published by mistake, or its code misused): it answers as not found from
    now on and takes nothing; its reports and counts stay."""
    with transaction.atomic():
        locked = PublicPage.objects.select_related("inspection__term__owner").select_for_update(of=("self",)).get(
            pk=page.pk
        )
        from xuncha.workflow.actions import check

        check("public_page.withdraw", by, locked)
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
        record_event("public.page.withdrawn", actor=by, obj=locked)
        return locked
