"""The security administrator's two-factor line on an account's page (asked here so that the
account pages need no change of their own)."""

from django import template

from xuncha.accounts.twofactor.domain import has_two_factor, may_reset_two_factor

register = template.Library()


@register.simple_tag(takes_context=True)
def two_factor_admin(context, account) -> dict | None:
    """{"enrolled": bool} when the viewer may reset the account's second factor, else None."""
    viewer = context["request"].user
    if not may_reset_two_factor(viewer, account):
        return None
    return {"enrolled": has_two_factor(account)}
