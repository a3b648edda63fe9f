"""A measure whose status a published report does not state is written 未说明 in the ledger (the
enum's label), never 未完成 or 未启动, and an unchanged ledger with it imports without error."""

import pytest

from tests.ledger.conftest import data_rows, upload
from xuncha import tallies
from xuncha.rectification.enums import MeasureStatus
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db


def _export(client, case, language="zh-hans") -> bytes:
    client.force_login(case.office)
    client.cookies["django_language"] = language
    response = client.get(f"/ledger/inspection/{case.inspection.pk}/export.xlsx")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def imported(case):
    """湖里区's measure as an import of a report that states no status leaves it."""
    Measure.objects.filter(pk=case.other_measure.pk).update(status=MeasureStatus.NOT_STATED)
    tallies.inspection_changed(case.inspection.pk)
    return case


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_ledger_writes_the_word_for_not_stated(client, imported, language):
    rows = {r["台账编号"].split(":")[0]: r for r in data_rows(_export(client, imported, language))}
    assert rows[f"M{imported.other_measure.pk}"]["完成情况"] == "未说明"
    assert rows[f"M{imported.measures[0].pk}"]["完成情况"] == "未启动"  # the others keep their word


def test_the_ledger_page_and_its_filter_show_them(client, imported):
    client.force_login(imported.office)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(f"/ledger/?inspection={imported.inspection.pk}&status=not_stated").content.decode()
    assert "未说明" in page and "湖里区领导" in page  # the not-stated measure's leader
    assert "区委副书记" not in page  # 思明区's measures are stated (not started)


def test_an_unchanged_ledger_with_them_imports_cleanly(client, imported):
    content = _export(client, imported)
    response = client.post(f"/ledger/inspection/{imported.inspection.pk}/import/", {"ledger": upload(content)})
    assert response.status_code == 302
    assert Measure.objects.get(pk=imported.other_measure.pk).status == MeasureStatus.NOT_STATED
