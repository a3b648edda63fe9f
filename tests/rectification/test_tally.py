"""The summary tallies equal a recount after every write path, roll back with their transaction,
are recounted once per deferred block, and `xuncha tally` checks and rebuilds them.

Each write-path test first corrupts the inspection's stored tallies: only a refresh run by that
write can make `differences()` empty again, so the test fails if the path is not covered. It
also asserts a concrete tally value that the write moved. Writes no domain function makes (a
measure moved to another plan, an aspect renamed, an inspection moved to another term) are
written raw here and followed by the call a domain function making them would make.
"""

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Sum

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from tests.ledger.conftest import column_of, edited, row_of
from xuncha import tallies
from xuncha.accounts.enums import Role
from xuncha.findings.domain import add_problem
from xuncha.findings.models import Aspect
from xuncha.ledger.export import export_inspection_ledger
from xuncha.ledger.importer import import_ledger
from xuncha.rectification import domain
from xuncha.rectification.enums import MeasureStatus, ProblemStatus
from xuncha.rectification.models import (
    Measure,
    MeasureTally,
    ProblemTally,
    TermAspectTally,
    TermMeasureTally,
    TermTally,
)

pytestmark = pytest.mark.django_db

NOT_DONE, BASIC, DONE = ProblemStatus.NOT_DONE, ProblemStatus.BASICALLY_DONE, ProblemStatus.DONE


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft(tree):
    """An inspection of 思明区 with three problems in two aspects and a plan without measures."""
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 3, organisation=tree.district, aspects=2)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    return inspection, problems, plan


@pytest.fixture
def approved(tree, draft):
    """The draft with one measure per problem (deadline 2022-12-31), submitted and approved."""
    inspection, problems, plan = draft
    measures = [
        domain.add_measure(plan, by=None, problems=[p], **complete_measure_fields(tree.street)) for p in problems
    ]
    domain.submit_plan(plan, by=None, on=date(2021, 8, 1))
    domain.approve_plan(plan, by=None)
    return inspection, problems, plan, measures


def problem_counts(inspection) -> dict[str, int]:
    rows = ProblemTally.objects.filter(inspection=inspection).values_list("status").annotate(n=Sum("problems"))
    return dict(rows.order_by())


def measure_counts(inspection) -> dict[tuple[str, bool], int]:
    rows = MeasureTally.objects.filter(inspection=inspection).values_list("status", "approved")
    return {(s, a): n for s, a, n in rows.annotate(n=Sum("measures")).order_by()}


def corrupt(inspection) -> None:
    """Make the stored tallies wrong, the inspection's and its term's, as only a refresh can put right."""
    ProblemTally.objects.filter(inspection=inspection).update(problems=F("problems") + 100)
    TermTally.objects.filter(term=inspection.term_id).update(not_done=F("not_done") + 100)
    TermAspectTally.objects.filter(term=inspection.term_id).update(problems=F("problems") + 100)
    TermMeasureTally.objects.filter(term=inspection.term_id).update(measures=F("measures") + 100)
    found = tallies.differences()
    assert [d.inspection_id for d in found if d.inspection_id] == [inspection.pk]
    assert [d.term_id for d in found if d.term_id] == [inspection.term_id]


def fresh(measure) -> Measure:
    return Measure.objects.get(pk=measure.pk)


def done_and_signed_off(measure) -> None:
    domain.post_progress(measure, by=None, text="已完成", status="done")
    domain.request_sign_off(measure, by=None)
    domain.approve_sign_off(measure, by=None)


@pytest.fixture
def refreshes(monkeypatch):
    """The inspection ids of every refresh run (they still run)."""
    from xuncha.tallies import counts

    calls: list[set] = []
    original = counts.refresh

    def counting(ids, terms=()):
        ids = set(ids)
        if ids:
            calls.append(ids)
        return original(ids, terms=terms)

    monkeypatch.setattr(counts, "refresh", counting)
    return calls


def test_adding_a_measure(tree, draft):
    inspection, problems, plan = draft
    assert problem_counts(inspection) == {NOT_DONE: 3}
    assert measure_counts(inspection) == {}
    corrupt(inspection)
    domain.add_measure(plan, by=None, problems=[problems[0]], **complete_measure_fields(tree.street))
    assert tallies.differences() == []
    assert measure_counts(inspection) == {(MeasureStatus.NOT_STARTED, False): 1}
    assert problem_counts(inspection) == {NOT_DONE: 3}
    row = MeasureTally.objects.get(inspection=inspection)
    assert (row.plan_id, row.organisation_id, row.deadline, row.ongoing) == (
        plan.pk,
        tree.district.pk,
        date(2022, 12, 31),
        False,
    )


def test_a_new_problem_is_counted(tree, draft):
    inspection, problems, _plan = draft
    corrupt(inspection)
    add_problem(
        inspection,
        by=None,
        aspect=problems[0].aspect,
        title="新问题",
        organisation=tree.district,
        today=date(2021, 1, 1),
    )
    assert tallies.differences() == []
    assert problem_counts(inspection) == {NOT_DONE: 4}


def test_progress_with_a_status_change(approved):
    inspection, _problems, _plan, measures = approved
    corrupt(inspection)
    domain.post_progress(measures[0], by=None, text="已完成", status="done")
    assert tallies.differences() == []
    assert problem_counts(inspection) == {NOT_DONE: 2, DONE: 1}  # reported done (sign-off comes later)
    assert measure_counts(inspection) == {(MeasureStatus.NOT_STARTED, False): 2, (MeasureStatus.DONE, False): 1}


def test_writes_that_cannot_move_a_count_recount_nothing(approved, refreshes):
    _inspection, _problems, _plan, measures = approved
    domain.post_progress(measures[0], by=None, text="推进中，状态未变", status="not_started")
    measure = fresh(measures[1])
    domain.update_measure(measure, by=None, expected_version=measure.version, content="措施改写")
    assert refreshes == []
    domain.post_progress(measures[0], by=None, text="推进中", status="in_progress")
    assert len(refreshes) == 1


def test_sign_off_request_approve_and_return(approved):
    inspection, _problems, _plan, measures = approved
    domain.post_progress(measures[0], by=None, text="已完成", status="done")
    domain.post_progress(measures[1], by=None, text="已完成", status="done")
    before = problem_counts(inspection), measure_counts(inspection)

    corrupt(inspection)
    domain.request_sign_off(measures[0], by=None)
    assert tallies.differences() == []
    assert (problem_counts(inspection), measure_counts(inspection)) == before  # requested is not signed off

    corrupt(inspection)
    domain.approve_sign_off(measures[0], by=None)
    assert tallies.differences() == []
    assert problem_counts(inspection) == {DONE: 2, NOT_DONE: 1}  # both reported done, one signed off
    assert measure_counts(inspection)[MeasureStatus.DONE, True] == 1

    domain.request_sign_off(measures[1], by=None)
    corrupt(inspection)
    domain.return_sign_off(measures[1], by=None, reason="佐证材料不足")
    assert tallies.differences() == []
    assert problem_counts(inspection) == {DONE: 1, NOT_DONE: 2}
    assert measure_counts(inspection)[MeasureStatus.IN_PROGRESS, False] == 1


def test_archiving_a_measure(approved):
    inspection, _problems, _plan, measures = approved
    domain.post_progress(measures[0], by=None, text="基本完成", status="basically_done")
    assert problem_counts(inspection) == {BASIC: 1, NOT_DONE: 2}
    corrupt(inspection)
    domain.archive_measure(fresh(measures[0]), by=None, reason="重复录入")
    assert tallies.differences() == []
    assert problem_counts(inspection) == {NOT_DONE: 3}  # its problem has no active measure left
    assert measure_counts(inspection) == {(MeasureStatus.NOT_STARTED, False): 2}


def test_archiving_a_plan_drops_its_measures(approved):
    inspection, _problems, plan, _measures = approved
    corrupt(inspection)
    domain.archive_plan(plan, by=None, reason="重新制定")
    assert tallies.differences() == []
    assert measure_counts(inspection) == {}


def test_relinking_a_measures_problems(approved):
    inspection, problems, _plan, measures = approved
    done_and_signed_off(measures[0])
    assert problem_counts(inspection) == {DONE: 1, NOT_DONE: 2}
    corrupt(inspection)
    # a signed-off measure is closed to edits (reopen it first); its links can still move in data
    relinked = fresh(measures[0])
    relinked.problems.set([problems[1]])
    tallies.measure_saved(relinked, relinked=True)
    assert tallies.differences() == []
    assert problem_counts(inspection) == {NOT_DONE: 3}  # (1) lost its measure; (2) has one not started
    corrupt(inspection)
    measure = fresh(measures[1])
    domain.update_measure(measure, by=None, expected_version=measure.version, problems=[problems[0]])
    assert tallies.differences() == []
    assert problem_counts(inspection) == {DONE: 1, NOT_DONE: 2}  # (2) keeps only the signed-off one


def test_a_write_outside_the_domain_functions_is_found_by_the_check(approved):
    """No signal keeps the tallies: a link written raw (no domain function does it from the
    problem's side) leaves them stale, and the check says so until the tally call is made."""
    inspection, problems, _plan, measures = approved
    done_and_signed_off(measures[0])
    assert problem_counts(inspection) == {DONE: 1, NOT_DONE: 2}
    problems[0].measures.clear()  # (1) loses its signed-off measure
    assert [d.inspection_id for d in tallies.differences() if d.inspection_id] == [inspection.pk]
    assert problem_counts(inspection) == {DONE: 1, NOT_DONE: 2}  # stale
    tallies.measure_saved(measures[0], relinked=True)
    assert tallies.differences() == []
    assert problem_counts(inspection) == {NOT_DONE: 3}


def test_reopening_a_problem(approved):
    inspection, problems, _plan, measures = approved
    done_and_signed_off(measures[0])
    corrupt(inspection)
    domain.reopen_problem(problems[0], by=None, reason="回头看发现问题反弹")
    assert tallies.differences() == []
    assert problem_counts(inspection) == {NOT_DONE: 3}
    assert measure_counts(inspection)[MeasureStatus.IN_PROGRESS, False] == 1


def test_moving_a_measure_to_another_inspections_plan(tree, approved):
    inspection, _problems, _plan, measures = approved
    other = dated_inspection(tree, title="另一次巡察", feedback_on=date(2021, 6, 25))
    other_plan = domain.start_plan(other, by=None, organisation=tree.district)
    corrupt(inspection)
    before = fresh(measures[0])
    measure = fresh(measures[0])
    measure.plan, measure.number = other_plan, 1
    measure.save()
    tallies.measure_saved(measure, before=before)
    assert tallies.differences() == []
    assert sum(measure_counts(inspection).values()) == 2
    assert measure_counts(other) == {(MeasureStatus.NOT_STARTED, False): 1}


def test_a_correction_of_frozen_feedback_and_a_problem_moved(tree, approved):
    inspection, problems, _plan, _measures = approved
    first, second = Aspect.objects.filter(inspection=inspection).order_by("position")

    def in_aspect(aspect):
        rows = ProblemTally.objects.filter(aspect=aspect).values_list("organisation_id", "status", "problems")
        return sorted(rows)

    assert in_aspect(second) == [(tree.district.pk, NOT_DONE, 1)]
    corrupt(inspection)
    added = add_problem(
        inspection, by=None, aspect=second, title="补充的问题", organisation=tree.district, correction_reason="漏列问题"
    )
    assert inspection.feedback_revisions.count() == 1
    assert tallies.differences() == []
    assert in_aspect(second) == [(tree.district.pk, NOT_DONE, 2)]

    corrupt(inspection)
    before = type(added).objects.get(pk=added.pk)
    added.aspect, added.organisation = first, tree.street  # a revision moving the problem
    added._change_reason = "归入第一方面，问题属于街道"
    added.save()
    tallies.problem_saved(added, before=before)
    assert tallies.differences() == []
    assert in_aspect(second) == [(tree.district.pk, NOT_DONE, 1)]
    assert (tree.street.pk, NOT_DONE, 1) in in_aspect(first)
    assert problems[1].aspect == second


def test_ledger_import_of_an_edited_file(tree, approved, refreshes):
    inspection, _problems, _plan, measures = approved
    office = user_with_role(Role.OFFICE, tree.city)
    out = io.BytesIO()
    export_inspection_ledger(inspection, user=office, out=out)

    def edit(sheet):
        for measure, deadline in [(measures[0], "2030年6月30日"), (measures[1], "2031年6月30日")]:
            sheet.cell(row_of(sheet, f"M{measure.pk}:"), column_of(sheet, "整改时限")).value = deadline

    corrupt(inspection)
    refreshes.clear()
    result = import_ledger(inspection, by=office, source=io.BytesIO(edited(out.getvalue(), edit)))
    assert result.ok and result.updated == 2
    assert refreshes == [{inspection.pk}]  # once for the whole file
    assert tallies.differences() == []
    deadlines = Counter(dict(MeasureTally.objects.filter(inspection=inspection).values_list("deadline", "measures")))
    assert deadlines == {date(2022, 12, 31): 1, date(2030, 6, 30): 1, date(2031, 6, 30): 1}


def test_a_refused_ledger_import_leaves_the_tallies(tree, approved, refreshes):
    inspection, _problems, _plan, measures = approved
    office = user_with_role(Role.OFFICE, tree.city)
    out = io.BytesIO()
    export_inspection_ledger(inspection, user=office, out=out)
    before = sorted(ProblemTally.objects.values_list("aspect_id", "status", "problems")), measure_counts(inspection)

    def edit(sheet):
        sheet.cell(row_of(sheet, f"M{measures[0].pk}:"), column_of(sheet, "整改时限")).value = "2030年6月30日"
        sheet.cell(row_of(sheet, f"M{measures[1].pk}:"), column_of(sheet, "责任领导")).value = "领" * 121  # refused

    refreshes.clear()
    result = import_ledger(inspection, by=office, source=io.BytesIO(edited(out.getvalue(), edit)))
    assert not result.ok
    assert refreshes == []  # the import rolls back: nothing to recount
    after = sorted(ProblemTally.objects.values_list("aspect_id", "status", "problems")), measure_counts(inspection)
    assert after == before
    assert tallies.differences() == []


def test_a_rollback_leaves_the_tallies_unchanged(approved):
    inspection, _problems, _plan, measures = approved
    before = sorted(ProblemTally.objects.values_list("aspect_id", "status", "problems")), measure_counts(inspection)
    with pytest.raises(RuntimeError), transaction.atomic():
        done_and_signed_off(measures[0])
        assert problem_counts(inspection) == {DONE: 1, NOT_DONE: 2}  # moved inside the transaction
        raise RuntimeError("the caller fails after the writes")
    after = sorted(ProblemTally.objects.values_list("aspect_id", "status", "problems")), measure_counts(inspection)
    assert after == before
    assert tallies.differences() == []


def test_deferred_refreshes_once_at_the_end(approved, refreshes):
    inspection, _problems, _plan, measures = approved
    with transaction.atomic(), tallies.deferred():
        for measure in measures:
            domain.post_progress(measure, by=None, text="已完成", status="done")
        with tallies.deferred():  # re-entrant: the outermost block refreshes
            domain.request_sign_off(measures[0], by=None)
            domain.approve_sign_off(measures[0], by=None)
        assert refreshes == []
        assert problem_counts(inspection) == {NOT_DONE: 3}  # not yet recounted
    assert refreshes == [{inspection.pk}]
    assert tallies.differences() == []
    assert problem_counts(inspection) == {DONE: 3}  # all reported done


def test_deferred_refreshes_what_was_written_before_a_caught_error(approved, refreshes):
    inspection, _problems, _plan, measures = approved
    with transaction.atomic():
        try:
            with tallies.deferred():
                domain.post_progress(measures[0], by=None, text="已完成", status="done")
                raise ValueError("caught by the caller, who commits the rest")
        except ValueError:
            pass
    assert refreshes == [{inspection.pk}]
    assert tallies.differences() == []


def test_deferred_skips_a_transaction_that_will_roll_back(approved, refreshes):
    _inspection, _problems, _plan, measures = approved
    with transaction.atomic():
        with tallies.deferred():
            domain.post_progress(measures[0], by=None, text="已完成", status="done")
            transaction.set_rollback(True)
        assert refreshes == []
    assert tallies.differences() == []


def test_bulk_loads_are_counted_by_rebuild_all(approved):
    inspection, problems, plan, _measures = approved
    made = Measure.objects.bulk_create(
        [Measure(plan=plan, number=10 + n, status=MeasureStatus.BASICALLY_DONE) for n in range(3)]
    )
    Measure.problems.through.objects.bulk_create(
        [Measure.problems.through(measure_id=m.pk, problem_id=problems[0].pk) for m in made]
    )
    found = tallies.differences()
    assert [(d.inspection_id, d.term_id) for d in found] == [(inspection.pk, None), (None, inspection.term_id)]
    assert tallies.rebuild_all() == 1
    assert tallies.differences() == []
    assert measure_counts(inspection)[MeasureStatus.BASICALLY_DONE, False] == 3


def test_the_check_command(tree, approved):
    inspection, problems, _plan, _measures = approved
    other = dated_inspection(tree, title="另一次巡察")
    out = io.StringIO()
    call_command("tally", "--check", stdout=out)  # no SystemExit: status 0

    corrupted = ProblemTally.objects.filter(inspection=inspection, aspect=problems[0].aspect, status=NOT_DONE)
    assert corrupted.update(problems=F("problems") - 1) == 1
    term_row = TermTally.objects.filter(term=inspection.term, organisation=tree.district)
    assert term_row.update(measures=F("measures") + 2) == 1
    difference, term_difference = tallies.differences()
    assert difference.inspection_id == inspection.pk
    assert [(m.table, m.key["status"], m.stored, m.recount) for m in difference.mismatches] == [
        ("problems", NOT_DONE, 1, 2)
    ]
    assert term_difference.term_id == inspection.term_id and term_difference.inspection_id is None
    assert [(m.table, m.key["column"], m.stored, m.recount) for m in term_difference.mismatches] == [
        ("term organisations", "measures", 5, 3)
    ]
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("tally", "--check", stdout=out)
    assert exited.value.code == 1
    text = out.getvalue()
    assert f"{inspection.pk}" in text and inspection.title in text and inspection.term.name in text
    assert other.title not in text

    call_command("tally", "--rebuild", stdout=io.StringIO())
    assert tallies.differences() == []
    call_command("tally", "--check", stdout=io.StringIO())
    assert problem_counts(inspection) == {NOT_DONE: 3}


def test_renaming_an_aspect_moves_the_term_rows(approved):
    inspection, problems, _plan, _measures = approved
    corrupt(inspection)
    aspect = problems[0].aspect
    before = Aspect.objects.get(pk=aspect.pk)
    aspect.title = "改过名的方面"
    aspect.save()
    tallies.aspect_saved(aspect, before=before)
    assert tallies.differences() == []
    assert TermAspectTally.objects.filter(term=inspection.term, aspect_title="改过名的方面").exists()


def test_moving_an_inspection_to_another_term_recounts_both(tree, approved):
    from tests.factories import make_term

    inspection, _problems, _plan, _measures = approved
    before = inspection.term
    other = make_term(tree.city, name="另一届", starts_on=date(2011, 1, 1), ends_on=date(2015, 12, 31))
    corrupt(inspection)
    stored = type(inspection).objects.get(pk=inspection.pk)
    inspection.term = other
    inspection.save()
    tallies.inspection_saved(inspection, before=stored)
    assert tallies.differences() == []
    assert not TermTally.objects.filter(term=before).exists()
    assert TermTally.objects.get(term=other, organisation=tree.district).measures == 3


def test_term_rows_add_up_the_inspection_rows(tree, approved):
    from tests.factories import make_inspection

    inspection, *_ = approved
    second = make_inspection(inspection.term, [tree.district], title="第二次巡察", entry_on=date(2022, 1, 10))
    feedback_with_problems(second, 2, organisation=tree.district)
    assert tallies.differences() == []
    row = TermTally.objects.get(term=inspection.term, organisation=tree.district)
    assert (row.done, row.basically_done, row.not_done, row.measures) == (0, 0, 5, 3)
    per_status = dict(
        TermMeasureTally.objects.filter(term=inspection.term).values_list("status").annotate(n=Sum("measures"))
    )
    assert per_status == {MeasureStatus.NOT_STARTED: 3}


def test_deleting_an_inspection_recounts_its_term(tree):
    from tests.factories import make_inspection

    first = dated_inspection(tree)
    feedback_with_problems(first, 1, organisation=tree.district)
    empty = make_inspection(first.term, [tree.street], title="无问题的巡察", entry_on=date(2022, 1, 10))
    TermTally.objects.filter(term=first.term).update(not_done=F("not_done") + 5)
    empty.delete()  # an inspection without rows can be deleted (PROTECT keeps the others)
    tallies.inspection_deleted(empty)
    assert tallies.differences() == []
    assert TermTally.objects.get(term=first.term, organisation=tree.district).not_done == 1


@pytest.mark.stale_tallies  # it ends by showing that a filled database is left alone, drift included
def test_after_migrate_an_unfilled_database_is_recounted(approved):
    from xuncha.rectification.apps import fill_tallies
    from xuncha.rectification.models import TermTallyMember

    inspection, *_ = approved
    for model in (ProblemTally, MeasureTally, TermTally, TermAspectTally, TermMeasureTally, TermTallyMember):
        model.objects.all().delete()
    assert tallies.differences() != []
    fill_tallies(sender=None)
    assert tallies.differences() == []
    assert problem_counts(inspection) == {NOT_DONE: 3}
    ProblemTally.objects.update(problems=F("problems") + 1)
    fill_tallies(sender=None)  # a filled database is left alone: the check is what finds drift
    assert tallies.differences() != []
