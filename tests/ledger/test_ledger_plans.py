"""The ledger's key query (the ids of a page, `CappedPaginator.page`) walks an index in the list's
order and stops at the page, for every role that reads the ledger: a plan that sorts the whole
scope (SQLite's "USE TEMP B-TREE FOR ORDER BY", a PostgreSQL Sort node) is what made the ledger
cost 50 ms at scale 1 (issue 19). Plans are read with EXPLAIN; PostgreSQL is asked with sorting
discouraged (`enable_sort = off`), so a plan still sorting is one the query's shape forces, not a
choice of the planner on a small test table. Both are asked with statistics (ANALYZE), as a live
database has them: without them SQLite takes the index on archived_at (every active measure) and
sorts everything, which is why docs/deploy.md has a SQLite deployment run `xuncha analyze`."""

import pytest
from django.db import connection, transaction
from django.http import QueryDict

from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.ledger.lists import MEASURES
from xuncha.rectification.queries import my_measures

pytestmark = pytest.mark.django_db

# every role that reads measures, and where it is granted in the test tree
READERS = [
    (Role.OFFICE, "city"),
    (Role.DISCIPLINE_REVIEWER, "city"),
    (Role.ORGANISATION_REVIEWER, "city"),
    (Role.LEADERSHIP, "city"),
    (Role.LEADERSHIP, "district"),  # oversight granted inside an inspected organisation
    (Role.LIAISON, "district"),
    (Role.RESPONSIBLE_UNIT, "community"),
]


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _full_sort(plan: str) -> bool:
    if connection.vendor == "sqlite":
        return "USE TEMP B-TREE FOR ORDER BY" in plan
    # an Incremental Sort orders rows within each plan walked in index order: it stops at the page
    return any(line.strip().startswith("->  Sort") or line.startswith("Sort") for line in plan.splitlines())


def _through_indexes(plan: str) -> bool:
    """The scope is found by its indexes (lead unit, the units' link table), never by a scan of
    the measures: a responsible unit's few measures are then sorted, which is cheap."""
    if connection.vendor == "sqlite":
        return "MULTI-INDEX OR" in plan and "SCAN rectification_measure " not in f"{plan} "
    return "Seq Scan on rectification_measure " not in f"{plan} "


@pytest.mark.parametrize(("role", "where"), READERS)
def test_the_ledgers_first_page_walks_an_index_for_every_role(case, tree, role, where):
    user = user_with_role(role, getattr(tree, where))
    keys = MEASURES.details(MEASURES.rows(user, QueryDict(""))).values_list("pk", flat=True)[:50]
    assert list(keys)  # the plan read is that of a list with rows
    plan = _plan(keys)
    if role == Role.RESPONSIBLE_UNIT:
        assert not _full_sort(plan) or _through_indexes(plan), plan
    else:
        assert not _full_sort(plan), plan


def test_my_tasks_find_the_units_measures_without_a_distinct(case):
    """A unit's own tasks are found through subqueries: a join on the units would repeat a
    measure per unit and force a DISTINCT over every matching row."""
    measures = my_measures(case.unit)
    assert not measures.query.distinct
    assert {m.pk for m in measures} == {case.measures[0].pk}
