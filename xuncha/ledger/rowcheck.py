"""Checking ledger rows against the platform: which rows are unchanged, which change what,
and what is wrong with the others (reported per row and column, in the user's language).

An unchanged row costs one comparison with the export's own rendering of the same key; only the
rows that differ are parsed, and every change is validated by the measure form the plan page
uses, with its choices (problems of the plan's organisation, organisations within it that the
user can see). Nothing here writes: the importer applies the changes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from xuncha.accounts.permissions import Action, restrict
from xuncha.findings.models import Aspect, Problem
from xuncha.ledger import columns as cols
from xuncha.ledger.cells import (
    CELL_LIMIT,
    CellError,
    cell_text,
    fit_cell,
    parse_deadline,
    parse_problem_refs,
    same_text,
    split_names,
    utf16_length,
    was_cut,
)
from xuncha.ledger.choices import LoadedChoices
from xuncha.ledger.queries import Ledger, MeasureRecord, ProblemRecord, ledger_problems, load_ledger
from xuncha.orgs.models import Organisation
from xuncha.orgs.queries import organisations_for_user
from xuncha.rectification.forms import MeasureForm
from xuncha.rectification.models import Plan
from xuncha.vocabulary import current_word
from xuncha.web.inputs import parse_id

PROGRESS_EVERY = 1000

# Position of each column in a rendered row (TERM_COLUMNS without 序号).
CELL = {column.name: n for n, column in enumerate(cols.TERM_COLUMNS[1:])}
TEXT_FIELDS = ("target", "content", "leader", "responsible_person", "stage_target", "standard")
MEASURE_COLUMNS = (*TEXT_FIELDS, "lead_unit", "units", "deadline")
KEPT = tuple(c.name for c in cols.TERM_COLUMNS if c.role is cols.Role.KEPT)
FIELD_COLUMN = {
    "target": cols.TARGET,
    "content": cols.CONTENT,
    "leader": cols.LEADER,
    "responsible_person": cols.PERSON,
    "lead_unit": cols.LEAD_UNIT,
    "units": cols.UNITS,
    "deadline": cols.DEADLINE,
    "ongoing": cols.DEADLINE,
    "stage_target": cols.STAGE_TARGET,
    "standard": cols.STANDARD,
    "problems": cols.PROBLEMS,
}


@dataclass
class Change:
    """What one row changes, as validated by the measure form: model instances, ready for the
    domain functions. `problems`/`units` are None when an existing measure keeps its own."""

    row: int
    fields: dict
    measure_id: int | None = None  # None: a new measure
    version: int | None = None
    plan: Plan | None = None
    problems: list | None = None
    units: list | None = None


@dataclass
class _Validation:
    """A row's validation by the measure form, made once the choices of every changed row are
    read together (`RowChecker.settle`); `then` turns the cleaned data into the row's change."""

    n: int
    values: dict
    problem_ids: list[int]
    organisation_id: int
    plan_path: str
    bad: frozenset | set
    current: "MeasureRecord | None"
    then: Callable[[dict], "Change | None"]
    problems: list[int] | None = None  # the form's choices, narrowed to the row's own ids
    organisations: list[int] | None = None


def _text(value) -> str:
    return cell_text(value).strip()


def _kept(value) -> str:
    """A kept column's cell as compared with the platform (line ends and outer blanks aside; a
    status word the ledger wrote before the vocabulary was settled reads as today's word)."""
    return current_word(cell_text(value).replace("\r\n", "\n").strip())


class RowChecker:
    """Compares file rows with the platform's ledger and turns the differences into changes.
    `result` counts the rows and collects the errors (``add_error(row, column, message)``)."""

    def __init__(self, inspection, user, result):
        self.inspection, self.user, self.result = inspection, user, result
        self.ledger: Ledger = load_ledger(user, Action.CHANGE, [inspection], term_layout=True)
        self._lookups_loaded = False
        self._errors: list[tuple[int, int, str, str]] = []

    def error(self, row: int, column: cols.Column | None, message: str) -> None:
        """Kept until the rows are checked, then reported in row order (a row's form errors
        come after its other rows have been read)."""
        self._errors.append((row, len(self._errors), column.header if column else "", message))

    # --- the rows -------------------------------------------------------------------------
    def rows(self, sheet, progress) -> list[Change]:
        names = [n for n in CELL if n in sheet.positions]
        file_cells = itemgetter(*(sheet.positions[n] for n in names))
        our_cells = itemgetter(*(CELL[n] for n in names))
        key_at = sheet.positions["key"]
        cells_for_key = self.ledger.cells_for_key
        total, changes, seen = len(sheet), [], set()  # changes: each row's _Validation until settled
        for count, (n, row) in enumerate(sheet.data(), start=1):
            self.result.rows += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count, total)
            key = row[key_at]
            key = (key if key.__class__ is str else cell_text(key)).strip()
            if key:
                if key in seen:
                    self.error(n, cols.KEY, _("This key appears on an earlier row too; each row keeps its own key."))
                    continue
                seen.add(key)
            expected = cells_for_key(key)
            if expected is not None and file_cells(row) == our_cells(expected):
                self.result.unchanged += 1  # the row states exactly what the platform holds
                continue
            outcome = self.row(n, key, dict(zip(names, file_cells(row), strict=True)))
            if outcome is not None:
                changes.append(outcome)
        changes = self.settle(changes)
        for row, _seq, column, message in sorted(self._errors):
            self.result.add_error(row, column, message)
        self._errors.clear()
        if progress is not None:
            progress(total, total)
        return changes

    def settle(self, outcomes: list) -> list[Change]:
        """Validate every row waiting for the form, with the choices of all of them read in two
        queries (`LoadedChoices`), and return the changes in row order."""
        waiting = [o for o in outcomes if isinstance(o, _Validation)]
        if not waiting:
            return outcomes
        for check in waiting:
            check.problems = [
                pk for pk in check.problem_ids if self.problem_by_id[pk].organisation_id == check.organisation_id
            ]
            named = {check.values["lead_unit"], *check.values["units"]} - {None}
            check.organisations = [pk for pk in named if self.visible_paths.get(pk, "").startswith(check.plan_path)]
        problems = {p.pk: p for p in Problem.objects.filter(pk__in={pk for c in waiting for pk in c.problems})}
        organisations = {
            o.pk: o for o in Organisation.objects.filter(pk__in={pk for c in waiting for pk in c.organisations})
        }
        changes = []
        for outcome in outcomes:
            if isinstance(outcome, _Validation):
                cleaned = self.validate_now(
                    outcome,
                    LoadedChoices.of(Problem, _among(problems, outcome.problems)),
                    LoadedChoices.of(Organisation, _among(organisations, outcome.organisations)),
                )
                outcome = outcome.then(cleaned) if cleaned is not None else None
            if outcome is not None:
                changes.append(outcome)
        return changes

    def row(self, n: int, key: str, cells: dict) -> _Validation | None:
        if "inspection" in cells and _text(cells["inspection"]) not in ("", self.inspection.title):
            self.error(
                n,
                cols.INSPECTION,
                _("This row belongs to another inspection (%(title)s); import it on that inspection's page.")
                % {"title": _text(cells["inspection"])},
            )
            return None
        if not key:
            return self.new_measure(n, cells, None)
        prefix, rest = key[0], key[1:]
        if prefix == cols.MEASURE_KEY_PREFIX and ":" in rest:
            pk, _sep, version = (parse_id(part) for part in rest.partition(":"))
            if pk and version:
                record = self.ledger.measure(pk)
                if record is None:
                    self.error(n, cols.KEY, _("No measure with this key that you may change is in this ledger."))
                    return None
                return self.existing_measure(n, cells, record, version)
        if prefix == cols.PROBLEM_KEY_PREFIX and parse_id(rest):
            self.load_lookups()
            problem = self.problem_by_id.get(parse_id(rest))
            if problem is None:
                self.error(n, cols.KEY, _("No problem with this key that you may work on is in this ledger."))
                return None
            return self.new_measure(n, cells, problem)
        self.error(n, cols.KEY, _("This is not a ledger key: leave it as exported, or empty for a new measure."))
        return None

    def existing_measure(self, n: int, cells: dict, record: MeasureRecord, version: int) -> _Validation | None:
        self.load_lookups()
        plan_org = self.ledger.organisations[record.organisation_id]
        expected = self.ledger.measure_cells(record.id)
        if not self.restore_cut_cells(n, cells, expected):
            return None
        values, bad = self.values(n, cells, current=record, plan_path=plan_org.path)
        try:
            problem_ids = self.problems(cells["problems"], organisation_id=record.organisation_id)
        except CellError as error:
            problem_ids = []
            bad.add("problems")
            self.error(n, cols.PROBLEMS, str(error))
        if bad:  # report what else is wrong with the row, then stop
            return self.validate(
                n,
                values,
                problem_ids,
                organisation_id=record.organisation_id,
                plan_path=plan_org.path,
                bad=bad,
                current=record,
                then=lambda cleaned: None,
            )
        fields = {name: values[name] for name in TEXT_FIELDS if not same_text(values[name], getattr(record, name))}
        if values["lead_unit"] != record.lead_unit_id:
            fields["lead_unit"] = values["lead_unit"]
        if (values["deadline"], values["ongoing"]) != (record.deadline, record.ongoing):
            fields["deadline"], fields["ongoing"] = values["deadline"], values["ongoing"]
        new_problems = problem_ids if set(problem_ids) != set(record.problem_ids) else None
        new_units = values["units"] if set(values["units"]) != set(record.unit_ids) else None
        allowed = {name: {_kept(expected[CELL[name]])} for name in KEPT}
        allowed["aspect"].add(_kept(self.aspect_lines(problem_ids)))
        differs = [name for name in KEPT if name in cells and _kept(cells[name]) not in allowed[name]]
        changed = bool(fields) or new_problems is not None or new_units is not None
        if version != record.version and (changed or differs):
            self.error(
                n,
                cols.KEY,
                _(
                    "This measure was changed in the platform after the ledger was exported: "
                    "export the ledger again and redo your edits on it."
                ),
            )
            return None
        if differs:
            for name in differs:
                self.error(n, _column(name), _kept_message())
            return None
        if not changed:
            self.result.unchanged += 1
            return None

        def change(cleaned: dict) -> Change:
            return Change(
                n,
                {name: cleaned[name] for name in fields},
                measure_id=record.id,
                version=version,
                problems=list(cleaned["problems"]) if new_problems is not None else None,
                units=list(cleaned["units"]) if new_units is not None else None,
            )

        return self.validate(
            n,
            values,
            problem_ids,
            organisation_id=record.organisation_id,
            plan_path=plan_org.path,
            current=record,
            then=change,
        )

    def restore_cut_cells(self, n: int, cells: dict, expected: tuple | None) -> bool:
        """A cell the export had to cut short (it ends with CUT_MARK) stands for the platform's
        full text when it is exactly as exported; such a cell that was edited cannot be read,
        since the file no longer holds the whole text. False if the row has one."""
        whole = True
        for name, value in cells.items():
            if value.__class__ is not str or not was_cut(value):
                continue
            full = expected[CELL[name]] if expected is not None else None
            if full is not None and same_text(value, fit_cell(full)):
                cells[name] = full
                continue
            whole = False
            self.error(
                n,
                _column(name),
                _(
                    "This cell was cut short on export: its text is longer than an Excel cell holds. "
                    "Leave it as exported and change the text in the platform, or replace all of the "
                    "cell's text (without the mark)."
                ),
            )
        return whole

    def new_measure(self, n: int, cells: dict, placeholder: ProblemRecord | None) -> _Validation | None:
        self.load_lookups()
        expected = self.ledger.cells_for_key(f"{cols.PROBLEM_KEY_PREFIX}{placeholder.id}") if placeholder else None
        if not self.restore_cut_cells(n, cells, expected):
            return None
        filled = any(_text(cells.get(name, "")) for name in MEASURE_COLUMNS)
        if not filled and placeholder is not None:
            return self.unchanged_placeholder(n, cells, placeholder)
        try:
            problem_ids = self.problems(cells["problems"], organisation_id=None)
        except CellError as error:
            self.error(n, cols.PROBLEMS, str(error))
            return None
        organisation_id = self.problem_by_id[problem_ids[0]].organisation_id
        plan = self.plans.get(organisation_id)
        if plan is None:
            self.error(
                n,
                cols.PROBLEMS,
                _("No rectification plan of %(org)s that you may change has been started yet; start it first.")
                % {"org": self.org_names.get(organisation_id, "")},
            )
            return None
        values, bad = self.values(n, cells, current=None, plan_path=plan.organisation.path)
        fresh = {
            "inspection": self.inspection.title,
            "organisation": plan.organisation.name,
            "aspect": self.aspect_lines(problem_ids),
            "status": cols.measure_status_words()["not_started"],
        }
        allowed = {name: {"", _kept(fresh.get(name, ""))} for name in KEPT}
        if placeholder is not None:
            allowed["aspect"].add(_kept(self.aspect_lines([placeholder.id])))
        differs = [name for name in KEPT if name in cells and _kept(cells[name]) not in allowed[name]]
        for name in differs:
            self.error(n, _column(name), _kept_message())

        def change(cleaned: dict) -> Change | None:
            if differs:
                return None
            fields = {name: cleaned[name] for name in (*TEXT_FIELDS, "lead_unit", "deadline", "ongoing")}
            return Change(n, fields, plan=plan, problems=list(cleaned["problems"]), units=list(cleaned["units"]))

        return self.validate(
            n,
            values,
            problem_ids,
            organisation_id=organisation_id,
            plan_path=plan.organisation.path,
            bad=bad,
            then=change,
        )

    def unchanged_placeholder(self, n: int, cells: dict, problem: ProblemRecord) -> None:
        """A problem's row with no measure filled in: nothing to add, and nothing else may differ."""
        try:
            same = self.problems(cells["problems"], organisation_id=None) == [problem.id]
        except CellError:
            same = False
        if not same:
            self.error(n, cols.PROBLEMS, _("Fill in a measure for this problem, or leave its row as exported."))
            return None
        expected = {
            "inspection": self.inspection.title,
            "organisation": self.org_names.get(problem.organisation_id, ""),
            "aspect": self.aspect_lines([problem.id]),
        }
        differs = [name for name in KEPT if name in cells and _kept(cells[name]) != _kept(expected.get(name, ""))]
        for name in differs:
            self.error(n, _column(name), _kept_message())
        if not differs:
            self.result.unchanged += 1
        return None

    # --- cells ----------------------------------------------------------------------------
    def values(self, n: int, cells: dict, *, current: MeasureRecord | None, plan_path: str) -> tuple[dict, set]:
        """The measure's points read from the row, and the fields that could not be read (their
        errors are reported under their columns; the fields are left empty)."""
        # a column the file leaves out (责任人, cols.OPTIONAL) keeps what the platform holds
        values = {
            name: _text(cells[name]) if name in cells else (getattr(current, name) if current else "")
            for name in TEXT_FIELDS
        }
        values.update(lead_unit=None, units=[], deadline=None, ongoing=False)
        bad = set()
        for name in TEXT_FIELDS:
            # a cell filled to Excel's limit may have been cut when the file was written or read
            # (python-calamine keeps no more than that): refused, never stored cut short
            text = values[name]
            full = len(text) >= CELL_LIMIT // 2 and utf16_length(text) >= CELL_LIMIT
            if full and (current is None or not same_text(text, getattr(current, name))):
                bad.add(name)
                self.error(
                    n,
                    FIELD_COLUMN[name],
                    _(
                        "This cell is filled to the %(limit)d characters an Excel cell holds at most, so "
                        "its text may have been cut off; shorten it."
                    )
                    % {"limit": CELL_LIMIT},
                )
        current_lead = [current.lead_unit_id] if current and current.lead_unit_id else []
        try:
            values["lead_unit"] = self.organisation(_text(cells["lead_unit"]), current_lead, plan_path)
        except CellError as error:
            bad.add("lead_unit")
            self.error(n, cols.LEAD_UNIT, str(error))
        try:
            units = [
                self.organisation(name, current.unit_ids if current else [], plan_path)
                for name in split_names(cells["units"])
            ]
            values["units"] = list(dict.fromkeys(units))
        except CellError as error:
            bad.add("units")
            self.error(n, cols.UNITS, str(error))
        try:
            values["deadline"], values["ongoing"] = parse_deadline(cells["deadline"])
        except CellError as error:
            bad.update({"deadline", "ongoing"})
            self.error(n, cols.DEADLINE, str(error))
        return values, bad

    def validate(
        self,
        n: int,
        values: dict,
        problem_ids: list[int],
        *,
        organisation_id: int,
        plan_path: str,
        bad=frozenset(),
        current: MeasureRecord | None = None,
        then: Callable[[dict], Change | None],
    ) -> _Validation:
        """The row, to be validated by the measure form once every row is read (`settle`);
        `then` makes its change from the cleaned data."""
        return _Validation(n, values, problem_ids, organisation_id, plan_path, bad, current, then)

    def validate_now(self, check: _Validation, problems: LoadedChoices, organisations: LoadedChoices):
        """The row through the measure form the plan page uses (the same fields, choices and
        validators); its errors are reported under the row's columns, except for fields already
        reported as unreadable (`bad`). Returns the cleaned data, or None. The form's choices, as
        the plan page offers them (the plan organisation's problems in the user's scope;
        organisations the user sees within it), are narrowed to the row's own ids from the scope
        read once in load_lookups (no permission subqueries per row), and read for all rows at
        once (`settle`)."""
        n, values, problem_ids, bad, current = check.n, check.values, check.problem_ids, check.bad, check.current
        data = MultiValueDict({name: [values[name]] for name in TEXT_FIELDS})
        data.setlist("problems", [str(pk) for pk in problem_ids])
        data.setlist("units", [str(pk) for pk in values["units"]])
        data["lead_unit"] = str(values["lead_unit"] or "")
        data["deadline"] = values["deadline"].isoformat() if values["deadline"] else ""
        if values["ongoing"]:
            data["ongoing"] = "on"
        form = MeasureForm(
            data,
            problems=problems,
            organisations=organisations,
            initial={name: getattr(current, name) for name in TEXT_FIELDS} if current else None,
        )
        if form.is_valid() and not bad:
            return form.cleaned_data
        for name, messages in form.errors.items():
            if name not in bad:
                for message in messages:
                    self.error(n, FIELD_COLUMN.get(name), message)
        return None

    def organisation(self, name: str, current_ids: list[int], plan_path: str) -> int | None:
        """An organisation by name: the measure's own first, else the only one of that name the
        user can see within the plan's organisation (the choices of the measure form)."""
        if not name:
            return None
        for pk in current_ids:
            if self.ledger.organisations[pk].name == name:
                return pk
        candidates = [c for c in self.orgs_by_name.get(name, []) if c[1].startswith(plan_path)]
        if len(candidates) == 1:
            return candidates[0][0]
        if not candidates:
            raise CellError(_("No organisation called %(name)s is in your scope.") % {"name": name})
        raise CellError(
            _("Several organisations are called %(name)s; the platform cannot tell which one is meant.")
            % {"name": name}
        )

    def problems(self, value, *, organisation_id: int | None) -> list[int]:
        refs = parse_problem_refs(value)
        if not refs:
            raise CellError(_("Link the measure to at least one problem."))
        ids: list[int] = []
        for number, wording in refs:
            matches = self.problems_by_number.get(number, [])
            if not matches:
                raise CellError(
                    _("There is no problem (%(number)s) in this feedback that you may work on.") % {"number": number}
                )
            if len(matches) > 1:
                raise CellError(
                    _("Several problems are numbered (%(number)s); the platform cannot tell which one is meant.")
                    % {"number": number}
                )
            problem = matches[0]
            if wording and " ".join(wording.split()) != " ".join(problem.title.split("\n")[0].split()):
                raise CellError(
                    _(
                        "The wording of problem (%(number)s) differs from the feedback; "
                        "the feedback is changed in the platform, not in the ledger."
                    )
                    % {"number": number}
                )
            if problem.id not in ids:
                ids.append(problem.id)
        organisations = {self.problem_by_id[pk].organisation_id for pk in ids}
        if organisation_id is not None and organisations != {organisation_id}:
            raise CellError(_("A measure serves only problems of its own plan's organisation."))
        if len(organisations) > 1:
            raise CellError(_("The problems of one measure must concern one organisation."))
        return ids

    def aspect_lines(self, problem_ids: list[int]) -> str:
        seen: list[int] = []
        for problem in sorted((self.problem_by_id[pk] for pk in problem_ids), key=lambda p: p.position):
            if problem.aspect_id not in seen:
                seen.append(problem.aspect_id)
        return "\n".join(self.aspects[pk] for pk in seen)

    def load_lookups(self) -> None:
        """What checking a changed row needs; loaded once, and only when some row changed."""
        if self._lookups_loaded:
            return
        self._lookups_loaded = True
        inspections = type(self.inspection).objects.filter(pk=self.inspection.pk)
        self.problem_by_id: dict[int, ProblemRecord] = {}
        self.problems_by_number: dict[str, list[ProblemRecord]] = {}
        for row in (
            ledger_problems(self.user, Action.CHANGE, inspections)
            .values_list("id", "number", "title", "aspect_id", "position", "organisation_id", "inspection_id")
            .order_by()
        ):
            problem = ProblemRecord(*row)
            self.problem_by_id[problem.id] = problem
            self.problems_by_number.setdefault(problem.number, []).append(problem)
        self.aspects = {
            pk: f"（{number}）{title}"
            for pk, number, title in restrict(Aspect.objects.filter(inspection=self.inspection), self.user)
            .values_list("id", "number", "title")
            .order_by()
        }
        self.plans = {
            plan.organisation_id: plan
            for plan in restrict(Plan.objects.active().filter(inspection=self.inspection), self.user, Action.CHANGE)
            .select_related("organisation")
            .order_by()
        }
        self.orgs_by_name: dict[str, list[tuple[int, str]]] = {}
        self.visible_paths: dict[int, str] = {}
        for pk, name, path in organisations_for_user(self.user).values_list("id", "name", "path").order_by("path"):
            self.orgs_by_name.setdefault(name, []).append((pk, path))
            self.visible_paths[pk] = path
        needed = {p.organisation_id for p in self.problem_by_id.values()}
        self.org_names = dict(Organisation.objects.filter(pk__in=needed).values_list("id", "name"))


def _among(loaded: dict, ids: list[int]) -> dict:
    """The loaded rows with these ids, in the order they were loaded (the query's order)."""
    wanted = set(ids)
    return {pk: row for pk, row in loaded.items() if pk in wanted}


def _column(name: str) -> cols.Column:
    return next(c for c in cols.TERM_COLUMNS if c.name == name)


def _kept_message() -> str:
    return _(
        "This column is kept in the platform and cannot be changed by an import; the cell differs from "
        "the platform (if it changed there since the export, export the ledger again)."
    )
