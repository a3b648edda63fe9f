"""`xuncha bench run`: the benchmark suite over a seeded database (`xuncha bench seed`).

Each figure is printed as one JSON line (`benchmarks.measuring.emit`): its name, the database,
the scale, the median and 95th percentile of repeated runs, peak memory and, where one
exists, a baseline measured in the same run with the ratio. Pages are timed in-process
through Django's test client (the whole stack but the network: middleware, permissions,
queries, templates), then under concurrent load over HTTP against the production server
(`benchmarks.http`). Nothing here changes the data, except the audit events that reading
confidential lists writes, as it must.
"""

import os
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test import Client

from benchmarks.measuring import emit, measure

PAGE_REPEAT = 25  # pages are fast: enough runs for a meaningful 95th percentile


class Suite:
    def __init__(self, *, scale: int, repeat: int, only: set[str], log: Callable[[str], None]):
        from xuncha.accounts.models import User
        from xuncha.rectification.models import Measure

        self.scale, self.repeat, self.only, self.log = scale, repeat, only, log
        users = {u.username: u for u in User.objects.filter(username__startswith="bench-")}
        if "bench-province-office" not in users:
            raise RuntimeError("This database was not seeded: run `xuncha bench seed --scale N` first.")
        self.province_office = users["bench-province-office"]
        self.city_office = users["bench-c0-office"]
        self.discipline = users["bench-c0-discipline"]
        self.city = self.city_office.organisation
        largest = (
            Measure.objects.values("plan__inspection")
            .annotate(n=Count("pk"))
            .order_by("-n", "plan__inspection")
            .first()
        )
        from xuncha.inspections.models import Inspection
        from xuncha.plans.models import Term

        self.largest = Inspection.objects.get(pk=largest["plan__inspection"])
        self.largest_measures = largest["n"]
        self.city_term = Term.objects.get(owner=self.city)

    def wanted(self, name: str) -> bool:
        return not self.only or any(name.startswith(prefix) for prefix in self.only)

    def page(self, name: str, user, url: str, baseline: Callable[[], object] | None = None, **extra) -> None:
        if not self.wanted(name):
            return
        client = Client()
        client.force_login(user)
        _verify_second_factor(client, user)

        def get():
            response = client.get(url)
            assert response.status_code == 200, f"{url}: {response.status_code}"

        self.log(f"{name}: {url}")
        figures = measure(get, repeat=max(self.repeat, PAGE_REPEAT))
        base = measure(baseline, repeat=max(self.repeat, PAGE_REPEAT)) if baseline else None
        emit(name, figures, baseline=base, scale=self.scale, url=url, **extra)

    # -- the figures ------------------------------------------------------------------------------
    def ledger_list(self) -> None:
        from xuncha.rectification.models import Measure

        def bare_page(offset=0):
            return lambda: list(
                Measure.objects.order_by("-plan_id", "number").values_list(
                    "id", "number", "content", "leader", "deadline", "status", "sign_off"
                )[offset : offset + settings.XUNCHA_PAGE_SIZE]
            )

        total = Measure.objects.count()
        self.page("ledger_list", self.province_office, "/ledger/", bare_page(), measures=total)
        self.page(
            "ledger_list_filtered",
            self.city_office,
            f"/ledger/?term={self.city_term.pk}&status=in_progress&org_name=局",
            bare_page(),
            measures=total,
        )
        self.page(
            "ledger_list_overdue", self.province_office, "/ledger/?overdue=1&page=3", bare_page(100), measures=total
        )
        self.page("ledger_list_page_40", self.province_office, "/ledger/?page=40", bare_page(1950), measures=total)

    def board(self) -> None:
        from xuncha.findings.models import Problem
        from xuncha.rectification.models import Measure

        inspection = self.largest

        def baseline():
            list(Measure.objects.filter(plan__inspection=inspection).values_list("id", "number", "status", "deadline"))
            list(Problem.objects.filter(inspection=inspection).values_list("id", "number", "title", "aspect_id"))

        self.page(
            "board_largest_inspection",
            self.province_office,
            f"/rectification/inspection/{inspection.pk}/board/",
            baseline,
            measures=self.largest_measures,
        )

    def dashboard(self) -> None:
        from xuncha.findings.models import Problem
        from xuncha.rectification.figures import rectification_figures
        from xuncha.rectification.models import Measure

        self.page("dashboard_province_all_terms", self.province_office, "/rectification/dashboard/?term=all")
        self.page("dashboard_city_term", self.city_office, f"/rectification/dashboard/?term={self.city_term.pk}")
        if self.wanted("dashboard_recount"):
            # what the city term's figures cost when recounted from the base rows (no summary tables)
            term = self.city_term
            problems = Problem.objects.filter(inspection__term=term)
            measures = Measure.objects.active().filter(plan__inspection__term=term)
            self.log("dashboard_recount_city_term")
            emit(
                "dashboard_recount_city_term",
                measure(lambda: rectification_figures(problems, measures, today=date.today()), repeat=3),
                scale=self.scale,
                measures=measures.count(),
            )

    def clue_list(self) -> None:
        from xuncha.clues.models import Clue

        def baseline():
            list(
                Clue.objects.filter(transferred_on__isnull=False, receiving_body__path__startswith=self.city.path)
                .order_by("-received_on", "-id")
                .values_list("id", "serial", "allegation", "status", "received_on")[: settings.XUNCHA_PAGE_SIZE]
            )

        self.page("clue_list_discipline", self.discipline, "/clues/", baseline, clues=Clue.objects.count())

    def ledger_excel(self) -> None:
        if not self.wanted("ledger_"):
            return
        from benchmarks.ledger import measure_ledger

        def report(figure):
            row = figure.__dict__ | {"scale": self.scale, "inspection_measures": self.largest_measures}
            emit_raw(row)

        # the province office: the largest inspection may be any city's (city 0's office sees
        # only its own city; at scale 20 its export of another city's ledger was empty)
        measure_ledger(self.largest, self.province_office, min(self.repeat, 3), report, self.log)

    def reports(self) -> None:
        from benchmarks.reports import generate_figures, parse_figures

        if self.wanted("report_parse"):
            self.log("report_parse")
            figures, baseline, size = parse_figures(megabytes=1.0, repeat=self.repeat)
            emit("report_parse", figures, baseline=baseline, scale=self.scale, megabytes=size)
        if self.wanted("report_generate"):
            plan = self.largest.plans.get()
            self.log("report_generate")
            figures, baseline = generate_figures(self.largest, plan.organisation, repeat=self.repeat)
            emit(
                "report_generate",
                figures,
                baseline=baseline,
                scale=self.scale,
                measures=self.largest_measures,
            )

    def http(self, duration: float, concurrency: int) -> None:
        if not self.wanted("http"):
            return
        from benchmarks.http import run_http_benchmark
        from benchmarks.seed import PASSWORD

        paths = {
            # floors (benchmarks/views.py): the layout alone, the layout around 50 rows of the scope
            # formatted in the template, and the same rows prepared in the view: the floor each
            # main page's CPU is read against (`cpu_floor_ratio`)
            "floor_layout": "/bench/layout",
            "floor_rows": "/bench/rows",
            "floor_prepared": "/bench/prepared",
            "home": "/",
            "ledger_list": "/ledger/",
            "board": f"/rectification/inspection/{self.largest.pk}/board/",
            "dashboard": f"/rectification/dashboard/?term={self.city_term.pk}",
            "clue_list": "/clues/",
        }
        self.log(f"http: {duration} s per page, {concurrency} connections")
        from xuncha.accounts.twofactor.domain import enrol_without_code, new_secret, requires_two_factor

        # the office must give a second factor: fresh recovery codes, one per session
        codes = enrol_without_code(self.province_office, secret=new_secret())
        if requires_two_factor(self.province_office) and concurrency > len(codes):
            raise ValueError(f"at most {len(codes)} connections: one recovery code per session")
        rows = run_http_benchmark(
            database_url=database_url(),
            username=self.province_office.username,
            password=PASSWORD,
            second_factor_codes=codes,
            paths=paths,
            duration_s=duration,
            concurrency=concurrency,
        )
        floor = next(r for r in rows if r["name"] == "http_floor_prepared").get("server_cpu_ms_per_request")
        for row in rows:
            cpu = row.get("server_cpu_ms_per_request")
            if floor and cpu and row["name"] != "http_hello":
                # the page's server CPU per request as a multiple of the prepared floor's (issue 19)
                row["cpu_floor_ratio"] = round(cpu / floor, 2)
            emit_raw({**row, "backend": connection.vendor, "scale": self.scale})

    def public(self, duration: float) -> None:
        """The public channel: submissions per second on one core, and the staff pages' p95
        alone and while the public site is flooded (benchmarks/public.py)."""
        if not self.wanted("public"):
            return
        from benchmarks.public import run_public_benchmark
        from benchmarks.seed import PASSWORD
        from xuncha.accounts.twofactor.domain import enrol_without_code, new_secret

        codes = enrol_without_code(self.province_office, secret=new_secret())
        rows = run_public_benchmark(
            database_url=database_url(),
            inspection=self.largest,
            username=self.province_office.username,
            password=PASSWORD,
            second_factor_codes=codes,
            staff_paths={
                "workbench": "/",
                "inspection": f"/inspections/{self.largest.pk}/",
                "petitions": "/petitions/",
            },
            duration_s=duration,
            log=self.log,
        )
        for row in rows:
            emit_raw({**row, "scale": self.scale})


def _verify_second_factor(client, user) -> None:
    """force_login skips the second factor, which the office must give: mark the session as
    verified with the user's authenticator (one is enrolled if it has none), as the login does."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from xuncha.accounts.twofactor.domain import enrol_without_code, new_secret

    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()
    if device is None:
        enrol_without_code(user, secret=new_secret())
        device = TOTPDevice.objects.get(user_id=user.pk, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def emit_raw(row: dict) -> None:
    import json

    row = {"name": row.pop("name"), "backend": row.pop("backend", connection.vendor), **row}
    print(json.dumps(row, ensure_ascii=False, default=str), flush=True)


def database_url() -> str:
    """The current database as a URL the server process can be given."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    return f"sqlite:///{settings.DATABASES['default']['NAME']}"


def run_suite(*, scale: int, repeat: int, only: set[str], http_duration: float, http_concurrency: int, log) -> None:
    suite = Suite(scale=scale, repeat=repeat, only=only, log=log)
    from xuncha.web.tuning import tune_gc

    tune_gc()  # as the production server does after loading (xuncha/wsgi.py)
    log(f"largest inspection: {suite.largest} ({suite.largest_measures} measures)")
    suite.ledger_list()
    suite.board()
    suite.dashboard()
    suite.clue_list()
    suite.ledger_excel()
    suite.reports()
    suite.http(http_duration, http_concurrency)
    suite.public(http_duration)
