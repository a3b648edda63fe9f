"""Development only: after each request that may have written (any method but GET, HEAD,
OPTIONS), the summary tallies must still equal a full recount, or the request fails loudly
(`TallyDrift`, naming what differs). A write site that forgot its `tallies` call then shows up
the first time a developer clicks through it, not weeks later in `xuncha tally --check`.

Installed by settings when XUNCHA_TALLY_GUARD is on (by default in development with DEBUG,
never in production). The recount per request is cheap on the demo world; on a large
development database (the benchmark seed) turn it off.
"""

from xuncha.tallies.counts import differences

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TallyDrift(AssertionError):
    """A request left the tallies different from a recount: its write path misses a call."""


def tally_guard(get_response):
    def middleware(request):
        response = get_response(request)
        if request.method not in SAFE_METHODS:
            found = differences()
            if found:
                raise TallyDrift(f"{request.method} {request.path} left the tallies stale: {found}")
        return response

    return middleware
