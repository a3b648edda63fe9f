"""The current request's client address, for audit events written deep in domain code.

simple-history's middleware already keeps the request in a context variable; we read it
from there instead of keeping a second copy. The address is the client's as seen through the
trusted reverse proxies (xuncha.web.client_address), the same one login lockouts count.
"""

from simple_history.models import HistoricalRecords


def current_ip() -> str | None:
    from xuncha.web.client_address import client_ip

    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return None
    return client_ip(request)
