"""Who may see a 码上巡 page on the staff side: whoever may read its inspection (the page is
public anyway; its counts and reports are guarded by the staff page, xuncha/public/staff_views.py)."""

from xuncha.accounts.permissions import policy
from xuncha.inspections.rules import _via_inspection, inspection_q
from xuncha.public.models import PublicPage


@policy(PublicPage)
def page_policy(user, action):
    return _via_inspection(inspection_q(user, action))
