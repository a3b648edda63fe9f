"""The codes of an inspection's published pages as the staff side shows and prints them: on
the 码上巡 page of the inspection, on the posters and on the announcement (巡察公告)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.documents.content import Figure
from xuncha.public import qr
from xuncha.public.models import PublicPage

ANNOUNCEMENT_CODE_MM = 35  # printed width on the announcement, quiet zone included
ANNOUNCEMENT_CAPTION = "扫码反映问题、参与问卷（可匿名）"


def published_pages(inspection) -> list[PublicPage]:
    """The inspection's pages that are published (not withdrawn), by organisation name."""
    return list(PublicPage.objects.filter(inspection=inspection, withdrawn_at__isnull=True))


@dataclass
class PageState:
    key: str  # "open", "not_yet", "closed", "undated", "withdrawn"
    label: str

    @property
    def is_open(self) -> bool:
        return self.key == "open"


def page_state(page: PublicPage, today: date | None = None) -> PageState:
    """Whether the page's code accepts reports today, said as the staff page shows it. The rule
    is the page's own (PublicPage.accepts_reports); this only names the case."""
    today = today or timezone.localdate()
    if page.withdrawn_at is not None:
        return PageState("withdrawn", _("Withdrawn"))
    if page.accepts_reports(today):
        return PageState("open", _("Open: reports accepted"))
    if page.reports_open_on is None:
        return PageState("undated", _("Not open: the inspection has no entry date"))
    if today < page.reports_open_on:
        return PageState("not_yet", _("Not open yet"))
    return PageState("closed", _("Closed: the inspection has ended"))


@dataclass
class PageCode:
    page: PublicPage
    url: str | None  # None when the public site's address is not set
    state: PageState
    reports: int | None = None  # reports received through it, for those who read the figures

    def svg(self) -> str:
        return qr.svg(self.url, scale=5, title=self.page.organisation_name) if self.url else ""


def page_codes(pages, today: date | None = None) -> list[PageCode]:
    today = today or timezone.localdate()
    return [PageCode(page, qr.page_url(page), page_state(page, today)) for page in pages]


def announcement_figures(pages) -> list[Figure]:
    """The codes printed on the announcement: one with what it is for when the inspection has one
    organisation; one per organisation, its name under it, when it has several. None without the
    public site's address (a code that leads nowhere is not printed)."""
    urls = [(page, qr.page_url(page)) for page in pages]
    if not urls or any(url is None for _page, url in urls):
        return []
    if len(urls) == 1:
        return [Figure(qr.png(urls[0][1]), ANNOUNCEMENT_CAPTION, ANNOUNCEMENT_CODE_MM)]
    return [Figure(qr.png(url), page.organisation_name, ANNOUNCEMENT_CODE_MM) for page, url in urls]
