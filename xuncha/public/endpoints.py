"""码上巡 pages through the API (see `xuncha.restapi.exposure`): a page's published fields and
its state, with the steps the caller is offered (withdraw). Publishing is a step of the
inspection (`POST /inspections/{id}/publish_public_pages`). No count, report or reporter here."""

from datetime import date, datetime

from ninja import Schema

from xuncha.inspections.queries import inspections_for_user
from xuncha.public import qr
from xuncha.public.models import PublicPage
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names

PAGE = "public.PublicPage"


class PublicPageOut(Schema):
    id: int
    inspection_id: int
    organisation_id: int
    organisation_name: str
    title: str
    url: str | None
    reports_open_on: date | None
    reports_close_on: date | None
    accepts_reports: bool
    published_at: datetime
    withdrawn_at: datetime | None
    actions: list[str]


def _pages(user):
    return PublicPage.objects.filter(inspection__in=inspections_for_user(user, include_archived=True).values("pk"))


def _out(request, page):
    return {
        **fields_of(page, PublicPageOut, skip={"url", "accepts_reports"}),
        "url": qr.page_url(page),
        "accepts_reports": page.accepts_reports(),
        "actions": offered_names(request, page, PAGE),
    }


expose(Exposed(PAGE, "public-pages", _pages, PublicPageOut, _out))
