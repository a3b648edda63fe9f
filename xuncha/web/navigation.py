"""The sidebar: the platform's pages grouped by stage of work, each shown only to the roles that
may open it.

One declaration serves the layout (`web/context.py` puts `menu(user)` on every page) and the
tests (every entry shown to a role must open for that role, tests/web/test_navigation.py), so
a menu entry that leads to a 404 cannot be added without a test failing.

Stages follow the work (DOMAIN.md, the workflow): 计划 (terms, rounds, staffing), 巡察中
(inspections and what the team takes in), 整改 (plans, measures, the ledger), 督办 (warnings,
letters, interviews), 统计 (figures), 基础数据 (organisations, people), 系统 (accounts, grants,
audit). Who sees an entry is a predicate over the user's roles, the same role groups the pages
themselves check.

The sidebar is the same for everyone who holds the same roles, so it is rendered once per
role set, language and active entry and kept in the process (`sidebar`, issue 19: building
it for every page was about 40 % of the layout's CPU). What an entry's predicate may read is
therefore limited to what `menu_key` names: the roles held and whether each is held outside
one inspection (tests/web/test_navigation.py checks the cached menu against a fresh one for
every role and for grants limited to an inspection).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.accounts.permissions import scoped_roles
from xuncha.inspections.rules import OVERSIGHT as INSPECTION_OVERSIGHT


@dataclass(frozen=True)
class Entry:
    label: object
    url_name: str
    shown: Callable[[frozenset, object], bool]  # (roles, user) -> bool

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Group:
    label: object
    entries: tuple[Entry, ...]


def _any(*roles: Role) -> Callable[[frozenset, object], bool]:
    wanted = frozenset(roles)
    return lambda held, user: bool(held & wanted)


def _always(held, user) -> bool:
    return True


def _accounts(held, user) -> bool:
    from xuncha.accounts.rules import may_grant, may_manage_accounts

    return may_manage_accounts(user) or may_grant(user)


def _grants(held, user) -> bool:
    from xuncha.accounts.rules import may_read_grants

    return may_read_grants(user)


def _ledger(held, user) -> bool:
    from xuncha.rectification.rules import may_read_ledger

    return may_read_ledger(user)


def _figures(held, user) -> bool:
    from xuncha.rectification.rules import may_see_figures

    return may_see_figures(user)


def _evaluation(held, user) -> bool:
    from xuncha.evaluation.rules import may_read_evaluations

    return may_read_evaluations(user)


def _campaigns(held, user) -> bool:
    from xuncha.campaigns.rules import may_read_campaigns

    return may_read_campaigns(user)


def _cases(held, user) -> bool:
    from xuncha.cases.rules import may_read_cases

    return may_read_cases(user)


def _meetings(held, user) -> bool:
    from xuncha.meetings.rules import may_read_meetings

    return may_read_meetings(user)


def _audit(held, user) -> bool:
    from xuncha.accounts.rules import may_read_audit

    return may_read_audit(user)


OVERSIGHT = tuple(INSPECTION_OVERSIGHT)  # the roles the plans page itself lets in
CASEWORK = tuple(Role.casework())
COMMON_READERS = (Role.OFFICE, Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER, Role.LEADERSHIP)  # plans READERS

MENU: tuple[Group, ...] = (
    Group(
        pgettext_lazy("stage of work", "Planning"),
        (
            Entry(_("Plans"), "plans:terms", _any(*OVERSIGHT)),
            Entry(_("Talent pools"), "staffing:pools", _any(Role.OFFICE)),
            Entry(_("Campaigns"), "campaigns:list", _campaigns),
        ),
    ),
    Group(
        pgettext_lazy("stage of work", "Inspecting"),
        (
            Entry(_("Inspections"), "inspections:list", _any(*CASEWORK)),
            Entry(_("Petitions"), "petitions:list", _any(Role.OFFICE, Role.TEAM_MEMBER)),
            Entry(_("Questionnaires"), "surveys:list", _any(Role.OFFICE)),
            Entry(
                _("Clues"),
                "clues:list",
                _any(Role.OFFICE, Role.TEAM_MEMBER, Role.DISCIPLINE_REVIEWER, Role.ORGANISATION_REVIEWER),
            ),
            Entry(
                _("Immediate fixes"),
                "petitions:fixes",
                _any(Role.OFFICE, Role.TEAM_MEMBER, Role.LIAISON, Role.RESPONSIBLE_UNIT),
            ),
        ),
    ),
    Group(
        pgettext_lazy("stage of work", "Rectification"),
        (
            Entry(_("My tasks"), "rectification:my_tasks", _any(Role.LIAISON, Role.RESPONSIBLE_UNIT)),
            Entry(_("Rectification ledger"), "ledger:list", _ledger),
            Entry(_("Common problems"), "common:lists", _any(*COMMON_READERS)),
            Entry(_("Typical cases"), "cases:list", _cases),
            Entry(_("Common-problem self-checks"), "common:my_reaches", _any(Role.LIAISON, Role.RESPONSIBLE_UNIT)),
        ),
    ),
    Group(
        pgettext_lazy("stage of work", "Supervision"),
        (
            Entry(_("Warnings"), "supervision:warnings", _any(*CASEWORK)),
            Entry(_("Supervision documents"), "supervision:documents", _any(*CASEWORK)),
            Entry(_("Interviews"), "supervision:interviews", _any(*CASEWORK)),
            Entry(_("Use of results"), "results:list", _any(*CASEWORK)),
            Entry(_("People held accountable"), "supervision:accountability", _any(*COMMON_READERS)),
            Entry(_("Meetings"), "meetings:list", _meetings),
        ),
    ),
    Group(
        pgettext_lazy("stage of work", "Statistics"),
        (
            Entry(_("Rectification dashboard"), "rectification:dashboard", _any(*OVERSIGHT)),
            Entry(_("Rectification figures"), "rectification:figures", _figures),
            Entry(_("Rectification evaluation"), "evaluation:list", _evaluation),
            Entry(_("Appraisal of lower offices"), "appraisal:list", _any(Role.OFFICE, Role.LEADERSHIP)),
        ),
    ),
    Group(
        pgettext_lazy("stage of work", "Reference data"),
        (
            Entry(_("Organisations"), "orgs:tree", _always),
            Entry(_("People"), "people:list", _always),
        ),
    ),
    Group(
        pgettext_lazy("stage of work", "System"),
        (
            Entry(_("Accounts"), "accounts:users", _accounts),
            Entry(_("Role grants"), "accounts:grants", _grants),
            Entry(_("Audit log"), "audit:list", _audit),
        ),
    ),
)


@dataclass(frozen=True)
class ShownEntry:
    label: object
    url: str
    active: bool


@dataclass(frozen=True)
class ShownGroup:
    label: object
    entries: list[ShownEntry]


def menu(user, roles: frozenset, *, path: str = "") -> list[ShownGroup]:
    """The groups and entries `user` may open, in order; a group with nothing to show is left
    out. The entry whose URL is the longest prefix of `path` is marked active."""
    groups = []
    for group in MENU:
        shown = [entry for entry in group.entries if entry.shown(roles, user)]
        if shown:
            groups.append((group, shown))
    urls = {entry: entry.url for _group, shown in groups for entry in shown}  # reverse() once each
    best = max((url for url in urls.values() if path.startswith(url)), key=len, default=None)
    return [
        ShownGroup(group.label, [ShownEntry(e.label, urls[e], urls[e] == best) for e in shown])
        for group, shown in groups
    ]


def menu_key(user) -> tuple:
    """What decides a user's sidebar: the roles held, each with whether a grant of it reaches
    beyond one inspection (scope paths come only from those, `permissions.scope_paths`), and
    the language and URL prefix it is written in. An entry's predicate must not read more."""
    held = frozenset((grant.role, grant.inspection_id is None) for grant in scoped_roles(user))
    return held, get_language(), get_script_prefix(), get_urlconf()


_MENUS: dict[tuple, list[tuple[str, list[tuple[str, str]]]]] = {}
_SIDEBARS: dict[tuple, str] = {}
_LIMIT = 2000  # role sets met by one process; a bound, not an expectation


def sidebar(user, path: str) -> str:
    """The sidebar's list (workbench, then `menu`'s groups) as HTML, with the entry whose URL is
    the longest prefix of `path` marked active: rendered once per `menu_key` and active entry."""
    key = menu_key(user)
    groups = _MENUS.get(key)
    if groups is None:
        groups = [
            (str(group.label), [(str(entry.label), entry.url) for entry in group.entries])
            for group in menu(user, frozenset(role for role, _whole in key[0]))
        ]
        if len(_MENUS) >= _LIMIT:
            _MENUS.clear()
        _MENUS[key] = groups
    urls = [url for _label, entries in groups for _entry, url in entries]
    active = "/" if path == "/" else max((url for url in urls if path.startswith(url)), key=len, default=None)
    html = _SIDEBARS.get((key, active))
    if html is None:
        html = render_to_string("web/_sidebar.html", {"groups": groups, "active": active})
        if len(_SIDEBARS) >= _LIMIT:
            _SIDEBARS.clear()
        _SIDEBARS[(key, active)] = html
    return html


# the layout's fixed links (brand, account menu, notifications), reversed once per URL prefix
# rather than by nine {% url %} tags on every page
LAYOUT_URLS = {
    "home": "home",
    "password": "password_change",
    "two_factor": "two_factor:manage",
    "tokens": "restapi:tokens",
    "notification_settings": "supervision:notification_settings",
    "set_language": "set_language",
    "logout": "logout",
    "notifications": "supervision:notifications",
    "unread_badge": "supervision:unread_badge",
}
_LAYOUT_URLS: dict[tuple, dict[str, str]] = {}


def layout_urls() -> dict[str, str]:
    key = (get_script_prefix(), get_urlconf())
    urls = _LAYOUT_URLS.get(key)
    if urls is None:
        urls = _LAYOUT_URLS[key] = {name: reverse(url_name) for name, url_name in LAYOUT_URLS.items()}
    return urls


@receiver(setting_changed)
def _forget_sidebars(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "TEMPLATES", "INSTALLED_APPS"}:
        _MENUS.clear()
        _SIDEBARS.clear()
        _LAYOUT_URLS.clear()
