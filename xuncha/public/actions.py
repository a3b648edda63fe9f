"""The 码上巡 steps the staff take, declared once (xuncha.workflow.actions)."""

from django.utils.translation import gettext_lazy as _

from xuncha.inspections.actions import INSPECTION, active
from xuncha.inspections.rules import may_change_inspection
from xuncha.workflow.actions import Action, declare, unless


def _publish(inspection, by, data):
    from xuncha.public.publishing import publish_pages

    return publish_pages(inspection, by=by)


declare(Action(
    "inspection.publish_public_pages", _("Publish the 码上巡 pages"), INSPECTION, active, may_change_inspection,
    "public.pages.published", style="secondary", perform=_publish,
))


def _withdraw(page, by, data):
    from xuncha.public.publishing import withdraw_page

    return withdraw_page(page, by=by)


declare(Action(
    "public_page.withdraw", _("Withdraw the page"), "public.PublicPage",
    lambda page: unless(page.withdrawn_at is None, _("The page has been withdrawn.")),
    lambda user, page: may_change_inspection(user, page.inspection),
    "public.page.withdrawn", style="danger", perform=_withdraw,
))
