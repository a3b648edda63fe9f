"""Data for the plan timeline chart (rounds, batches and inspections as bars over dates)."""

from django.utils.translation import gettext as _


def timeline_rows(term, rounds, inspections) -> list[dict]:
    rows = []
    for round_ in rounds:
        rows.append(
            {
                "label": str(round_),
                "kind": "round",
                "start": round_.starts_on.isoformat(),
                "end": round_.ends_on.isoformat(),
            }
        )
        for batch in round_.batches.all():
            rows.append(
                {
                    "label": str(batch),
                    "kind": "batch",
                    "start": batch.starts_on.isoformat(),
                    "end": batch.ends_on.isoformat(),
                }
            )
    for inspection in inspections:
        if inspection.entry_on:
            end = inspection.exit_on or inspection.entry_on
            rows.append(
                {
                    "label": f"{inspection.team_name} · {inspection.title}",
                    "kind": "inspection",
                    "start": inspection.entry_on.isoformat(),
                    "end": end.isoformat(),
                }
            )
    return {"rows": rows, "legend": {"round": _("Round"), "batch": _("Batch"), "inspection": _("Inspection")}}
