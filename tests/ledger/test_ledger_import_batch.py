"""The edits of an import go through `update_measures` together: the same history rows, audit
events and approved changes as `update_measure` one by one, all or nothing, and a number of
queries that does not grow with the number of edited rows."""

import io
from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.ledger.conftest import column_of, edited, row_of
from xuncha.audit.lifecycle import ConcurrentEditError
from xuncha.audit.models import AuditEvent
from xuncha.ledger.export import export_inspection_ledger
from xuncha.ledger.importer import import_ledger
from xuncha.rectification import domain
from xuncha.rectification.enums import PlanStatus
from xuncha.rectification.models import Measure, MeasureChange, Plan

pytestmark = pytest.mark.django_db

HistoricalMeasure = Measure.history.model


class Undo(Exception):
    pass


def _written_since(history_id: int, event_seq: int) -> dict:
    """What an edit wrote, without the ids and times that differ between two runs."""
    tracked = [f.attname for f in HistoricalMeasure.tracked_fields]
    records = [
        (
            *(getattr(record, name) for name in tracked),
            record.history_type,
            record.history_user_id,
            record.history_change_reason,
            sorted(record.problems.values_list("problem_id", flat=True)),
            sorted(record.units.values_list("organisation_id", flat=True)),
        )
        for record in HistoricalMeasure.objects.filter(history_id__gt=history_id).order_by("history_id")
    ]
    events = list(
        AuditEvent.objects.filter(seq__gt=event_seq)
        .order_by("seq")
        .values_list("action", "actor_id", "object_type", "object_id", "object_repr", "org_path", "data")
    )
    changes = list(
        MeasureChange.objects.order_by("pk").values_list(
            "measure_id", "proposed", "previous", "reason", "requested_by_id", "status", "decided_by_id"
        )
    )
    links = {
        m.pk: (sorted(m.problems.values_list("pk", flat=True)), sorted(m.units.values_list("pk", flat=True)))
        for m in Measure.objects.order_by("pk")
    }
    return {"history": records, "events": events, "changes": changes, "links": links}


def _marks() -> tuple[int, int]:
    last = HistoricalMeasure.objects.order_by("-history_id").first()
    seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    return (last.history_id if last else 0), seq


def _edits(case, tree) -> list[domain.MeasureEdit]:
    """Every kind of edit an import makes: texts, a later deadline (on an approved plan: an
    approved change that extends it), problems relinked (a remove and an add), units added and
    removed, and an edit of nothing but the lead unit."""
    first, second = case.measures
    return [
        domain.MeasureEdit(
            first.pk,
            first.version,
            {"standard": "新标准", "deadline": date(2025, 6, 30)},
            problems=[case.problems[1], case.problems[2]],
            units=[tree.street],
        ),
        domain.MeasureEdit(second.pk, second.version, {"target": "新目标"}, units=[tree.street, tree.community]),
        domain.MeasureEdit(case.other_measure.pk, case.other_measure.version, {"lead_unit": tree.other_district}),
    ]


def test_batched_edits_write_what_one_by_one_edits_write(case, tree, django_user_model):
    Plan.objects.filter(pk=case.plan.pk).update(status=PlanStatus.APPROVED)  # edits become approved changes
    office = case.office
    history_id, seq = _marks()
    try:
        with transaction.atomic():
            for edit in _edits(case, tree):
                domain.update_measure(
                    Measure.objects.get(pk=edit.measure_id),
                    by=office,
                    expected_version=edit.expected_version,
                    problems=edit.problems,
                    units=edit.units,
                    **edit.changes,
                )
            one_by_one = _written_since(history_id, seq)
            raise Undo
    except Undo:
        pass
    assert _marks() == (history_id, seq) and not MeasureChange.objects.exists()

    saved = domain.update_measures(_edits(case, tree), by=office)

    batched = _written_since(history_id, seq)
    assert len(one_by_one["history"]) == 7  # save, unlink, link; save, link; save; save
    assert len(one_by_one["events"]) == 3 and len(one_by_one["changes"]) == 2
    assert batched == one_by_one
    assert [m.version for m in saved] == [2, 2, 2]
    # the copies of the link rows name the rows themselves, as simple-history's do
    latest = HistoricalMeasure.objects.filter(id=case.measures[0].pk).order_by("-history_id").first()
    assert sorted(latest.problems.values_list("id", flat=True)) == sorted(
        Measure.problems.through.objects.filter(measure=case.measures[0]).values_list("id", flat=True)
    )


def test_one_refused_edit_writes_nothing_and_names_each_refusal(case, tree):
    first, second = case.measures
    domain.update_measure(second, by=None, expected_version=1, standard="别人刚改的")  # now version 2
    history_id, seq = _marks()
    edits = [
        domain.MeasureEdit(case.other_measure.pk, 1, {"standard": "可以保存"}),
        domain.MeasureEdit(second.pk, 1, {"standard": "基于旧版本"}),
        domain.MeasureEdit(first.pk, 1, {"leader": "领" * 121}),
    ]
    with pytest.raises(domain.EditsRefused) as refused:
        domain.update_measures(edits, by=None)
    assert sorted(refused.value.refusals) == [1, 2]
    assert isinstance(refused.value.refusals[1], ConcurrentEditError)
    assert "leader" in refused.value.refusals[2].message_dict
    assert _marks() == (history_id, seq)
    case.other_measure.refresh_from_db()
    assert case.other_measure.version == 1 and case.other_measure.standard != "可以保存"


def _export(case, tmp_path) -> bytes:
    path = tmp_path / "ledger.xlsx"
    export_inspection_ledger(case.inspection, user=case.office, out=str(path))
    return path.read_bytes()


def _edit_standards(content: bytes, measures) -> bytes:
    def edit(sheet):
        for measure in measures:
            sheet.cell(row_of(sheet, f"M{measure.pk}:"), column_of(sheet, "完成标准")).value = f"新标准{measure.pk}"

    return edited(content, edit)


def _queries_of_import(case, content: bytes) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        result = import_ledger(case.inspection, by=case.office, source=_as_file(content))
        assert result.ok, result.errors
        transaction.set_rollback(True)
    return len(queries), result.updated


def _as_file(content: bytes):
    return io.BytesIO(content)


def test_the_queries_of_an_edited_import_do_not_grow_with_the_edited_rows(case, tmp_path):
    content = _export(case, tmp_path)
    one, updated_one = _queries_of_import(case, _edit_standards(content, case.measures[:1]))
    three, updated_three = _queries_of_import(case, _edit_standards(content, [*case.measures, case.other_measure]))
    assert (updated_one, updated_three) == (1, 3)
    assert three == one


def test_a_row_refused_when_applied_rolls_back_the_whole_import(case, tree, tmp_path):
    from tests.factories import complete_measure_fields

    domain.add_measure(case.plan, by=None, problems=[case.problems[2]], **complete_measure_fields(tree.street))
    content = _export(case, tmp_path)
    domain.submit_plan(case.plan, by=None, on=date(2021, 8, 1))  # its measures are frozen from now on
    history_id, seq = _marks()
    measures = Measure.objects.count()

    def edit(sheet):
        sheet.cell(row_of(sheet, f"M{case.other_measure.pk}:"), column_of(sheet, "整改措施")).value = "湖里区新措施"
        sheet.cell(row_of(sheet, f"M{case.measures[1].pk}:"), column_of(sheet, "整改措施")).value = "被冻结的措施"
        row = row_of(sheet, f"P{case.problems[4].pk}")  # 湖里区's problem without a measure: add one
        sheet.cell(row, column_of(sheet, "整改措施")).value = "新增的措施"

    result = import_ledger(case.inspection, by=case.office, source=_as_file(edited(content, edit)))
    assert not result.ok and (result.updated, result.added) == (0, 0)
    assert [(e.row, e.column) for e in result.errors] == [(4, "")]
    assert Measure.objects.count() == measures
    assert _marks()[0] == history_id
    assert not AuditEvent.objects.filter(seq__gt=seq, action__startswith="rectification.").exists()
    case.other_measure.refresh_from_db()
    assert case.other_measure.content != "湖里区新措施"
