import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_bench_prints_one_json_line_per_figure(capsys):
    call_command("bench_ledger", rows=200, repeat=1, use_current_db=True)
    lines = capsys.readouterr().out.strip().splitlines()
    figures = [json.loads(line) for line in lines]
    assert [f["name"] for f in figures] == ["ledger_export", "ledger_import", "ledger_import_edited"]
    for figure in figures:
        assert {"name", "backend", "rows", "median_s", "p95_s", "peak_mb", "baseline_s", "ratio"} <= set(figure)
        assert figure["rows"] == 200 and figure["median_s"] > 0 and figure["baseline_s"] > 0
