"""`xuncha bench_board [--measures 2000]`: the board of one large inspection.

Builds (inside a transaction that is rolled back) an inspection with N measures over N/4
problems in 8 aspects, then times the board page as the office sees it, beside a baseline:
fetching the same measures and problems with two bare queries. Prints JSON lines.
"""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client

from benchmarks.measuring import Rollback, emit, measure


class Command(BaseCommand):
    help = "Benchmark the board (挂图作战) of an inspection with many measures."

    def add_arguments(self, parser):
        parser.add_argument("--measures", type=int, default=2000)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, measures: int, repeat: int, **options):
        try:
            with transaction.atomic():
                self._run(measures, repeat)
                raise Rollback
        except Rollback:
            pass

    def _run(self, count: int, repeat: int) -> None:
        from xuncha import tallies
        from xuncha.accounts.domain import create_user, grant_role
        from xuncha.accounts.enums import Role
        from xuncha.findings.models import Aspect, Problem
        from xuncha.inspections.domain import create_inspection
        from xuncha.orgs.domain import create_organisation
        from xuncha.plans.domain import create_term, set_scope_rule
        from xuncha.rectification.models import Measure, Plan

        root = create_organisation(
            by=None, parent=None, code="BENCH-ROOT", name="基准测试市委", level="city", kind="party_committee"
        )
        unit = create_organisation(
            by=None, parent=root, code="BENCH-UNIT", name="基准测试区委", level="district", kind="party_committee"
        )
        term = create_term(by=None, owner=root, name="基准届", starts_on=date(2020, 1, 1), ends_on=date(2030, 1, 1))
        set_scope_rule(term, by=None, organisation=root)
        inspection = create_inspection(
            by=None,
            term=term,
            title="基准巡察",
            team_name="第一巡察组",
            targets=[unit],
            entry_on=date(2021, 1, 1),
            exit_on=date(2021, 2, 1),
            feedback_on=date(2021, 3, 1),
        )
        aspects = Aspect.objects.bulk_create(
            [Aspect(inspection=inspection, number=str(n + 1), title=f"方面{n + 1}", position=n + 1) for n in range(8)]
        )
        problems = Problem.objects.bulk_create(
            [
                Problem(
                    inspection=inspection,
                    aspect=aspects[n % 8],
                    number=str(n + 1),
                    title=f"反馈问题{n + 1}",
                    position=n + 1,
                    organisation=unit,
                )
                for n in range(max(1, count // 4))
            ]
        )
        plan = Plan.objects.create(inspection=inspection, organisation=unit, status="approved")
        statuses = ["not_started", "in_progress", "basically_done", "done"]
        made = Measure.objects.bulk_create(
            [
                Measure(
                    plan=plan,
                    number=n + 1,
                    target="目标",
                    content=f"整改措施{n + 1}",
                    leader="区委副书记",
                    lead_unit=unit,
                    deadline=date(2021, 6, 30) if n % 3 else date(2099, 1, 1),
                    standard="标准",
                    status=statuses[n % 4],
                    sign_off="approved" if n % 8 == 3 else "",
                )
                for n in range(count)
            ]
        )
        through = Measure.problems.through
        through.objects.bulk_create(
            [through(measure_id=m.pk, problem_id=problems[i // 4 % len(problems)].pk) for i, m in enumerate(made)]
        )
        tallies.refresh([inspection.pk])  # bulk inserts bypass the domain functions
        user = create_user(by=None, username="bench-office", password="Bench-pass-2025", organisation=root)
        grant_role(by=None, grantee=user, role=Role.OFFICE, organisation=root)
        client = Client()
        client.force_login(user)
        url = f"/rectification/inspection/{inspection.pk}/board/"
        assert client.get(url).status_code == 200

        def baseline():
            list(Measure.objects.filter(plan__inspection=inspection).values_list("id", "number", "status", "deadline"))
            list(Problem.objects.filter(inspection=inspection).values_list("id", "number", "title", "aspect_id"))

        emit(
            "board",
            measure(lambda: client.get(url), repeat=repeat),
            baseline=measure(baseline, repeat=repeat),
            measures=count,
            problems=len(problems),
        )
