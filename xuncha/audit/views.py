from django.http import Http404
from django.shortcuts import render

from xuncha.accounts.permissions import Action
from xuncha.accounts.rules import may_read_audit
from xuncha.audit.events import registered
from xuncha.audit.lists import AUDIT_EVENTS
from xuncha.lists.excel import list_download
from xuncha.web.pages import paginate

EXPORT_LIMIT = 100_000


def event_list(request):
    if not may_read_audit(request.user):
        raise Http404
    page, query = paginate(request, AUDIT_EVENTS.details(AUDIT_EVENTS.rows(request.user, request.GET)))
    kinds = [(code, str(kind.label)) for code, kind in sorted(registered().items())]  # grouped by app
    return render(request, "audit/event_list.html", {"page": page, "query": query, "event_types": kinds})


def event_export(request):
    if not may_read_audit(request.user):
        raise Http404
    rows = AUDIT_EVENTS.details(AUDIT_EVENTS.rows(request.user, request.GET, Action.EXPORT))[:EXPORT_LIMIT]
    return list_download(AUDIT_EVENTS, rows, request=request)
