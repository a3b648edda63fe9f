"""Process tuning shared by the production server (`xuncha/wsgi.py`) and the in-process page
benchmarks, so that both measure the same thing.

Python's cyclic garbage collector, with its default thresholds, runs a full collection every
few pages of a request-heavy process and walks every object alive since start-up (Django, the
URL resolvers, templates): at scale 20 that turned a 0.10 s ledger page into 0.19 s once in
ten requests (`xuncha bench run`). Objects alive after start-up are frozen out of collection
and the young generation is collected less often; reference counting still frees almost
everything a request makes as soon as the request ends."""

import gc

YOUNG_THRESHOLD = 50_000


def tune_gc() -> None:
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
