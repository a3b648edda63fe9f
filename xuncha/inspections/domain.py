"""Writes to inspections: creation with targets, dates (and the due dates derived from the
feedback date), indicators and their readings, information requests and replies."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xuncha import tallies
from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import save_versioned
from xuncha.inspections.enums import InspectionKind
from xuncha.inspections.models import (
    Indicator,
    IndicatorReading,
    InformationRequest,
    Inspection,
    InspectionTarget,
)
from xuncha.plans.dates import add_months
from xuncha.workflow import actions

EDITABLE_FIELDS = ("kind", "title", "team_name", "theme", "phone", "mailbox", "email", "accepted_matters")


def check_dates(
    *, entry_on: date | None, exit_on: date | None, feedback_on: date | None, round=None, batch=None, term=None
) -> None:
    """Entry ≤ exit ≤ feedback; entry within the term, and within the round (and batch) when there is one."""
    errors = {}
    if entry_on and term is not None and not (term.starts_on <= entry_on <= term.ends_on):
        errors["entry_on"] = _("The entry date %(entry)s is outside the term (%(start)s to %(end)s).") % {
            "entry": entry_on,
            "start": term.starts_on,
            "end": term.ends_on,
        }
    if entry_on and exit_on and exit_on < entry_on:
        errors["exit_on"] = _("The exit date is before the entry date.")
    if feedback_on and exit_on and feedback_on < exit_on:
        errors["feedback_on"] = _("Feedback cannot be given before the team exits.")
    if feedback_on and entry_on and not exit_on and feedback_on < entry_on:
        errors["feedback_on"] = _("Feedback cannot be given before the team enters.")
    if feedback_on and not entry_on:
        errors["feedback_on"] = _("Set the entry date before the feedback date.")
    period = batch or round
    if entry_on and period and not (period.starts_on <= entry_on <= period.ends_on):
        errors["entry_on"] = _("The entry date %(entry)s is outside %(period)s (%(start)s to %(end)s).") % {
            "entry": entry_on,
            "period": period,
            "start": period.starts_on,
            "end": period.ends_on,
        }
    if errors:
        raise ValidationError(errors)


def derive_due_dates(inspection: Inspection) -> None:
    """Plan and report due dates follow the feedback date by the term's configured months."""
    if inspection.feedback_on:
        term = inspection.term
        inspection.plan_due_on = add_months(inspection.feedback_on, term.plan_months)
        inspection.report_due_on = add_months(inspection.feedback_on, term.report_months)
    else:
        inspection.plan_due_on = inspection.report_due_on = None


def _check_structure(term, round, batch, kind, theme) -> None:
    if round is not None and round.term_id != term.pk:
        raise ValidationError({"round": _("The round belongs to another term.")})
    if batch is not None and (round is None or batch.round_id != round.pk):
        raise ValidationError({"batch": _("The batch belongs to another round.")})
    if kind == InspectionKind.SPECIAL and not (theme or "").strip():
        raise ValidationError({"theme": _("A special inspection needs a theme.")})


def create_inspection(
    *,
    by,
    term,
    title: str,
    team_name: str,
    targets,
    kind=InspectionKind.ROUTINE,
    round=None,
    batch=None,
    theme: str = "",
    entry_on=None,
    exit_on=None,
    feedback_on=None,
    **details,
) -> Inspection:
    targets = list(targets)
    if not targets:
        raise ValidationError({"targets": _("Choose at least one organisation to inspect.")})
    _check_structure(term, round, batch, kind, theme)
    check_dates(entry_on=entry_on, exit_on=exit_on, feedback_on=feedback_on, round=round, batch=batch, term=term)
    with transaction.atomic():
        inspection = Inspection(
            term=term,
            round=round,
            batch=batch,
            kind=kind,
            title=title,
            team_name=team_name,
            theme=theme,
            entry_on=entry_on,
            exit_on=exit_on,
            feedback_on=feedback_on,
            **details,
        )
        derive_due_dates(inspection)
        inspection.full_clean()
        inspection.save()
        tallies.inspection_saved(inspection)
        for organisation in targets:
            _add_target(inspection, organisation)
        record_event(
            "inspections.inspection.created",
            actor=by,
            obj=inspection,
            data={"targets": [o.pk for o in targets]},
        )
        return inspection


def locked(inspection: Inspection) -> Inspection:
    """The inspection's row, locked for the rest of the transaction (steps guard its stored state)."""
    return Inspection.objects.select_for_update().get(pk=inspection.pk)


def _add_target(inspection: Inspection, organisation) -> InspectionTarget:
    if organisation.is_archived:
        raise ValidationError({"targets": _("%(org)s is archived.") % {"org": organisation}})
    if not organisation.path.startswith(inspection.term.owner.path):
        raise ValidationError(
            {"targets": _("%(org)s is not under %(owner)s.") % {"org": organisation, "owner": inspection.term.owner}}
        )
    from xuncha.plans.setups import not_inspectable_by

    if (why := not_inspectable_by(inspection.term.owner, organisation)) is not None:
        raise ValidationError({"targets": why})
    if (
        inspection.round_id
        and InspectionTarget.objects.filter(round=inspection.round, organisation=organisation).exists()
    ):
        raise ValidationError(
            {
                "targets": _("%(org)s is already inspected in %(round)s.")
                % {"org": organisation, "round": inspection.round}
            }
        )
    try:
        with transaction.atomic():
            return InspectionTarget.objects.create(
                inspection=inspection, organisation=organisation, round=inspection.round
            )
    except IntegrityError:  # a concurrent assignment won the race; the constraint holds
        raise ValidationError(
            {
                "targets": _("%(org)s is already inspected in %(round)s.")
                % {"org": organisation, "round": inspection.round}
            }
        ) from None


def add_target(inspection: Inspection, *, by, organisation) -> InspectionTarget:
    """Add an inspected organisation; refused if a team member (not already excused by an
    override) would then have a conflict of interest with it."""
    from xuncha.staffing.recusal import recusal_conflicts

    with transaction.atomic():
        inspection = locked(inspection)
        actions.check("inspection.add_target", by, inspection)
        if organisation is None:
            raise ValidationError({"organisation": _("Choose an organisation.")})
        target = _add_target(inspection, organisation)
        for member in inspection.team.filter(archived_at__isnull=True, recusal_override="").select_related("person"):
            conflicts = recusal_conflicts(member.person, inspection)
            if conflicts:
                raise ValidationError({"targets": [c.message for c in conflicts]})
        record_event("inspections.target.added", actor=by, obj=inspection, data={"organisation": organisation.pk})
        _refresh_public_pages(inspection)  # the announcement names every inspected organisation
        return target


def _refresh_public_pages(inspection: Inspection) -> None:
    """The announcement copied onto the published 码上巡 pages follows the inspection's dates,
    contact and details (xuncha.public.publishing)."""
    from xuncha.public.publishing import refresh_pages

    refresh_pages(inspection)


def set_dates(inspection: Inspection, *, by, expected_version: int, entry_on, exit_on, feedback_on) -> Inspection:
    """Change the dates; with a team in place they stay set and may not overlap its members'
    other assignments."""
    with transaction.atomic():
        inspection = locked(inspection)
        actions.check("inspection.set_dates", by, inspection)
        check_dates(
            entry_on=entry_on,
            exit_on=exit_on,
            feedback_on=feedback_on,
            round=inspection.round,
            batch=inspection.batch,
            term=inspection.term,
        )
        members = list(inspection.team.filter(archived_at__isnull=True).select_related("person"))
        if members and not (entry_on and exit_on):
            raise ValidationError(_("The team is staffed: the entry and exit dates cannot be cleared."))
        if members:
            from xuncha.staffing.recusal import describe_overlap, overlapping_assignments

            probe = Inspection(pk=inspection.pk, entry_on=entry_on, exit_on=exit_on)
            clashes = [describe_overlap(c) for m in members for c in overlapping_assignments(m.person, probe)]
            if clashes:
                raise ValidationError(clashes)
        probe = Inspection(term=inspection.term, feedback_on=feedback_on)
        derive_due_dates(probe)
        changes = {
            "entry_on": entry_on,
            "exit_on": exit_on,
            "feedback_on": feedback_on,
            "plan_due_on": probe.plan_due_on,
            "report_due_on": probe.report_due_on,
        }
        given_before = inspection.feedback_on
        saved = save_versioned(inspection, expected_version=expected_version, changes=changes)
        record_event(
            "inspections.inspection.dates_set",
            actor=by,
            obj=saved,
            data={k: str(v or "") for k, v in changes.items()},
        )
        _refresh_public_pages(saved)
        if saved.feedback_on is not None and saved.feedback_on != given_before:
            from xuncha.rectification.domain import announce_plan_due

            announce_plan_due(saved, by=by)  # the inspected side acts next: its plan
        return saved


def update_inspection(inspection: Inspection, *, by, expected_version: int, **changes) -> Inspection:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    with transaction.atomic():
        inspection = locked(inspection)
        actions.check("inspection.update", by, inspection)
        _check_structure(
            inspection.term,
            inspection.round,
            inspection.batch,
            changes.get("kind", inspection.kind),
            changes.get("theme", inspection.theme),
        )
        saved = save_versioned(inspection, expected_version=expected_version, changes=changes)
        record_event("inspections.inspection.updated", actor=by, obj=saved, data={"fields": sorted(changes)})
        _refresh_public_pages(saved)
        return saved


def add_indicator(inspection: Inspection, *, by, name: str, unit: str, baseline: Decimal, target=None) -> Indicator:
    with transaction.atomic():
        inspection = locked(inspection)
        actions.check("inspection.add_indicator", by, inspection)
        indicator = Indicator(inspection=inspection, name=name, unit=unit, baseline=baseline, target=target)
        indicator.full_clean()
        indicator.save()
        record_event("inspections.indicator.added", actor=by, obj=inspection, data={"indicator": indicator.pk})
        return indicator


def record_reading(indicator: Indicator, *, by, on: date, value: Decimal, note: str = "") -> IndicatorReading:
    with transaction.atomic():
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        actions.check("indicator.record_reading", by, indicator)
        if value is not None and value > indicator.baseline:
            raise ValidationError(
                {
                    "value": _("The achieved amount cannot exceed the starting total (%(total)s).")
                    % {"total": indicator.baseline}
                }
            )
        reading = IndicatorReading(
            indicator=indicator,
            on=on,
            value=value,
            note=note,
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        reading.full_clean()
        reading.save()
        record_event(
            "inspections.indicator.reading",
            actor=by,
            obj=indicator.inspection,
            data={"indicator": indicator.pk, "on": str(on), "value": str(value)},
        )
        return reading


def create_information_request(inspection: Inspection, *, by, **fields) -> InformationRequest:
    with transaction.atomic():
        inspection = locked(inspection)
        actions.check("inspection.create_request", by, inspection)
        request = InformationRequest(inspection=inspection, **fields)
        request.full_clean()
        request.save()
        record_event("inspections.request.sent", actor=by, obj=inspection, data={"request": request.pk})
        return request


def record_reply(request: InformationRequest, *, by, reply: str, replied_on: date, uploads=()) -> InformationRequest:
    """Record the reply once; its files are checked and stored in the same transaction."""
    from xuncha.files.domain import store_upload

    with transaction.atomic():
        locked_request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        actions.check("request.record_reply", by, locked_request)
        if not (reply or "").strip() and not uploads:
            raise ValidationError({"reply": _("Enter the reply or attach its files.")})
        if replied_on is None or replied_on < locked_request.sent_on:
            raise ValidationError({"replied_on": _("The reply date is before the request was sent.")})
        locked_request.reply, locked_request.replied_on = reply, replied_on
        locked_request.save(update_fields=["reply", "replied_on"])
        if uploads:
            locked_request.files.add(*[store_upload(upload, by=by) for upload in uploads])
        record_event(
            "inspections.request.replied", actor=by, obj=locked_request.inspection, data={"request": locked_request.pk}
        )
        return locked_request
