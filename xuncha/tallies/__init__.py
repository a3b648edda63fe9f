"""The summary tables of rectification (the dashboard's tallies): their recount (`counts`) and
their upkeep (`upkeep`), called explicitly by the domain functions that write the rows they
count. The tables themselves are models of `rectification` (`ProblemTally`, `MeasureTally`,
`TermTally`, ...); `xuncha tally --check | --rebuild` and the fill after `migrate` live there.

Usage, inside the writing transaction, after the write:

    tallies.measure_saved(locked)                  # counted values moved, or a new measure
    tallies.measure_saved(saved, before=stored)    # recounts only if a counted value moved
    with transaction.atomic(), tallies.deferred(): # many writes, one recount at the end
"""

from xuncha.tallies.counts import Difference, Mismatch, differences, rebuild_all, refresh
from xuncha.tallies.upkeep import (
    aspect_saved,
    counted_values,
    deferred,
    inspection_changed,
    inspection_deleted,
    inspection_saved,
    mark,
    measure_saved,
    measures_saved,
    plan_saved,
    problem_saved,
)

__all__ = [
    "Difference",
    "Mismatch",
    "aspect_saved",
    "counted_values",
    "deferred",
    "differences",
    "inspection_changed",
    "inspection_deleted",
    "inspection_saved",
    "mark",
    "measure_saved",
    "measures_saved",
    "plan_saved",
    "problem_saved",
    "rebuild_all",
    "refresh",
]
