"""Two workers computing the same day at the same moment send each warning once: the unique
constraint decides. PostgreSQL only: the test database of SQLite is an in-memory shared cache,
whose table locks fail a second writer at once instead of waiting as a file database does."""

import threading

import pytest
from django.core import mail
from django.db import connection

from tests.supervision.conftest import days_before
from xuncha.supervision.escalation import compute_warnings
from xuncha.supervision.models import MeasureWarning, Notification

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (concurrent writers)"),
]


def test_two_concurrent_runs_send_each_warning_once(world):
    start = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            start.wait(timeout=10)
            results.append(compute_warnings(days_before(10)))
        except Exception as error:  # surfaced below: a worker must not crash on the race
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(len(r.raised) for r in results) == 3
    assert MeasureWarning.objects.count() == 3
    assert Notification.objects.count() == 3 * 3  # handler, liaison, 张明 for each measure
    sent = [(m.subject, m.to[0]) for m in mail.outbox]
    assert len(sent) == len(set(sent)) == 9
