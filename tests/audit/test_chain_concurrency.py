"""Six writers appending audit events at the same moment leave one unbroken chain: each
append locks the chain's head row until its transaction commits, so no two events get the
same place or the same predecessor. Without the lock two appends started together would read
the same head and fork the chain (a duplicate `seq`, refused by its unique constraint, or a
broken link).

PostgreSQL only: SQLite's test database (an in-memory shared cache) fails a second writer at
once instead of letting it wait."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from xuncha.audit.domain import record_event, record_events
from xuncha.audit.models import AuditEvent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (concurrent writers)"),
]

WRITERS = 6
ROUNDS = 8


def test_concurrent_appends_keep_one_unbroken_chain(tree):
    before = AuditEvent.objects.count()
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(n):
        try:
            for i in range(ROUNDS):
                barrier.wait(timeout=60)  # every writer appends in the same instant
                with transaction.atomic():
                    record_event("orgs.organisation.updated", obj=tree.street, data={"writer": n, "round": i})
                    record_events("orgs.organisation.updated", actor=None, objs=[tree.city, tree.district])
        except Exception as error:  # surfaced below: a writer must not fail on the race
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []

    assert AuditEvent.objects.count() == before + WRITERS * ROUNDS * 3
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "完好" in out.getvalue()
