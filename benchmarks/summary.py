"""`python -m benchmarks.summary RUN.jsonl [--write docs/bench/cpu-scaleN.md]`: the figures of issue 19
from one `make bench` run: each floor's server CPU per request against the bare view's, and each
main page's as a multiple of the prepared floor's (`/bench/prepared`), measured in the same run,
with their targets, and the in-process p95 against docs/deploy.md's time targets. Printed, and
written as Markdown with the machine's description.

Server CPU is the production server's process CPU time per request (/proc, `benchmarks.http`),
not wall-clock time: on PostgreSQL the database's own CPU is in another process and not counted;
on SQLite it is in the server's.
"""

import argparse
import contextlib
import json
import os
import platform
import sqlite3
import subprocess
import sys
from datetime import date

# (name in the run, label, target, kind): "floor" targets are minimum ratios of the bare view's
# CPU to the floor's; "page" targets are maximum multiples of the prepared floor's CPU
TARGETS = [
    ("http_floor_layout", "layout floor", 0.45, "floor"),
    ("http_floor_rows", "50-row floor, formatted in the template", None, "floor"),
    ("http_floor_prepared", "prepared 50-row floor", 0.12, "floor"),
    ("http_home", "home (workbench)", None, "page"),
    ("http_ledger_list", "ledger list", 2.0, "page"),
    ("http_clue_list", "clue list", 2.0, "page"),
    ("http_board", "board", 2.0, "page"),
    ("http_dashboard", "dashboard", 2.5, "page"),
]
# docs/deploy.md's time targets (p95, in-process)
TIMES = [
    ("ledger_list", 0.150),
    ("board_largest_inspection", 0.150),
    ("dashboard_province_all_terms", 0.300),
    ("dashboard_city_term", 0.300),
]


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return ""


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    pg = ""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        pg = subprocess.run(["psql", "--version"], capture_output=True, text=True, timeout=5).stdout.strip()
    return (
        f"{model}, {os.cpu_count()} cores, {memory} GiB; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
        f"{', ' + pg if pg else ''}; load average {os.getloadavg()[0]:.1f} when summarised"
    )


def summarise(rows: list[dict]) -> str:
    lines = []
    backends = list(dict.fromkeys(r["backend"] for r in rows if r["name"].startswith("http_")))
    scale = next((r.get("scale") for r in rows if "scale" in r), "?")
    lines.append(f"# Server CPU per request, scale {scale}, {date.today().isoformat()}")
    lines.append("")
    lines.append(f"Machine: {machine()}.")
    lines.append("")
    for backend in backends:
        http = {r["name"]: r for r in rows if r["backend"] == backend and r["name"].startswith("http_")}
        hello = http.get("http_hello", {}).get("server_cpu_ms_per_request")
        prepared = http.get("http_floor_prepared", {}).get("server_cpu_ms_per_request")
        lines.append(f"## {backend}")
        lines.append("")
        lines.append(f"Bare view (`/bench/hello`): {hello} ms of server CPU per request.")
        lines.append("")
        lines.append("| page | CPU ms/request | ratio | target | met |")
        lines.append("|---|---|---|---|---|")
        for name, label, target, kind in TARGETS:
            row = http.get(name)
            if row is None:
                continue
            cpu = row.get("server_cpu_ms_per_request")
            if kind == "floor":
                ratio, wording = row.get("cpu_ratio"), "bare view's CPU / this"
                met = "" if target is None or ratio is None else ("yes" if ratio >= target else "**no**")
                shown = f"≥ {target}" if target else "—"
            else:
                ratio = round(cpu / prepared, 2) if cpu and prepared else None
                wording = "× prepared floor"
                met = "" if target is None or ratio is None else ("yes" if ratio <= target else "**no**")
                shown = f"≤ {target} ×" if target else "—"
            lines.append(f"| {label} | {cpu} | {ratio} ({wording}) | {shown} | {met} |")
        lines.append("")
        timed = {r["name"]: r for r in rows if r["backend"] == backend and "p95_s" in r}
        lines.append("| in-process page | p95 ms | docs/deploy.md target | met |")
        lines.append("|---|---|---|---|")
        for name, limit in TIMES:
            if (row := timed.get(name)) is not None:
                met = "yes" if row["p95_s"] < limit else "**no**"
                lines.append(f"| {name} | {row['p95_s'] * 1000:.1f} | < {limit * 1000:.0f} | {met} |")
        lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.summary")
    parser.add_argument("runs", nargs="+", help="JSON lines written by `xuncha bench run`")
    parser.add_argument("--write", help="also write the summary (Markdown) to this file")
    args = parser.parse_args(argv)
    rows = []
    for path in args.runs:
        with open(path, encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip().startswith("{")]
    text = summarise(rows)
    print(text)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
