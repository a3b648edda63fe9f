"""Pausing CPython's cyclic garbage collector while a ledger's rows are built.

A 100,000-row ledger is a few million small tuples, lists and strings. Each time the young
generations overflow, the collector may rescan every container alive, and while rows are being
built that is every row built so far: about a tenth of the time of an export or import goes to
scans that find nothing, since these structures hold no reference cycles. Reference counting
still frees everything as usual; only the cycle search waits until the block ends.
"""

import gc
from contextlib import contextmanager


@contextmanager
def paused_gc():
    """Disable the cycle collector for the block, and re-enable it after if it was on.
    Process-wide: another thread's pause ending first only lets collection resume early."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
