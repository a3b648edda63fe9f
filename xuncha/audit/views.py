from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from xuncha.accounts.permissions import Action, restrict
from xuncha.accounts.rules import may_read_audit
from xuncha.audit.events import codes_matching, registered
from xuncha.audit.models import AuditEvent
from xuncha.web.exports import xlsx_response
from xuncha.web.pages import paginate


def _events(request, action=Action.VIEW):
    qs = restrict(AuditEvent.objects.all(), request.user, action)
    if q := request.GET.get("q", "").strip():
        labelled = Q(action__in=codes_matching(q))  # the words the user reads, not only the codes
        qs = qs.filter(Q(actor_name__icontains=q) | Q(object_repr__icontains=q) | Q(action__icontains=q) | labelled)
    if code := request.GET.get("action", "").strip():
        qs = qs.filter(action__startswith=code)
    return qs.order_by("-at", "-id")


def event_list(request):
    if not may_read_audit(request.user):
        raise Http404
    page, query = paginate(request, _events(request))
    kinds = [(code, str(kind.label)) for code, kind in sorted(registered().items())]  # grouped by app
    return render(request, "audit/event_list.html", {"page": page, "query": query, "event_types": kinds})


def event_export(request):
    if not may_read_audit(request.user):
        raise Http404
    rows = (
        (
            e.at.replace(tzinfo=None),
            e.actor_name,
            e.label,
            e.object_type_label,
            e.object_repr,
            e.ip_address or "",
            str(e.data),
        )
        for e in _events(request, Action.EXPORT)[:100000]
    )
    headers = [
        _("Time"),
        _("Actor"),
        _("Action"),
        _("Object type"),
        _("Object"),
        _("IP address"),
        _("Details"),
    ]
    return xlsx_response("audit-log", _("Audit log"), headers, rows)
