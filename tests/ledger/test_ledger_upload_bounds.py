"""A ledger upload made to exhaust the spreadsheet reader is refused with a message, quickly, in
bounded memory, and changes nothing; a reader that dies in its child changes nothing either."""

import time

import pytest

from tests.files.bombs import far_cell_workbook, peak_rss_mb
from tests.ledger.conftest import upload
from xuncha.audit.models import AuditEvent
from xuncha.ledger.importer import import_ledger
from xuncha.ledger.models import LedgerJob
from xuncha.ledger.reading import count_rows
from xuncha.rectification.models import Measure

pytestmark = pytest.mark.django_db


def _state():
    return list(Measure.objects.order_by("pk").values_list("pk", "version", "content", "standard"))


@pytest.mark.parametrize("dimension", ["keep", None, "A1:B2"], ids=["declared", "no-dimension", "dimension-lies"])
def test_liaison_uploading_a_sheet_reaching_the_last_cell_gets_a_message(client, case, dimension):
    bomb = far_cell_workbook(dimension=dimension)
    before = _state()
    client.force_login(case.liaison)
    rss, started = peak_rss_mb(), time.monotonic()
    response = client.post(f"/ledger/inspection/{case.inspection.pk}/import/", {"ledger": upload(bomb)})
    assert time.monotonic() - started < 5
    assert peak_rss_mb() - rss < 200
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert len(errors) == 1 and "1048576" in errors[0].message and "最多读取" in errors[0].message
    assert _state() == before and not LedgerJob.objects.exists()
    assert AuditEvent.objects.filter(action="ledger.import.refused").count() == 1


def test_counting_the_rows_of_a_far_cell_workbook_does_not_parse_it():
    rss, started = peak_rss_mb(), time.monotonic()
    assert count_rows(upload(far_cell_workbook())) == 0  # refused: the import says why
    assert time.monotonic() - started < 5 and peak_rss_mb() - rss < 200


def test_reader_killed_by_its_memory_limit_gives_the_message_and_changes_nothing(client, case, settings):
    """With the bounds lifted the workbook reaches python-calamine, which asks for 512 GiB; the
    child limited to 256 MB dies, and the import reports it in Chinese with nothing changed."""
    settings.XUNCHA_SHEET_MAX_ROWS = settings.XUNCHA_SHEET_MAX_COLUMNS = 10**7
    settings.XUNCHA_SHEET_MAX_CELLS = 10**12
    settings.XUNCHA_PARSER_MEMORY_MB = 256
    settings.XUNCHA_LEDGER_JOB_ROWS = settings.XUNCHA_LEDGER_IMPORT_JOB_ROWS = 10**7  # in the request, not a job
    before = _state()
    client.force_login(case.office)
    response = client.post(f"/ledger/inspection/{case.inspection.pk}/import/", {"ledger": upload(far_cell_workbook())})
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [e.message for e in errors] == [
        "文件在平台的内存和时间限制内未能读取完毕，未作任何更改。请检查它是否为正常的同类文件，或拆分为较小的文件后再上传。"
    ]
    assert errors[0].message in response.content.decode()
    assert _state() == before


def test_background_import_of_a_bomb_is_refused_too(case, tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(far_cell_workbook(dimension=None))
    before = _state()
    result = import_ledger(case.inspection, by=case.office, source=path)
    assert not result.ok and "1048576" in result.errors[0].message
    assert _state() == before
