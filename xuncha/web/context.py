"""What the layout needs on every page: the sidebar this user may open (web/navigation.py)."""

from xuncha.accounts.permissions import roles_of


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from xuncha.web.navigation import menu

    # a callable: the template builds the menu only where the layout shows it, not for the
    # partial pages htmx loads (the unread badge every minute, tree nodes)
    return {"menu": lambda: menu(user, frozenset(roles_of(user)), path=request.path)}
