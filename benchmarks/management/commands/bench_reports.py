"""`xuncha bench_reports`: parse a 1 MB report and generate a 500-problem report.

Parsing is timed beside reading and normalising the same text (the parser's unavoidable
part); generation (content + DOCX) beside writing the same paragraphs with bare python-docx.
The ledger for generation is built inside a transaction that is rolled back. JSON lines.
"""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from benchmarks.measuring import Rollback, emit
from benchmarks.reports import generate_figures, parse_figures


class Command(BaseCommand):
    help = "Benchmark report parsing (1 MB) and generation (500 problems)."

    def add_arguments(self, parser):
        parser.add_argument("--problems", type=int, default=500)
        parser.add_argument("--megabytes", type=float, default=1.0)
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, problems: int, megabytes: float, repeat: int, **options):
        self._parse(megabytes, repeat)
        try:
            with transaction.atomic():
                self._generate(problems, repeat)
                raise Rollback
        except Rollback:
            pass

    def _parse(self, megabytes: float, repeat: int) -> None:
        figures, baseline, size = parse_figures(megabytes=megabytes, repeat=repeat)
        emit("report_parse", figures, baseline=baseline, megabytes=size)

    def _generate(self, count: int, repeat: int) -> None:
        from xuncha.findings.models import Aspect, Item, Problem
        from xuncha.inspections.domain import create_inspection
        from xuncha.orgs.domain import create_organisation
        from xuncha.plans.domain import create_term, set_scope_rule
        from xuncha.rectification.models import Measure, Plan

        root = create_organisation(
            by=None, parent=None, code="BENCH-R", name="基准测试省委", level="province", kind="party_committee"
        )
        unit = create_organisation(
            by=None, parent=root, code="BENCH-R-1", name="中共基准区委员会", level="district", kind="party_committee"
        )
        term = create_term(by=None, owner=root, name="基准届", starts_on=date(2020, 1, 1), ends_on=date(2030, 1, 1))
        set_scope_rule(term, by=None, organisation=root)
        inspection = create_inspection(
            by=None,
            term=term,
            title="基准巡视",
            team_name="省委巡视一组",
            targets=[unit],
            entry_on=date(2021, 1, 1),
            exit_on=date(2021, 2, 1),
            feedback_on=date(2021, 3, 1),
        )
        aspects = Aspect.objects.bulk_create(
            [
                Aspect(inspection=inspection, number=str(n + 1), title=f"落实第{n + 1}方面要求方面", position=n + 1)
                for n in range(5)
            ]
        )
        items = Item.objects.bulk_create(
            [
                Item(aspect=aspects[n % 5], number=str(n // 5 + 1), title=f"第{n + 1}项问题", position=n // 5 + 1)
                for n in range(25)
            ]
        )
        problems = Problem.objects.bulk_create(
            [
                Problem(
                    inspection=inspection,
                    aspect=items[n % 25].aspect,
                    item=items[n % 25],
                    number=str(n + 1),
                    title=f"反馈问题{n + 1}需要整改",
                    position=n + 1,
                    organisation=unit,
                )
                for n in range(count)
            ]
        )
        plan = Plan.objects.create(inspection=inspection, organisation=unit, status="approved")
        made = Measure.objects.bulk_create(
            [
                Measure(
                    plan=plan,
                    number=n + 1,
                    content=f"制定并落实第{n + 1}条整改措施，健全长效机制",
                    lead_unit=unit,
                    status="done",
                    sign_off="approved" if n % 10 else "",
                )
                for n in range(count * 2)
            ]
        )
        through = Measure.problems.through
        through.objects.bulk_create(
            [through(measure_id=m.pk, problem_id=problems[i // 2].pk) for i, m in enumerate(made)]
        )
        figures, baseline = generate_figures(inspection, unit, repeat=repeat)
        emit(
            "report_generate",
            figures,
            baseline=baseline,
            problems=count,
            measures=count * 2,
        )
