"""The staff side of 码上巡 (on the staff site only, public/staff_urls.py): the page of an
inspection's public channel, the posters, and publishing the pages.

Who sees what (the petitions' rules decide, xuncha.petitions.rules): everyone who reads the
inspection sees its codes and posters (the inspected organisation hangs them); the public
channel's figures and the reports waiting in triage are casework, shown only to the office and
the inspection's own team, and the waiting reports only as the petitions that user may read.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xuncha.accounts.permissions import get_for_user_or_404
from xuncha.documents.downloads import PDF
from xuncha.documents.page_images import ImagesUnavailable
from xuncha.documents.pdf import PdfUnavailable
from xuncha.inspections.queries import inspections_for_user
from xuncha.inspections.rules import may_work
from xuncha.petitions.enums import Channel, PetitionStatus
from xuncha.petitions.queries import petitions_for_user
from xuncha.public import poster, qr
from xuncha.public.codes import page_codes, published_pages
from xuncha.public.figures import channel_figures
from xuncha.public.models import PublicPage
from xuncha.web.downloads import download
from xuncha.workflow import actions
from xuncha.workflow.actions import offered
from xuncha.workflow.steps import take_step

QUESTIONNAIRES_PANEL = "surveys/_inspection_panel.html"


def _inspection(request, pk: int):
    return get_for_user_or_404(inspections_for_user(request.user, include_archived=True), request.user, pk=pk)


def questionnaires_panel() -> str | None:
    """The questionnaires' panel of xuncha.surveys, when that app is installed."""
    try:
        return select_template([QUESTIONNAIRES_PANEL]).template.name
    except TemplateDoesNotExist:
        return None


def waiting_reports(user, inspection):
    """The reports from the public waiting in triage: the petitions of this inspection that came
    through the codes and are received, as far as `user` may read petitions."""
    return (
        petitions_for_user(user)
        .filter(inspection=inspection, channel=Channel.QR, status=PetitionStatus.RECEIVED)
        .select_related("public_submission__page")
        .order_by("received_on", "serial")
    )


def inspection_channel(request, pk: int):
    inspection = _inspection(request, pk)
    user = request.user
    codes = page_codes(published_pages(inspection))
    published = {code.page.organisation_id for code in codes}
    casework = may_work(user, inspection)
    figures = channel_figures(inspection) if casework and codes else None
    for code in codes if figures else ():
        code.reports = figures.reports_by_page.get(code.page.pk, 0)
    withdraw_step = actions.get("public_page.withdraw")
    # who may withdraw depends on the inspection alone: asked once, not per page
    may_withdraw = bool(codes) and withdraw_step.allowed(user, codes[0].page)
    for code in codes:
        code.may_withdraw = may_withdraw and withdraw_step.refusal(code.page) is None
    context = {
        "inspection": inspection,
        "codes": codes,
        "unpublished": [
            t.organisation for t in inspection.targets.select_related("organisation")
            if t.organisation_id not in published
        ],
        "actions": offered(user, inspection, "inspections.Inspection"),
        "base_url_missing": not qr.base_url(),
        "casework": casework,
        "figures": figures,
        "waiting": list(waiting_reports(user, inspection)) if casework else [],
        "questionnaires_panel": questionnaires_panel(),
        "public_on_staff_site": settings.XUNCHA_PUBLIC_ON_STAFF_SITE,
    }
    return render(request, "public/staff/inspection.html", context)


@require_POST
def publish(request, pk: int):
    """Publish or refresh the pages (the declared step), then back to the page it was asked from."""
    inspection = _inspection(request, pk)
    pages = take_step(request, "inspection.publish_public_pages", inspection, success="")
    if pages is not None:
        count = len(pages) if isinstance(pages, list) else 0
        messages.success(request, _("码上巡 pages published: %(count)s.") % {"count": count})
    if request.POST.get("back") == "announcement":
        return redirect("inspections:announcement", pk=inspection.pk)
    return redirect("public_staff:inspection", pk=inspection.pk)


@require_POST
def withdraw(request, pk: int):
    """Withdraw one page (the declared step)."""
    page = _page(request, pk)
    take_step(request, "public_page.withdraw", page, success=_("The page has been withdrawn."))
    return redirect("public_staff:inspection", pk=page.inspection_id)


def _page(request, pk: int) -> PublicPage:
    """A published page of an inspection the user reads (404 otherwise, also when withdrawn)."""
    page = PublicPage.objects.filter(pk=pk, withdrawn_at__isnull=True).first()
    if page is None:
        raise Http404
    _inspection(request, page.inspection_id)
    return page


def _poster(request, pk: int, format: str):
    page = _page(request, pk)
    url = qr.page_url(page)
    if url is None:
        raise Http404  # the staff page says what to set; no poster with a code that leads nowhere
    # 码上巡海报-市委第一巡察组-湖里区委-20250310.pdf: the team and the organisation, no content
    name = f"码上巡海报-{page.team_name}-{page.organisation_name}-{timezone.localdate():%Y%m%d}.{format}"
    fallback = f"qr-poster-{page.pk}.{format}"
    try:
        if format == "pdf":
            return download(poster.render_pdf(page, url), name, content_type=PDF, fallback=fallback)
        return download(poster.render_png(page, url), name, content_type="image/png", fallback=fallback)
    except (PdfUnavailable, ImagesUnavailable):
        return render(request, "documents/pdf_unavailable.html", {"docx_url": None, "back": None}, status=503)


def poster_pdf(request, pk: int):
    return _poster(request, pk, "pdf")


def poster_png(request, pk: int):
    return _poster(request, pk, "png")
