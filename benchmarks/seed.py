"""`xuncha bench seed --scale N`: a realistic, reproducible world for the benchmarks.

Scale 1 is one city's five-year term: the city's committee, its departments and state
enterprises, eight districts, each with its departments, ten towns or streets and their
villages and communities; about 1,400 organisations, 1,300 inspections (city and district
terms, ten rounds each), and about 50,000 measures with their problems, progress, evidence
metadata, sign-offs, clues, petitions and history. Scale N is N such cities under one
province, so scale 20 is a province of about a million measures.

Everything comes from one `random.Random(seed)`, never from database ids, so two runs with
the same scale and seed hold the same rows on SQLite and PostgreSQL. Rows are written with
bulk operations; the figures are rows per table and rows per second. Statuses are assigned
as of a fixed day (`AS_OF`), so the world does not change with the calendar.
"""

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from benchmarks import vocabulary as words
from xuncha.plans.dates import add_months

AS_OF = date(2026, 11, 1)
PASSWORD = "Bench-pass-2025"
BATCH = 2000
ROUNDS = 10


class SeedError(Exception):
    pass


@dataclass
class SeedReport:
    scale: int
    seed: int
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.total / self.seconds if self.seconds else 0.0


@dataclass
class Unit:
    """One inspectable organisation with what the generator needs to know about it."""

    org: object
    kind: str  # city_dept | district_dept | town | village
    children: list = field(default_factory=list)


@contextmanager
def _historic_timestamps(*model_fields: tuple[type[models.Model], str]):
    """Let bulk_create keep the dates we give to auto_now_add fields (progress posted last
    year stays last year's) for the length of the block."""
    saved = []
    for model, name in model_fields:
        f = model._meta.get_field(name)
        saved.append((f, f.auto_now_add))
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in saved:
            f.auto_now_add = value


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, dtime(hour, 0)))


def _month_end(day: date) -> date:
    nxt = add_months(day.replace(day=1), 1)
    return nxt - timedelta(days=1)


class Generator:
    # one city: its bodies, districts, each district's bodies, towns per district, villages per town
    CITY_BODIES = len(words.CITY_DEPARTMENTS)
    DISTRICTS = 8
    DISTRICT_BODIES = len(words.DISTRICT_DEPARTMENTS)
    TOWNS = 10
    VILLAGES = 12

    def __init__(self, scale: int, seed: int, log: Callable[[str], None]):
        if scale < 1:
            raise SeedError("scale must be at least 1")
        self.scale = scale
        self.rng = random.Random(seed)
        self.report = SeedReport(scale=scale, seed=seed)
        self.log = log
        self.password_hash = make_password(PASSWORD)
        self.codes: set[str] = set()

    # -- writing --------------------------------------------------------------------------
    def add(self, model: type[models.Model], objs: Iterable[models.Model]) -> list:
        objs = list(objs)
        if objs:
            model.objects.bulk_create(objs, batch_size=BATCH)
            self.report.rows[model._meta.db_table] += len(objs)
        return objs

    def add_rows(self, model: type[models.Model], fields: list[str], rows: Iterable[tuple]) -> None:
        """Insert plain rows into a table whose new ids nobody needs (links, history, steps):
        PostgreSQL's COPY, or one executemany on SQLite, with each value prepared by its field
        as Django would. Several times faster than bulk_create for the biggest tables."""
        meta = model._meta
        columns = [meta.get_field(name) for name in fields]
        prepared = [tuple(f.get_db_prep_save(v, connection) for f, v in zip(columns, row, strict=True)) for row in rows]
        if not prepared:
            return
        names = ", ".join(connection.ops.quote_name(f.column) for f in columns)
        table = connection.ops.quote_name(meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in prepared:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                for start in range(0, len(prepared), 50_000):
                    cursor.executemany(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})", prepared[start : start + 50_000]
                    )
        self.report.rows[meta.db_table] += len(prepared)

    def add_objects(self, model: type[models.Model], objs: Iterable[models.Model]) -> None:
        """`add_rows` for model instances whose ids are not needed afterwards."""
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.add_rows(
            model,
            [f.name for f in fields],
            (tuple(f.pre_save(obj, True) for f in fields) for obj in objs),
        )

    def add_links(self, through: type[models.Model], left: str, right: str, pairs: Iterable[tuple[int, int]]) -> None:
        self.add_rows(through, [left, right], pairs)

    def add_history(self, model: type[models.Model], objs: list, *, when: Callable, kind: str = "+") -> None:
        """Historical rows (django-simple-history) for bulk-created objects, as the
        platform would have written them one by one."""
        historical = model.history.model
        source = {x.attname for x in model._meta.concrete_fields}
        copied = [f for f in historical._meta.concrete_fields if f.attname in source]
        self.add_rows(
            historical,
            [f.name for f in copied] + ["history_date", "history_type", "history_change_reason"],
            ((*tuple(getattr(obj, f.attname) for f in copied), when(obj), kind, None) for obj in objs),
        )

    def code(self, prefix: str) -> str:
        code = prefix
        n = 1
        while code in self.codes:
            n += 1
            code = f"{prefix}-{n}"
        self.codes.add(code)
        return code

    # -- the organisation tree ----------------------------------------------------------------
    def orgs(self, level_objs: list) -> list:
        from xuncha.orgs.models import Organisation

        self.add(Organisation, level_objs)
        for org in level_objs:
            parent = org.parent
            org.path = f"{parent.path if parent else '/'}{org.pk}/"
            org.depth = parent.depth + 1 if parent else 0
        Organisation.objects.bulk_update(level_objs, ["path", "depth"], batch_size=BATCH)
        return level_objs

    def build_tree(self):
        from xuncha.orgs.enums import OrgKind, OrgLevel
        from xuncha.orgs.models import Organisation as O

        (province,) = self.orgs(
            [O(name="福建省委", code="BENCH-P", level=OrgLevel.PROVINCE, kind=OrgKind.PARTY_COMMITTEE)]
        )
        self.province = province
        names = [*words.CITY_NAMES] + [f"第{n}" for n in range(len(words.CITY_NAMES) + 1, self.scale + 1)]
        cities = self.orgs(
            [
                O(
                    name=f"{names[c]}市委",
                    code=f"BENCH-C{c:02d}",
                    level=OrgLevel.CITY,
                    kind=OrgKind.PARTY_COMMITTEE,
                    parent=province,
                    sort_order=c,
                )
                for c in range(self.scale)
            ]
        )
        self.cities = []
        second = []  # city bodies and districts, one insert for all cities
        for c, city in enumerate(cities):
            world = {"city": city, "name": names[c], "depts": [], "districts": []}
            world["discipline"] = O(
                name=f"{names[c]}市纪委监委",
                code=f"BENCH-C{c:02d}-JW",
                level=OrgLevel.CITY,
                kind=OrgKind.DISCIPLINE_COMMISSION,
                parent=city,
            )
            world["orgdept"] = O(
                name=f"{names[c]}市委组织部",
                code=f"BENCH-C{c:02d}-ZZ",
                level=OrgLevel.CITY,
                kind=OrgKind.ORGANISATION_DEPARTMENT,
                parent=city,
            )
            second += [world["discipline"], world["orgdept"]]
            for d, (name, kind) in enumerate(words.CITY_DEPARTMENTS[: self.CITY_BODIES]):
                org = O(name=name, code=f"BENCH-C{c:02d}-B{d:02d}", level=OrgLevel.CITY, kind=kind, parent=city)
                world["depts"].append(org)
                second.append(org)
            for d in range(self.DISTRICTS):
                name = words.DISTRICT_NAMES[(c + d) % len(words.DISTRICT_NAMES)]
                org = O(
                    name=f"{name}委",
                    code=f"BENCH-C{c:02d}-D{d}",
                    level=OrgLevel.DISTRICT,
                    kind=OrgKind.PARTY_COMMITTEE,
                    parent=city,
                    sort_order=d,
                )
                world["districts"].append({"org": org, "depts": [], "towns": []})
                second.append(org)
            self.cities.append(world)
        self.orgs(second)
        third = []
        for c, world in enumerate(self.cities):
            for d, district in enumerate(world["districts"]):
                prefix = f"BENCH-C{c:02d}-D{d}"
                district["discipline"] = O(
                    name=f"{district['org'].name[:-1]}纪委监委",
                    code=f"{prefix}-JW",
                    level=OrgLevel.DISTRICT,
                    kind=OrgKind.DISCIPLINE_COMMISSION,
                    parent=district["org"],
                )
                third.append(district["discipline"])
                for n, name in enumerate(words.DISTRICT_DEPARTMENTS[: self.DISTRICT_BODIES]):
                    kind = OrgKind.STATE_ENTERPRISE if name.endswith("集团党委") else OrgKind.PARTY_GROUP
                    org = O(
                        name=name, code=f"{prefix}-B{n:02d}", level=OrgLevel.DISTRICT, kind=kind, parent=district["org"]
                    )
                    district["depts"].append(org)
                    third.append(org)
                for t in range(self.TOWNS):
                    name = words.TOWN_NAMES[(d * 3 + t) % len(words.TOWN_NAMES)]
                    org = O(
                        name=name,
                        code=f"{prefix}-T{t}",
                        level=OrgLevel.TOWN,
                        kind=OrgKind.TOWN if name.endswith("镇") else OrgKind.STREET,
                        parent=district["org"],
                    )
                    district["towns"].append({"org": org, "villages": []})
                    third.append(org)
        self.orgs(third)
        fourth = []
        for c, world in enumerate(self.cities):
            for d, district in enumerate(world["districts"]):
                for t, town in enumerate(district["towns"]):
                    for v in range(self.VILLAGES):
                        name = words.COMMUNITY_NAMES[(t * 5 + v) % len(words.COMMUNITY_NAMES)]
                        org = O(
                            name=name,
                            code=f"BENCH-C{c:02d}-D{d}-T{t}-V{v:02d}",
                            level=OrgLevel.VILLAGE,
                            kind=OrgKind.VILLAGE if name.endswith("村") else OrgKind.COMMUNITY,
                            parent=town["org"],
                        )
                        town["villages"].append(org)
                        fourth.append(org)
        self.orgs(fourth)

    # -- accounts -------------------------------------------------------------------------------
    def build_users(self):
        from xuncha.accounts.enums import Role
        from xuncha.accounts.models import RoleGrant, User

        users, grants = [], []

        def user(name, org, *roles):
            u = User(username=name, password=self.password_hash, organisation=org, display_name=name)
            users.append(u)
            for role, at in roles:
                grants.append((u, role, at))
            return u

        user("bench-province-office", self.province, (Role.OFFICE, self.province))
        user("bench-province-leader", self.province, (Role.LEADERSHIP, self.province))
        for c, world in enumerate(self.cities):
            city = world["city"]
            first = world["districts"][0]
            world["office"] = user(f"bench-c{c}-office", city, (Role.OFFICE, city))
            world["office2"] = user(f"bench-c{c}-office2", city, (Role.OFFICE, city))
            user(f"bench-c{c}-discipline", world["discipline"], (Role.DISCIPLINE_REVIEWER, city))
            user(f"bench-c{c}-orgdept", world["orgdept"], (Role.ORGANISATION_REVIEWER, city))
            user(f"bench-c{c}-leader", city, (Role.LEADERSHIP, city))
            world["liaison"] = user(f"bench-c{c}-liaison", first["org"], (Role.LIAISON, first["org"]))
            world["unit"] = user(
                f"bench-c{c}-unit", first["towns"][0]["org"], (Role.RESPONSIBLE_UNIT, first["towns"][0]["org"])
            )
        self.add(User, users)
        self.add(RoleGrant, (RoleGrant(user=u, role=role, organisation=at) for u, role, at in grants))

    # -- terms, rounds, inspections -----------------------------------------------------------------
    def build_plans(self):
        from xuncha.inspections.enums import InspectionKind
        from xuncha.inspections.models import Inspection, InspectionTarget
        from xuncha.orgs.enums import OrgLevel
        from xuncha.plans.models import Round, ScopeRule, Term

        rng = self.rng
        starts, ends = date(2022, 1, 1), date(2026, 12, 31)
        terms, rules, rounds = [], [], []
        committees = []  # (owner, units to inspect, levels)
        for world in self.cities:
            units = [Unit(org, "city_dept") for org in world["depts"]]
            committees.append((world, world["city"], "十三届{}", units, [OrgLevel.CITY]))
            for district in world["districts"]:
                units = [Unit(org, "district_dept") for org in district["depts"]]
                for town in district["towns"]:
                    units.append(Unit(town["org"], "town", town["villages"]))
                    units += [Unit(v, "village") for v in town["villages"]]
                levels = [OrgLevel.DISTRICT, OrgLevel.TOWN, OrgLevel.VILLAGE]
                committees.append((world, district["org"], "十三届{}", units, levels))
        for _world, owner, name, _units, levels in committees:
            term = Term(owner=owner, name=name.format(owner.name), starts_on=starts, ends_on=ends, scope_levels=levels)
            terms.append(term)
        self.add(Term, terms)
        for term, (world, owner, _n, _units, _l) in zip(terms, committees, strict=True):
            rules.append(ScopeRule(term=term, organisation=owner, include=True, subtree=True))
            # the commissions themselves are not inspected by their own committee's teams
            for body_key in ("discipline", "orgdept"):
                body = world.get(body_key) if owner is world["city"] else None
                if body is not None:
                    rules.append(ScopeRule(term=term, organisation=body, include=False, subtree=True))
            if owner is not world["city"]:
                district = next(d for d in world["districts"] if d["org"] is owner)
                rules.append(ScopeRule(term=term, organisation=district["discipline"], include=False, subtree=True))
            for r in range(ROUNDS):
                begin = add_months(starts, r * 6) + timedelta(days=9)
                rounds.append(Round(term=term, number=r + 1, starts_on=begin, ends_on=add_months(begin, 5)))
        self.add(ScopeRule, rules)
        self.add(Round, rounds)
        inspections, targets, self.plan_units = [], [], []
        for t, (term, (world, owner, _n, units, _l)) in enumerate(zip(terms, committees, strict=True)):
            term_rounds = rounds[t * ROUNDS : (t + 1) * ROUNDS]
            chosen = [u for u in units if rng.random() < 0.94]  # coverage in the nineties, as seed 002
            rng.shuffle(chosen)
            for n, unit in enumerate(chosen):
                round_ = term_rounds[n * ROUNDS // len(chosen)]
                entry = round_.starts_on + timedelta(days=rng.randrange(0, 25))
                exit_ = entry + timedelta(days=rng.randrange(25, 45))
                feedback = exit_ + timedelta(days=rng.randrange(20, 70))
                if feedback > AS_OF:
                    feedback = None  # the current round has not fed back yet
                kind = InspectionKind.VILLAGE if unit.kind == "village" else InspectionKind.ROUTINE
                if kind == InspectionKind.ROUTINE and rng.random() < 0.06:
                    kind = InspectionKind.SPECIAL
                team = f"{owner.name}第{n % 8 + 1}巡察组"
                insp = Inspection(
                    term=term,
                    round=round_,
                    kind=kind,
                    title=f"对{unit.org.name}的巡察",
                    team_name=team,
                    theme="国有资产管理专项巡察" if kind == InspectionKind.SPECIAL else "",
                    entry_on=entry,
                    exit_on=exit_,
                    feedback_on=feedback,
                    plan_due_on=add_months(feedback, term.plan_months) if feedback else None,
                    report_due_on=add_months(feedback, term.report_months) if feedback else None,
                )
                insp._unit, insp._world = unit, world
                inspections.append(insp)
        self.add(Inspection, inspections)
        self.add_history(Inspection, inspections, when=lambda i: _aware(i.entry_on - timedelta(days=20)))
        for insp in inspections:
            targets.append(InspectionTarget(inspection=insp, organisation=insp._unit.org, round=insp.round))
        self.add(InspectionTarget, targets)
        self.inspections = inspections

    # -- feedback, plans, measures ---------------------------------------------------------------------
    SIZES = {"city_dept": 38, "district_dept": 19, "town": 26, "village": 8}

    def build_rectification(self):
        from xuncha.files.models import StoredFile
        from xuncha.findings.models import Aspect, Item, Problem
        from xuncha.rectification.enums import MeasureStatus as MS
        from xuncha.rectification.enums import PlanStatus, SignOff
        from xuncha.rectification.models import Measure, Plan, ProgressUpdate, Regulation, SignOffEvent

        rng = self.rng
        done = [i for i in self.inspections if i.feedback_on]
        # 1. aspects, items and problems
        aspects, items, problems = [], [], []
        for insp in done:
            count = max(2, round(rng.gauss(self.SIZES[insp._unit.kind], self.SIZES[insp._unit.kind] / 4)))
            insp._aspects = []
            for a, title in enumerate(words.ASPECTS):
                aspect = Aspect(inspection=insp, number="一二三四"[a], title=title, position=a + 1)
                aspects.append(aspect)
                insp._aspects.append((a, aspect))
            insp._count = count
        self.add(Aspect, aspects)
        position = 0
        for insp in done:
            per_aspect = [insp._count // 4 + (1 if a < insp._count % 4 else 0) for a in range(4)]
            insp._problems = []
            item_no = 0
            position = 0
            for (a, aspect), n_problems in zip(insp._aspects, per_aspect, strict=True):
                if not n_problems:
                    continue
                n_items = min(n_problems, rng.randint(1, 3))
                titles = rng.sample(words.ITEMS[a], n_items)
                aspect_items = []
                for title in titles:
                    item_no += 1
                    item = Item(aspect=aspect, number=str(item_no), title=title, position=item_no)
                    items.append(item)
                    aspect_items.append(item)
                for p in range(n_problems):
                    position += 1
                    title = f"{rng.choice(words.SUBJECTS)}{rng.choice(words.DEFECTS)}"
                    detail = rng.choice(words.DETAILS).format(n=rng.randint(2, 60))
                    problem = Problem(
                        inspection=insp,
                        aspect=aspect,
                        item=aspect_items[p % len(aspect_items)],
                        number=str(position),
                        title=title,
                        text=f"{title}。{detail}",
                        position=position,
                        organisation=insp._unit.org,
                    )
                    problems.append(problem)
                    insp._problems.append(problem)
        self.add(Item, items)
        self.add(Problem, problems)
        self.add_history(Problem, problems, when=lambda p: _aware(p.inspection.feedback_on))
        self.log(f"  feedback: {len(aspects)} aspects, {len(items)} items, {len(problems)} problems")

        # 2. plans and measures
        plans = []
        for insp in done:
            due = insp.plan_due_on
            submitted = insp.feedback_on + timedelta(days=rng.randrange(30, 65))
            if submitted > AS_OF:
                status, submitted, approved = PlanStatus.DRAFT, None, None
            else:
                approved = submitted + timedelta(days=rng.randrange(5, 25))
                status = PlanStatus.APPROVED if approved <= AS_OF else PlanStatus.SUBMITTED
                approved = approved if status == PlanStatus.APPROVED else None
            plan = Plan(
                inspection=insp,
                organisation=insp._unit.org,
                status=status,
                submitted_on=submitted,
                approved_on=approved,
                joint_review=rng.random() < 0.2,
            )
            plan._due = due
            insp._plan = plan
            plans.append(plan)
        self.add(Plan, plans)

        measures, links, unit_links = [], [], []
        through_p, through_u = Measure.problems.through, Measure.units.through
        for insp in done:
            plan, unit = insp._plan, insp._unit
            responsible = [unit.org, *rng.sample(unit.children, min(len(unit.children), 3))]
            number = 0
            start = plan.approved_on or plan.submitted_on or insp.feedback_on
            previous = None
            for problem in insp._problems:
                for _m in range(max(1, min(7, round(rng.gauss(3.3, 1.1))))):
                    number += 1
                    ongoing = rng.random() < 0.12
                    deadline = (
                        None if ongoing else _month_end(add_months(insp.feedback_on, rng.choice((3, 6, 6, 9, 12))))
                    )
                    status, sign_off, signed = self._measure_state(deadline, start, ongoing)
                    lead = rng.choice(responsible)
                    measure = Measure(
                        plan=plan,
                        number=number,
                        target=rng.choice(words.TARGETS),
                        content="；".join(
                            f"{'一二三四'[k]}是{text}"
                            for k, text in enumerate(rng.sample(words.ACTIONS, rng.randint(2, 4)))
                        )
                        + "。",
                        leader=f"{rng.choice(words.SURNAMES)}{rng.choice(words.GIVEN)}（{rng.choice(words.LEADERS)}）",
                        lead_unit=lead,
                        deadline=deadline,
                        ongoing=ongoing,
                        stage_target="每季度开展一次督促检查" if ongoing else "",
                        standard=rng.choice(words.STANDARDS),
                        status=status,
                        sign_off=sign_off,
                        signed_off_on=signed,
                    )
                    measure._start, measure._problem, measure._units = start, problem, [lead]
                    if len(responsible) > 1 and rng.random() < 0.3:
                        measure._units.append(rng.choice([u for u in responsible if u is not lead] or [lead]))
                    measures.append(measure)
                    if previous is not None and rng.random() < 0.1:
                        measure._also = previous  # one in ten serves two problems, as in the ledgers
                previous = problem
        self.add(Measure, measures)
        for m in measures:
            links.append((m.pk, m._problem.pk))
            if getattr(m, "_also", None) is not None and m._also is not m._problem:
                links.append((m.pk, m._also.pk))
            unit_links += [(m.pk, u.pk) for u in dict.fromkeys(m._units)]
        self.add_links(through_p, "measure", "problem", links)
        self.add_links(through_u, "measure", "organisation", unit_links)
        self.add_history(Measure, measures, when=lambda m: _aware(m._start))
        changed = [m for m in measures if m.status != MS.NOT_STARTED]
        self.add_history(Measure, changed, when=lambda m: _aware(min(AS_OF, m._start + timedelta(days=60))), kind="~")
        self.log(f"  ledger: {len(plans)} plans, {len(measures)} measures")

        # 3. progress with evidence metadata, sign-off steps, regulations
        updates, files, steps, regulations = [], [], [], []
        for m in changed:
            world = m.plan.inspection._world
            for k in range(rng.randint(1, 3)):
                day = min(AS_OF, m._start + timedelta(days=20 + 40 * k + rng.randrange(0, 20)))
                update = ProgressUpdate(
                    measure=m,
                    text=rng.choice(words.PROGRESS),
                    status=m.status if k == 0 else MS.IN_PROGRESS,
                    posted_by=world["liaison"],
                    posted_at=_aware(day, 9 + k),
                )
                updates.append(update)
                if rng.random() < 0.25:
                    digest = f"{rng.getrandbits(256):064x}"
                    stored = StoredFile(
                        name=f"整改佐证材料{m.number}-{k + 1}.pdf",
                        content_type="application/pdf",
                        size=rng.randint(40_000, 4_000_000),
                        sha256=digest,
                        file=f"bench/{digest[:2]}/{digest}.pdf",
                        uploaded_by=world["liaison"],
                        uploaded_at=_aware(day, 9 + k),
                    )
                    files.append(stored)
                    update._file = stored
            if m.sign_off:
                steps.append(
                    SignOffEvent(
                        measure=m, action="request", by=world["liaison"], at=_aware(m._start + timedelta(days=90))
                    )
                )
            if m.sign_off == SignOff.APPROVED:
                steps.append(SignOffEvent(measure=m, action="approve", by=world["office"], at=_aware(m.signed_off_on)))
                if rng.random() < 0.06:
                    regulations.append(
                        Regulation(
                            measure=m,
                            title=f"《关于进一步加强{rng.choice(['资金', '资产', '项目', '干部', '党建'])}管理的规定》",
                            issuer=m.plan.organisation.name,
                            issued_on=m.signed_off_on,
                        )
                    )
        with _historic_timestamps((ProgressUpdate, "posted_at"), (StoredFile, "uploaded_at"), (SignOffEvent, "at")):
            self.add(ProgressUpdate, updates)
            self.add(StoredFile, files)
            self.add_objects(SignOffEvent, steps)
        ev = ProgressUpdate.evidence.through
        self.add_links(ev, "progressupdate", "storedfile", ((u.pk, u._file.pk) for u in updates if hasattr(u, "_file")))
        self.add_objects(Regulation, regulations)
        self.log(f"  progress: {len(updates)} updates, {len(files)} evidence files, {len(steps)} sign-off steps")

    def _measure_state(self, deadline: date | None, start: date, ongoing: bool):
        """Status, sign-off and sign-off date of a measure as of AS_OF: old measures are
        mostly signed off, some still basically done or overdue; new ones are under way."""
        from xuncha.rectification.enums import MeasureStatus as MS
        from xuncha.rectification.enums import SignOff

        rng = self.rng
        age = (AS_OF - start).days
        r = rng.random()
        if ongoing:
            if age > 240 and r < 0.7:
                return MS.ONGOING, SignOff.APPROVED, min(AS_OF, start + timedelta(days=rng.randrange(120, 240)))
            return (MS.ONGOING, SignOff.REQUESTED, None) if r < 0.85 else (MS.IN_PROGRESS, SignOff.NONE, None)
        days_left = (deadline - AS_OF).days
        if days_left < -60:
            if r < 0.88:
                return MS.DONE, SignOff.APPROVED, min(AS_OF, deadline + timedelta(days=rng.randrange(-30, 40)))
            if r < 0.94:
                return MS.BASICALLY_DONE, SignOff.NONE, None
            if r < 0.97:
                return MS.DONE, SignOff.REQUESTED, None
            return MS.IN_PROGRESS, SignOff.NONE, None
        if days_left < 60:
            if r < 0.3:
                return MS.DONE, SignOff.APPROVED, AS_OF - timedelta(days=rng.randrange(0, 30))
            if r < 0.5:
                return MS.DONE, SignOff.REQUESTED, None
            if r < 0.9:
                return MS.IN_PROGRESS, SignOff.NONE, None
            return MS.NOT_STARTED, SignOff.NONE, None
        if r < 0.3:
            return MS.NOT_STARTED, SignOff.NONE, None
        if r < 0.9:
            return MS.IN_PROGRESS, SignOff.NONE, None
        return MS.BASICALLY_DONE, SignOff.NONE, None

    # -- clues and petitions ------------------------------------------------------------------------
    def build_casework(self):
        from xuncha.clues.enums import ClueStatus, Disposition, HandlingMethod, ReceivingKind
        from xuncha.clues.models import Clue, CluePerson, ClueSignature
        from xuncha.confidential.vault import encrypt, key_ring
        from xuncha.findings.enums import FindingSource
        from xuncha.people.enums import Rank
        from xuncha.petitions.domain import _CODE_ALPHABET
        from xuncha.petitions.enums import Channel, FixStatus, Outcome, PetitionStatus
        from xuncha.petitions.models import ImmediateFix, Petition, ReporterIdentity

        rng = self.rng
        rate = {"city_dept": 3.0, "district_dept": 1.4, "town": 1.8, "village": 0.5}
        clues, persons, signatures = [], [], []
        for insp in self.inspections:
            world = insp._world
            body = world["discipline"]
            if insp.term.owner is not world["city"]:
                body = next(d["discipline"] for d in world["districts"] if d["org"] is insp.term.owner)
            insp._clues = []
            for serial in range(1, self._poisson(rate[insp._unit.kind]) + 1):
                received = insp.entry_on + timedelta(days=rng.randrange(3, 30))
                age = (AS_OF - received).days
                r = rng.random()
                if age < 30:
                    status = ClueStatus.RECEIVED if r < 0.5 else ClueStatus.DUAL_SIGNED
                elif age < 200:
                    status = [ClueStatus.TRANSFERRED, ClueStatus.ACKNOWLEDGED, ClueStatus.CONCLUDED][int(r * 3)]
                else:
                    status = ClueStatus.CONCLUDED if r < 0.93 else ClueStatus.ACKNOWLEDGED
                transferred = (
                    received + timedelta(days=rng.randrange(5, 20))
                    if status not in ("received", "dual_signed")
                    else None
                )
                acknowledged = (
                    transferred + timedelta(days=rng.randrange(1, 7))
                    if status in ("acknowledged", "concluded")
                    else None
                )
                concluded = (
                    min(AS_OF, acknowledged + timedelta(days=rng.randrange(20, 120))) if status == "concluded" else None
                )
                clue = Clue(
                    inspection=insp,
                    serial=serial,
                    allegation=rng.choice(words.ALLEGATIONS) + "。",
                    source=rng.choice([FindingSource.PETITION, FindingSource.TALK, FindingSource.DOCUMENTS]),
                    status=status,
                    received_on=received,
                    receiving_kind=ReceivingKind.DISCIPLINE if transferred else "",
                    receiving_body=body if transferred else None,
                    transferred_on=transferred,
                    report_due_on=add_months(transferred, 3) if transferred else None,
                    acknowledged_on=acknowledged,
                    handling_method=rng.choice([HandlingMethod.TALK_INQUIRY, HandlingMethod.PRELIMINARY])
                    if acknowledged
                    else "",
                    concluded_on=concluded,
                    conclusion="经核查，部分属实，已按规定处理。" if concluded else "",
                    reported_back_on=concluded + timedelta(days=5)
                    if concluded and concluded < AS_OF - timedelta(days=5)
                    else None,
                )
                clues.append(clue)
                insp._clues.append(clue)
        self.add(Clue, clues)
        self.add_history(Clue, clues, when=lambda c: _aware(c.received_on))
        forms = [
            Disposition.TALK_REMINDER,
            Disposition.CRITICISM,
            Disposition.ORDERED_REVIEW,
            Disposition.ADMONISHMENT,
            Disposition.LIGHT_SANCTION,
            None,  # 立案: a stage with its date, the outcome still to come
        ]
        for clue in clues:
            world = clue.inspection._world
            if clue.status != "received":
                signatures += [
                    ClueSignature(clue=clue, signer=world["office"]),
                    ClueSignature(clue=clue, signer=world["office2"]),
                ]
            for _p in range(rng.choice((1, 1, 1, 2))):
                name = f"{rng.choice(words.SURNAMES)}某某"
                rank = rng.choice([Rank.DIVISION, Rank.SECTION, Rank.SECTION, Rank.SOE_MIDDLE, Rank.OTHER])
                form = rng.choice(forms) if clue.status == "concluded" else ""
                persons.append(
                    CluePerson(
                        clue=clue,
                        name=name,
                        rank=rank,
                        disposition=form or "",
                        case_filed_on=clue.concluded_on if form is None else None,
                    )
                )
        self.add_objects(CluePerson, persons)
        with _historic_timestamps((ClueSignature, "signed_at")):
            for signature in signatures:
                signature.signed_at = _aware(signature.clue.transferred_on or signature.clue.received_on)
            self.add_objects(ClueSignature, signatures)
        self.log(f"  clues: {len(clues)} with {len(persons)} persons")

        petitions, fixes, identities = [], [], []
        per = {"city_dept": 12, "district_dept": 6, "town": 8, "village": 3}
        codes = set()
        channels = [
            Channel.LETTER,
            Channel.VISIT,
            Channel.PHONE,
            Channel.ONLINE,
            Channel.QR,
            Channel.QR,
            Channel.ONLINE,
        ]
        for insp in self.inspections:
            for serial in range(1, self._poisson(per[insp._unit.kind]) + 1):
                code = "".join(rng.choice(_CODE_ALPHABET) for _ in range(10))
                while code in codes:
                    code = "".join(rng.choice(_CODE_ALPHABET) for _ in range(10))
                codes.add(code)
                received = insp.entry_on + timedelta(days=rng.randrange(0, max(1, (insp.exit_on - insp.entry_on).days)))
                r = rng.random()
                if (AS_OF - received).days < 20:
                    status, outcome = PetitionStatus.RECEIVED, ""
                elif r < 0.12 and insp._clues:
                    status, outcome = PetitionStatus.CONCLUDED, Outcome.CLUE
                elif r < 0.35:
                    status, outcome = PetitionStatus.CONCLUDED, Outcome.IMMEDIATE_FIX
                elif r < 0.55:
                    status, outcome = PetitionStatus.CONCLUDED, Outcome.NOT_ACCEPTED
                else:
                    status, outcome = PetitionStatus.CONCLUDED, Outcome.FINDING
                if status == PetitionStatus.CONCLUDED and (AS_OF - received).days < 90 and rng.random() < 0.3:
                    status = PetitionStatus.TRIAGED
                concluded = (
                    received + timedelta(days=rng.randrange(10, 60)) if status == PetitionStatus.CONCLUDED else None
                )
                petition = Petition(
                    inspection=insp,
                    serial=serial,
                    tracking_code=code,
                    channel=rng.choice(channels),
                    received_on=received,
                    content=rng.choice(words.PETITIONS),
                    status=status,
                    outcome=outcome,
                    outcome_reason="不属于巡察受理范围，已转有关部门。" if outcome == Outcome.NOT_ACCEPTED else "",
                    clue=rng.choice(insp._clues) if outcome == Outcome.CLUE else None,
                    reply="已按规定办理并答复。" if concluded else "",
                    replied_on=concluded,
                    concluded_on=concluded,
                )
                petitions.append(petition)
        self.add(Petition, petitions)
        self.add_history(Petition, petitions, when=lambda p: _aware(p.received_on))
        key_id = key_ring().current_id
        for petition in petitions:
            if rng.random() < 0.45:
                identity = {
                    "name": f"{rng.choice(words.SURNAMES)}{rng.choice(words.GIVEN)}{rng.choice(words.GIVEN)}",
                    "phone": f"13{rng.randint(100000000, 999999999)}",
                    "workplace": "",
                    "address": "",
                }
                import json

                token = encrypt(json.dumps(identity, ensure_ascii=False), aad=f"petition:{petition.pk}")
                identities.append(ReporterIdentity(petition=petition, token=token, key_id=key_id))
            if petition.outcome == Outcome.IMMEDIATE_FIX:
                handed = petition.received_on + timedelta(days=3)
                deadline = handed + timedelta(days=30)
                fixed = deadline - timedelta(days=rng.randrange(0, 20)) if deadline < AS_OF else None
                fixes.append(
                    ImmediateFix(
                        inspection=petition.inspection,
                        petition=petition,
                        organisation=petition.inspection._unit.org,
                        description=petition.content,
                        handed_over_on=handed,
                        deadline=deadline,
                        status=FixStatus.DONE if fixed else FixStatus.OPEN,
                        result="已整改到位。" if fixed else "",
                        fixed_on=fixed,
                    )
                )
        self.add_objects(ReporterIdentity, identities)
        self.add_objects(ImmediateFix, fixes)
        self.log(f"  petitions: {len(petitions)}, {len(identities)} sealed identities, {len(fixes)} immediate fixes")

    def _poisson(self, lam: float) -> int:
        # Knuth's method; lam is small
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= self.rng.random()
            if p <= limit:
                return k
            k += 1

    # -- all of it ---------------------------------------------------------------------------------
    def run(self) -> SeedReport:
        from xuncha.orgs.models import Organisation

        if Organisation.objects.exists():
            raise SeedError(
                "The database already holds organisations; `xuncha bench seed` fills an empty database "
                "(set DATABASE_URL to a new one, e.g. sqlite:///var/bench.sqlite3)."
            )
        started = time.perf_counter()
        with transaction.atomic():
            for step in (
                self.build_tree,
                self.build_users,
                self.build_plans,
                self.build_rectification,
                self.build_casework,
            ):
                t0 = time.perf_counter()
                self.log(f"{step.__name__[6:]} …")
                step()
                self.log(f"  ({time.perf_counter() - t0:.1f} s)")
            # planner statistics for the freshly loaded tables before anything queries them
            # (ANALYZE counts this transaction's own rows; without it, PostgreSQL plans the
            # summary-table recount for empty tables and takes many times longer)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            t0 = time.perf_counter()
            self.log("summary tables …")
            from xuncha import tallies

            tallies.rebuild_all()
            self.log(f"  ({time.perf_counter() - t0:.1f} s)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # and again with the summary tables
        self.report.seconds = time.perf_counter() - started
        return self.report


def seeded_scale() -> int | None:
    """The scale of the generated world in this database, or None if there is none."""
    from xuncha.orgs.enums import OrgLevel
    from xuncha.orgs.models import Organisation

    province = Organisation.objects.filter(code="BENCH-P").first()
    if province is None:
        return None
    return Organisation.objects.filter(parent=province, level=OrgLevel.CITY).count()


def seed(scale: int, *, random_seed: int = 2025, log: Callable[[str], None] = lambda _m: None) -> SeedReport:
    return Generator(scale, random_seed, log).run()
