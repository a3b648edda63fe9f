"""Six writers changing different measures of one inspection at the same moment leave exact
tallies: each recount runs after the previous writer's commit (the inspection's lock), and under
READ COMMITTED it sees that writer's rows. Without the lock, two recounts started together would
each miss the other's change, and the later commit would win with a stale count.

PostgreSQL only: the test database of SQLite is an in-memory shared cache, whose table locks
fail a second writer at once instead of waiting as a file database does."""

import threading
from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.db.models import Sum

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems
from xuncha import tallies
from xuncha.rectification import domain
from xuncha.rectification.enums import MeasureStatus, ProblemStatus, SignOff
from xuncha.rectification.models import Measure, MeasureTally, ProblemTally

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (concurrent writers)"),
]

WRITERS = 6


def _rounds(kept: Measure, returned: Measure):
    """Each writer's steps, one round at a time: `kept` ends signed off, `returned` is sent back
    once and ends done with its sign-off requested again."""
    return [
        lambda: [domain.post_progress(m, by=None, text="推进中", status="in_progress") for m in (kept, returned)],
        lambda: [domain.post_progress(m, by=None, text="已完成", status="done") for m in (kept, returned)],
        lambda: [domain.request_sign_off(m, by=None) for m in (kept, returned)],
        lambda: (
            domain.approve_sign_off(kept, by=None),
            domain.return_sign_off(returned, by=None, reason="佐证材料不足"),
        ),
        lambda: domain.post_progress(returned, by=None, text="基本完成", status="basically_done"),
        lambda: (
            domain.post_progress(returned, by=None, text="已完成", status="done"),
            domain.request_sign_off(returned, by=None),
        ),
    ]


def test_concurrent_writers_of_one_inspection_keep_exact_tallies(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 2 * WRITERS, organisation=tree.district, aspects=3)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measures = [
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street)) for p in problems
    ]
    domain.submit_plan(plan, by=None, on=date(2021, 8, 1))
    domain.approve_plan(plan, by=None)
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(kept, returned):
        try:
            for step in _rounds(kept, returned):
                barrier.wait(timeout=60)  # every writer starts the round together
                step()
        except Exception as error:  # surfaced below: a writer must not fail on the race
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(measures[2 * n], measures[2 * n + 1])) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []

    assert tallies.differences() == []
    # expected from the script alone: every kept measure signed off, every returned one done
    # and awaiting sign-off again; so every problem done (reported done counts as done)
    problems = dict(
        ProblemTally.objects.filter(inspection=inspection).values_list("status").annotate(n=Sum("problems")).order_by()
    )
    assert problems == {ProblemStatus.DONE: 2 * WRITERS}
    rows = MeasureTally.objects.filter(inspection=inspection).values_list("status", "approved")
    assert {(s, a): n for s, a, n in rows.annotate(n=Sum("measures")).order_by()} == {
        (MeasureStatus.DONE, True): WRITERS,
        (MeasureStatus.DONE, False): WRITERS,
    }
    # and the rows themselves say the same
    states = Counter(Measure.objects.filter(plan=plan).values_list("status", "sign_off"))
    assert states == {(MeasureStatus.DONE, SignOff.APPROVED): WRITERS, (MeasureStatus.DONE, SignOff.REQUESTED): WRITERS}


def test_concurrent_writers_of_one_term_keep_exact_term_tallies(tree):
    """Six writers, each on an inspection of its own in one term: the term's rows are recounted
    one writer after the other (the term's lock), each seeing the others' committed tallies."""
    from tests.factories import make_inspection
    from xuncha.rectification.models import TermTally

    first = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    pairs = []
    for n in range(WRITERS):
        inspection = (
            first
            if n == 0
            else make_inspection(first.term, [tree.district], title=f"第{n + 1}次巡察", entry_on=date(2021, 3, n + 1))
        )
        problems = feedback_with_problems(inspection, 2, organisation=tree.district)
        plan = domain.start_plan(inspection, by=None, organisation=tree.district)
        made = [
            domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street)) for p in problems
        ]
        domain.submit_plan(plan, by=None, on=date(2021, 8, 1))
        domain.approve_plan(plan, by=None)
        pairs.append(made)
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(kept, returned):
        try:
            for step in _rounds(kept, returned):
                barrier.wait(timeout=60)
                step()
        except Exception as error:
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []

    assert tallies.differences() == []
    row = TermTally.objects.get(term=first.term, organisation=tree.district)
    assert (row.done, row.basically_done, row.not_done, row.measures) == (2 * WRITERS, 0, 0, 2 * WRITERS)


def test_the_dashboard_reads_one_snapshot(tree, monkeypatch):
    """Outside any transaction the split and the sums run in one REPEATABLE READ, read-only
    transaction: a move committed between them cannot slip into a whole term."""
    from xuncha.inspections.models import Inspection
    from xuncha.rectification import dashboard

    seen = []
    figures = dashboard._figures

    def spy(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SHOW transaction_isolation")
            seen.append(cursor.fetchone()[0])
            cursor.execute("SHOW transaction_read_only")
            seen.append(cursor.fetchone()[0])
        return figures(*args, **kwargs)

    monkeypatch.setattr(dashboard, "_figures", spy)
    assert not connection.in_atomic_block
    dashboard.dashboard_figures(Inspection.objects.all(), today=date(2026, 1, 1))
    assert seen == ["repeatable read", "on"]
