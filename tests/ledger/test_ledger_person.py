"""责任人 (the person responsible), the sixth point a term may require of a measure: kept on the
measure, refused when the term requires it and it is missing, and carried by the ledger's
责任人 column, which an older file without it leaves as it is."""

import pytest

from tests.ledger.conftest import column_of, data_rows, edited, row_of
from tests.ledger.test_ledger_import import _export, _import
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db


def test_the_column_carries_the_person_both_ways(client, case):
    first, second = case.measures
    Measure.objects.filter(pk=first.pk).update(responsible_person="李某某")
    content = _export(client, case.office, case)
    rows = {row["台账编号"].split(":")[0]: row for row in data_rows(content)}
    assert rows[f"M{first.pk}"]["责任人"] == "李某某" and rows[f"M{second.pk}"]["责任人"] in ("", None)

    def edit(sheet):
        sheet.cell(row_of(sheet, f"M{second.pk}:"), column_of(sheet, "责任人")).value = "王某某"

    assert _import(client, case, edited(content, edit)).status_code == 302
    second.refresh_from_db()
    assert second.responsible_person == "王某某"
    assert second.history.first().history_type == "~"


def test_a_ledger_without_the_column_leaves_the_persons_as_they_are(client, case):
    first, _second = case.measures
    Measure.objects.filter(pk=first.pk).update(responsible_person="李某某")
    content = _export(client, case.office, case)

    def drop_person_and_edit(sheet):
        column = column_of(sheet, "责任人")
        sheet.cell(row_of(sheet, f"M{first.pk}:"), column_of(sheet, "完成标准")).value = "制度印发并执行"
        sheet.delete_cols(column)

    response = _import(client, case, edited(content, drop_person_and_edit))
    assert response.status_code == 302, response.content.decode()
    first.refresh_from_db()
    assert (first.responsible_person, first.standard) == ("李某某", "制度印发并执行")
