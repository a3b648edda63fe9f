"""What the layout needs on every page: its fixed links and the sidebar this user may open
(web/navigation.py)."""

from xuncha.web.navigation import layout_urls, sidebar


def navigation(request):
    context = {"layout_urls": layout_urls()}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # a callable: the template builds the sidebar only where the layout shows it, not for
        # the partial pages htmx loads (the unread badge every minute, tree nodes)
        context["sidebar"] = lambda: sidebar(user, request.path)
    return context
