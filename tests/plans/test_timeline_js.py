"""The timeline's tooltip escapes titles: ECharts renders a formatter's string as HTML.
Runs timeline.js under Node with a stand-in for the page and for ECharts, and calls the
tooltip formatter the script configured."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "xuncha" / "plans" / "static" / "plans" / "timeline.js"

HARNESS = """
const rows = %s;
const listeners = {};
global.document = {
  addEventListener: (name, fn) => { listeners[name] = fn; },
  getElementById: (id) => id === "timeline-data"
    ? { textContent: JSON.stringify({ rows }) }
    : { classList: { add: () => {} } },
};
let option = null;
global.window = { echarts: true };
global.echarts = { init: () => ({ setOption: (o) => { option = o; } }) };
require(%s);
listeners.DOMContentLoaded();
process.stdout.write(option.tooltip.formatter({ dataIndex: 0 }));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_tooltip_shows_a_title_as_text_not_markup():
    label = '<img src=x onerror="alert(1)">第一轮'
    rows = [{"label": label, "start": "2021-01-01", "end": "2021-02-01", "kind": "round"}]
    harness = HARNESS % (json.dumps(rows), json.dumps(str(SCRIPT)))
    shown = subprocess.run(["node", "-e", harness], capture_output=True, text=True, check=True).stdout
    assert "<img" not in shown
    assert shown.startswith("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;第一轮<br>2021-01-01")
