"""Measuring for `make bench`: repeated runs, median and p95, peak memory, a baseline from the
same run and the ratio. Benchmarks print one JSON line per figure; tests never time anything."""

import json
import statistics
import time
import tracemalloc
from collections.abc import Callable

from django.db import connection


def measure(fn: Callable[[], object], *, repeat: int = 5) -> dict:
    """Time `repeat` plain runs; take the peak of Python allocations from one more, traced run
    (tracing slows Python down several times, so it never overlaps the timed runs)."""
    fn()  # warm-up: imports, template loading, caches
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        durations.append(time.perf_counter() - started)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    durations.sort()
    p95 = durations[min(len(durations) - 1, round(0.95 * (len(durations) - 1)))]
    return {
        "median_s": round(statistics.median(durations), 4),
        "p95_s": round(p95, 4),
        "peak_mb": round(peak / 2**20, 1),
    }


def emit(name: str, figures: dict, *, baseline: dict | None = None, **scale) -> None:
    row = {"name": name, "backend": connection.vendor, **scale, **figures}
    if baseline is not None:
        row["baseline_s"] = baseline["median_s"]
        row["ratio"] = round(figures["median_s"] / baseline["median_s"], 2) if baseline["median_s"] else None
    print(json.dumps(row, ensure_ascii=False), flush=True)


class Rollback(Exception):
    """Raised at the end of a benchmark's transaction so that nothing it built is kept."""
