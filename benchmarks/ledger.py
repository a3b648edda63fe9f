"""The ledger benchmark behind `xuncha bench_ledger`: export and import of an N-row ledger, each
beside a raw baseline measured in the same run on the same rows.

* export: `export_inspection_ledger` (permission-scoped reads, rendering, the platform's xlsx
  writer, audit) against bare xlsxwriter (constant_memory) writing the very same cells;
* import: `import_ledger` of the unchanged export (every row read and compared with the
  platform) against bare python-calamine reading the same file;
* import_edited: the same file with 0.5 % of rows edited, so those rows go through
  `update_measures` (lock, guard, full_clean, history, audit), against the import of the
  unchanged file run the same way (each run in a transaction rolled back after it): its ratio
  is what the edits add to an import.

Each figure names its baseline (`baseline`). The targets (docs/deploy.md) are at 100,000 rows:
`xuncha bench_ledger --rows 100000`, with DATABASE_URL naming a PostgreSQL server for that
database (a throwaway database is made on it and dropped).

Times are wall-clock medians and 95th percentiles over `repeat` runs. Peak memory is measured
on those same runs, as the process's peak resident memory above what it held when the run
began (Linux: the peak is reset through /proc/self/clear_refs and read from VmHWM after freed
memory is handed back with malloc_trim), so it counts everything, SQLite's cache and calamine's
Rust side included. Where that is unavailable, one extra run under tracemalloc is used instead,
which counts Python allocations only and is several times slower.
"""

import ctypes
import ctypes.util
import gc
import json
import math
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

import xlsxwriter
from django.db import connection, transaction
from python_calamine import CalamineWorkbook

from xuncha.accounts.permissions import Action
from xuncha.exports.xlsx import write_sheet
from xuncha.ledger import columns as cols
from xuncha.ledger.cells import fit_cell
from xuncha.ledger.export import SHEET_NAME, export_inspection_ledger, ledger_fields
from xuncha.ledger.importer import import_ledger
from xuncha.ledger.queries import inspection_ledger

EDITED_SHARE = 200  # one row in this many (0.5 %) is edited for import_edited


@dataclass
class Figure:
    name: str
    backend: str
    rows: int
    median_s: float
    p95_s: float
    peak_mb: float
    baseline_s: float
    baseline_peak_mb: float
    ratio: float
    baseline: str = ""

    def json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def build(rows: int):
    """An inspection of one district with `rows` measures (three per problem, one in ten also
    serving the next problem), twenty units, progress on half the measures and evidence on a
    tenth of those; returns (inspection, office user). Bulk inserts: this is fixture data."""
    from xuncha.accounts.domain import create_user, grant_role
    from xuncha.accounts.enums import Role
    from xuncha.files.models import StoredFile
    from xuncha.findings.models import Aspect, Problem
    from xuncha.inspections.domain import create_inspection
    from xuncha.orgs.domain import create_organisation
    from xuncha.orgs.enums import OrgKind, OrgLevel
    from xuncha.plans.domain import create_term, set_scope_rule
    from xuncha.rectification.enums import MeasureStatus, PlanStatus
    from xuncha.rectification.models import Measure, Plan, ProgressUpdate

    city = create_organisation(
        by=None,
        parent=None,
        name="厦门市委（基准）",
        code="BENCH-CITY",
        level=OrgLevel.CITY,
        kind=OrgKind.PARTY_COMMITTEE,
    )
    district = create_organisation(
        by=None,
        parent=city,
        name="思明区委（基准）",
        code="BENCH-D",
        level=OrgLevel.DISTRICT,
        kind=OrgKind.PARTY_COMMITTEE,
    )
    units = [
        create_organisation(
            by=None,
            parent=district,
            name=f"基准责任单位{n:02d}",
            code=f"BENCH-U{n}",
            level=OrgLevel.TOWN,
            kind=OrgKind.STREET,
        )
        for n in range(20)
    ]
    office = create_user(by=None, username="bench-office", password="Bench-pass-2025", organisation=city)
    grant_role(by=None, grantee=office, role=Role.OFFICE, organisation=city)
    term = create_term(by=None, owner=city, name="基准届", starts_on=date(2016, 1, 1), ends_on=date(2099, 12, 31))
    set_scope_rule(term, by=None, organisation=city)
    inspection = create_inspection(
        by=None,
        term=term,
        title="基准巡察",
        team_name="第一巡察组",
        targets=[district],
        entry_on=date(2021, 1, 11),
        exit_on=date(2021, 2, 6),
        feedback_on=date(2021, 6, 25),
    )
    aspects = Aspect.objects.bulk_create(
        Aspect(inspection=inspection, number=n, title=f"第{n}方面存在的问题", position=p)
        for p, n in enumerate("一二三四五六七八", start=1)
    )
    count = max(1, math.ceil(rows / 3))
    problems = Problem.objects.bulk_create(
        Problem(
            inspection=inspection,
            aspect=aspects[n * len(aspects) // count],
            number=str(n + 1),
            title=f"问题{n + 1}：落实主体责任不够到位，制度执行存在偏差，群众反映的问题解决不及时",
            position=n + 1,
            organisation=district,
        )
        for n in range(count)
    )
    plan = Plan.objects.create(inspection=inspection, organisation=district, status=PlanStatus.APPROVED)
    statuses = list(MeasureStatus.values)
    measures = Measure.objects.bulk_create(
        Measure(
            plan=plan,
            number=n + 1,
            target=f"目标{n + 1}：问题整改到位，长效机制健全",
            content=f"措施{n + 1}：一是开展专项检查；二是完善制度流程；三是加强督促指导，定期通报进展",
            leader="区委副书记",
            lead_unit=units[n % 20],
            deadline=None if n % 7 == 0 else date(2025, 1, 1) + timedelta(days=n % 365),
            ongoing=n % 7 == 0,
            stage_target="每季度检查一次" if n % 7 == 0 else "",
            standard="制度印发、问题清零",
            status=statuses[n % len(statuses)] if n % 7 else MeasureStatus.ONGOING,
        )
        for n in range(rows)
    )
    served = Measure.problems.through
    links = [served(measure_id=m.pk, problem_id=problems[n // 3].pk) for n, m in enumerate(measures)]
    links += [
        served(measure_id=m.pk, problem_id=problems[n // 3 + 1].pk)
        for n, m in enumerate(measures)
        if n % 10 == 0 and n // 3 + 1 < count
    ]
    served.objects.bulk_create(links)
    shared = Measure.units.through
    shared.objects.bulk_create(
        shared(measure_id=m.pk, organisation_id=units[(n + k) % 20].pk)
        for n, m in enumerate(measures)
        for k in range(1 + n % 2)
    )
    updates = ProgressUpdate.objects.bulk_create(
        ProgressUpdate(measure=m, text=f"已完成第{n % 4 + 1}阶段工作，相关制度已起草", status=m.status)
        for n, m in enumerate(measures)
        if n % 2 == 0
    )
    files = StoredFile.objects.bulk_create(
        StoredFile(name=f"佐证材料{n}.pdf", content_type="application/pdf", size=1, sha256=f"{n:064d}", file="files/x")
        for n in range(len(updates[::10]))
    )
    evidence = ProgressUpdate.evidence.through
    evidence.objects.bulk_create(
        evidence(progressupdate_id=u.pk, storedfile_id=f.pk) for u, f in zip(updates[::10], files, strict=True)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as a live database has them
    return inspection, office


class PeakMemory:
    """Peak resident memory of a block above the memory held when it began (Linux)."""

    def __init__(self):
        self.available = Path("/proc/self/clear_refs").exists() and Path("/proc/self/status").exists()
        self._libc = None
        if self.available:
            try:
                with open("/proc/self/clear_refs", "w") as f:
                    f.write("5")
                self._libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            except OSError:
                self.available = False

    @staticmethod
    def _status_mb(field: str) -> float:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
        return 0.0

    def start(self) -> float:
        gc.collect()
        trim = getattr(self._libc, "malloc_trim", None)
        if trim is not None:
            trim(0)  # give freed memory back, so an earlier run's heap does not hide this one's
        before = self._status_mb("VmRSS:")
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset the high-water mark to the current resident size
        return before

    def peak_since(self, before: float) -> float:
        return max(0.0, self._status_mb("VmHWM:") - before)


def timed(fn: Callable[[], object], repeat: int, memory: PeakMemory) -> tuple[list[float], float]:
    """Wall-clock times of `repeat` runs and the largest peak memory (MB) among them."""
    times, peak = [], 0.0
    for _ in range(repeat):
        before = memory.start() if memory.available else 0.0
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        if memory.available:
            peak = max(peak, memory.peak_since(before))
    if not memory.available:
        peak = traced_peak_mb(fn)
    return times, peak


def traced_peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def bare_write(rows: list[tuple], path: Path, headers: list[str]) -> None:
    """The baseline: the same cells with bare xlsxwriter, streaming (constant_memory)."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, headers)
    for n, row in enumerate(rows, start=1):
        sheet.write_row(n, 0, row)
    book.close()


def bare_read(path: Path) -> list[list]:
    """The baseline: the same file with bare python-calamine."""
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def edited_rows(inspection, cells: list[tuple]) -> set[int]:
    """The rows to edit, one in EDITED_SHARE spread over the file: rows of measures still open
    (not signed off, status stated, not archived), which an import may change; a signed-off
    measure's row is refused, and which measures the seed signs off depends on the day."""
    from xuncha.rectification.deadlines import open_q
    from xuncha.rectification.models import Measure

    still_open = set(Measure.objects.filter(plan__inspection=inspection).filter(open_q()).values_list("pk", flat=True))
    prefix = cols.MEASURE_KEY_PREFIX
    editable = [
        n
        for n, row in enumerate(cells)
        if row[-1].startswith(prefix) and int(row[-1][len(prefix) :].split(":")[0]) in still_open
    ]
    wanted = min(len(editable), max(1, len(cells) // EDITED_SHARE))
    return {editable[i * len(editable) // wanted] for i in range(wanted)} if wanted else set()


def figure(name: str, rows: int, repeat: int, run, baseline, memory: PeakMemory, *, against: str) -> Figure:
    """The run and its baseline timed in turns (run, baseline, run, …), so that a machine busier
    in one part of the measurement weighs on both alike."""
    times, base, peak, base_peak = [], [], 0.0, 0.0
    for _ in range(repeat):
        [t], p = timed(run, 1, memory)
        [b], bp = timed(baseline, 1, memory)
        times.append(t)
        base.append(b)
        peak, base_peak = max(peak, p), max(base_peak, bp)
    return Figure(
        name=name,
        backend=connection.vendor,
        rows=rows,
        median_s=round(statistics.median(times), 3),
        p95_s=round(p95(times), 3),
        peak_mb=round(peak, 1),
        baseline_s=round(statistics.median(base), 3),
        baseline_peak_mb=round(base_peak, 1),
        ratio=round(statistics.median(times) / statistics.median(base), 2),
        baseline=against,
    )


def run(rows: int, repeat: int, report: Callable[[Figure], None], note: Callable[[str], None]) -> None:
    """Build the data, then measure and `report` each figure as soon as it is known."""
    note(f"building an inspection with {rows} measures")
    inspection, office = build(rows)
    measure_ledger(inspection, office, repeat, report, note)


def measure_ledger(inspection, office, repeat: int, report: Callable[[Figure], None], note: Callable[[str], None]):
    """Export and import the ledger of `inspection` as `office` sees it, each beside its
    baseline; the edited import is rolled back after each run, so nothing is kept."""
    memory = PeakMemory()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        exported, copied, edited = work / "ledger.xlsx", work / "baseline.xlsx", work / "edited.xlsx"
        ledger = inspection_ledger(inspection, office, Action.EXPORT)
        cells = list(ledger.rows())
        headers = [c.header for c in ledger.columns]
        size = len(cells)
        if not size:
            raise ValueError(f"{office} sees no row of the ledger of {inspection}: nothing to measure")

        note("export")
        report(
            figure(
                "ledger_export",
                size,
                repeat,
                lambda: export_inspection_ledger(inspection, user=office, out=str(exported)),
                lambda: bare_write(cells, copied, headers),
                memory,
                against="bare xlsxwriter",
            )
        )

        note("import (unchanged file)")

        def unchanged():
            result = import_ledger(inspection, by=office, source=exported)
            assert result.ok and not result.updated, result.errors[:3]

        report(
            figure(
                "ledger_import", size, repeat, unchanged, lambda: bare_read(exported), memory, against="python-calamine"
            )
        )

        note("import (0.5 % of rows edited, rolled back after each run)")
        standard = headers.index(cols.STANDARD.header)
        chosen = edited_rows(inspection, cells)
        changed = [
            tuple(f"{v}（修订）" if i == standard and n in chosen else v for i, v in enumerate(row))
            for n, row in enumerate(cells)
        ]
        # the edited file as a user would save it: the ledger's own layout, dates as dates
        write_sheet(edited, ledger_fields(ledger.columns), changed, name=SHEET_NAME, fit=fit_cell)

        def rolled_back(source, edits: bool):
            def run():
                with transaction.atomic():
                    result = import_ledger(inspection, by=office, source=source)
                    assert result.ok and bool(result.updated) == edits, result.errors[:3]
                    transaction.set_rollback(True)

            return run

        report(
            figure(
                "ledger_import_edited",
                size,
                repeat,
                rolled_back(edited, True),
                rolled_back(exported, False),
                memory,
                against="unchanged import",
            )
        )
