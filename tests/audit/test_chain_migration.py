"""Events written before the chain existed are chained by migration 0004, in id order."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from xuncha.audit.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_migration_chains_existing_events_in_id_order():
    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0002_append_only")])
    old = MigrationExecutor(connection).loader.project_state([("audit", "0002_append_only")]).apps
    OldEvent = old.get_model("audit", "AuditEvent")
    for i in range(3):
        OldEvent.objects.create(action="orgs.organisation.updated", object_repr=f"旧事件{i}", data={"i": i})
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app, so later tests find every table

    rows = list(AuditEvent.objects.order_by("seq"))
    assert [(e.seq, e.object_repr) for e in rows] == [(1, "旧事件0"), (2, "旧事件1"), (3, "旧事件2")]
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "3" in out.getvalue() and "完好" in out.getvalue()
    with pytest.raises(PermissionError):
        rows[0].save()
