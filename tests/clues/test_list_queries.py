"""The confidential lists run a fixed number of queries whatever their rows, access logging
included (one INSERT logs every row shown)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.clues import domain as clues
from xuncha.petitions import domain as petitions

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len([q for q in ctx.captured_queries if not q["sql"].lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))])


def _add(kind, inspection, office, tree):
    if kind == "clues":
        clues.create_clue(
            inspection,
            by=office,
            allegation="反映问题",
            source="talk",
            received_on=date(2021, 1, 20),
            persons=[{"name": "甲"}],
        )
    elif kind == "petitions":
        petitions.receive_petition(
            inspection, by=office, channel="letter", received_on=date(2021, 1, 15), content="反映问题"
        )
    else:
        petitions.hand_over_fix(
            inspection,
            by=office,
            organisation=tree.street,
            description="请整改",
            handed_over_on=date(2021, 1, 16),
            deadline=date(2021, 1, 31),
        )


@pytest.mark.parametrize(
    ("kind", "url"), [("clues", "/clues/"), ("petitions", "/petitions/"), ("fixes", "/petitions/fixes/")]
)
def test_confidential_lists_read_a_fixed_number_of_queries(tree, client, kind, url):
    inspection = dated_inspection(tree)
    office = user_with_role(Role.OFFICE, tree.city)
    client.force_login(office)
    _add(kind, inspection, office, tree)
    one = _count(client, url)
    _add(kind, inspection, office, tree)
    _add(kind, inspection, office, tree)
    assert _count(client, url) == one
    if kind != "fixes":  # clues and petitions are logged as read: one event per page, naming every row shown
        from xuncha.audit.models import AuditEvent, AuditEventObject

        first, second = AuditEvent.objects.filter(action__endswith=".listed").order_by("seq")
        assert first.object_id and not first.data  # one row shown: named as record_event names it
        assert len(second.data["ids"]) == 3 and not second.object_id
        named = AuditEventObject.objects.filter(event=second).values_list("object_id", flat=True)
        assert sorted(named) == sorted(str(pk) for pk in second.data["ids"])
