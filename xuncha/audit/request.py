"""The current request's client address, for audit events written deep in domain code.

simple-history's middleware already keeps the request in a context variable; we read it
from there instead of keeping a second copy.
"""

from simple_history.models import HistoricalRecords


def current_ip() -> str | None:
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None
