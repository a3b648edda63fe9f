from django.apps import apps
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from xuncha.accounts.permissions import Action
from xuncha.accounts.rules import may_read_audit
from xuncha.audit.events import registered
from xuncha.audit.lists import AUDIT_EVENTS, object_type_choices
from xuncha.lists.excel import list_download
from xuncha.web.pages import paginate

EXPORT_LIMIT = 100_000


def event_type_groups() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The event type select: per app (in the catalogue's order), the app as a whole and each of
    its event types, by label (``clues``, 问题线索, [(``clues.clue.viewed``, 查看问题线索), …])."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, kind in registered().items():
        groups.setdefault(code.split(".", 1)[0], []).append((code, str(kind.label)))
    return [(app, str(apps.get_app_config(app).verbose_name), kinds) for app, kinds in groups.items()]


def event_list(request):
    if not may_read_audit(request.user):
        raise Http404
    page, query = paginate(request, AUDIT_EVENTS.details(AUDIT_EVENTS.rows(request.user, request.GET)))
    context = {
        "page": page,
        "query": query,
        "filters": AUDIT_EVENTS.parse(request.GET),
        "event_types": event_type_groups(),
        "object_types": object_type_choices(),
    }
    return render(request, "audit/event_list.html", context)


def event_export(request):
    """The filtered log for the auditor, named for the period it covers
    (审计日志-20260101至20261231-20261202.xlsx)."""
    if not may_read_audit(request.user):
        raise Http404
    rows = AUDIT_EVENTS.details(AUDIT_EVENTS.rows(request.user, request.GET, Action.EXPORT))[:EXPORT_LIMIT]
    given = AUDIT_EVENTS.parse(request.GET)
    period = []
    if "from" in given or "to" in given:
        start = f"{given['from']:%Y%m%d}" if "from" in given else ""
        end = f"{given['to']:%Y%m%d}" if "to" in given else ""
        period = [_("%(start)s to %(end)s") % {"start": start, "end": end}]
    return list_download(AUDIT_EVENTS, rows, request=request, about=period)
