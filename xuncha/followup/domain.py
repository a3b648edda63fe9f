"""Follow-up inspections (回头看): starting one from an earlier inspection, and the verdict on
each earlier problem it re-checks.

What each verdict does, and why:

* 整改到位 (rectified): the earlier rectification holds. Nothing else changes; the verdict
  needs its evidence (what the re-check found, or files).
* 整改不到位 (not rectified): the earlier measures were not really done (or never signed off).
  The earlier problem keeps its history and status as its own ledger shows it; a new problem,
  linked to it, is added to the follow-up's own feedback, so the organisation draws up a new
  plan with new measures and deadlines for it (the follow-up's plan, reviewed and signed off
  like any other). Reopening the earlier measures instead would rewrite a ledger already
  reported, count a rebound that did not happen, and leave the new work with the old deadlines.
* 反弹 (rebound): a problem whose rectification was done came back. The rectification's own
  reopening (`reopen_problem`) counts the rebound (a `Rebound` row, which the figures and the
  evaluation count) and sends its measures back to work; the re-check keeps a link to that
  rebound, and a linked problem goes into the follow-up's feedback for a plan, as above.

Each write locks its row, checks the declared step and writes its audit event in one
transaction.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.followup.enums import ReCheckStatus, Verdict
from xuncha.followup.models import ReCheck
from xuncha.inspections.enums import InspectionKind
from xuncha.inspections.models import Inspection
from xuncha.workflow.actions import check


def current_term(owner, *, today: date | None = None):
    """The owner's term running today (the newest when several do), or None."""
    from xuncha.plans.models import Term

    today = today or timezone.localdate()
    running = Term.objects.filter(owner=owner, starts_on__lte=today, ends_on__gte=today, archived_at__isnull=True)
    return running.order_by("-starts_on", "-pk").first()


def default_title(organisations) -> str:
    names = "、".join(o.name for o in organisations)
    return _("Follow-up of the rectification after the inspection of %(orgs)s") % {"orgs": names}


def create_follow_up(
    earlier: Inspection,
    *,
    by,
    term=None,
    round=None,
    organisations=None,
    title: str = "",
    team_name: str = "",
    entry_on: date | None = None,
) -> Inspection:
    """A follow-up inspection of `earlier`'s organisations (or the chosen subset), in `term`
    (default: the owner's current term, else the earlier one's), linked back to `earlier`,
    with one pending re-check per problem of the earlier feedback concerning them."""
    from xuncha.findings.models import Problem
    from xuncha.inspections.domain import create_inspection, locked

    with transaction.atomic():
        earlier = locked(earlier)
        check("inspection.create_follow_up", by, earlier)
        inspected = [t.organisation for t in earlier.targets.select_related("organisation").order_by("pk")]
        chosen = inspected if not organisations else list(organisations)
        outside = [o.name for o in chosen if o.pk not in {t.pk for t in inspected}]
        if outside:
            message = _("%(orgs)s was not inspected by the earlier inspection.") % {"orgs": "、".join(outside)}
            raise ValidationError({"organisations": message})
        owner = earlier.term.owner
        term = term or current_term(owner) or earlier.term
        if term.owner_id != owner.pk:
            raise ValidationError({"term": _("Choose a term of the committee that ran the earlier inspection.")})
        inspection = create_inspection(
            by=by,
            term=term,
            round=round,
            title=(title or "").strip() or default_title(chosen),
            team_name=(team_name or "").strip() or earlier.team_name,
            targets=chosen,
            kind=InspectionKind.FOLLOW_UP,
            entry_on=entry_on,
            follows_up=earlier,
        )
        paths = [o.path for o in chosen]
        problems = [
            p
            for p in Problem.objects.filter(inspection=earlier).select_related("organisation").order_by("position")
            if any(p.organisation.path.startswith(path) for path in paths)
        ]
        if not problems:
            raise ValidationError(_("The earlier feedback has no problem concerning the chosen organisations."))
        for problem in problems:
            ReCheck.objects.create(inspection=inspection, problem=problem)
        record_event(
            "followup.inspection.created",
            actor=by,
            obj=inspection,
            data={"follows_up": earlier.pk, "rechecks": len(problems)},
        )
        return inspection


def record_verdict(recheck: ReCheck, *, by, verdict: str, note: str = "", uploads=(), today: date | None = None):
    """Record the verdict on one re-check (see the module's docstring for each verdict's
    effects). Evidence files are checked and stored in the same transaction."""
    from xuncha.files.domain import store_upload
    from xuncha.rectification.domain import reopen_problem
    from xuncha.rectification.enums import ProblemStatus
    from xuncha.rectification.status import problem_status

    note = (note or "").strip()
    with transaction.atomic():
        locked = ReCheck.objects.select_for_update().get(pk=recheck.pk)
        check("recheck.record_verdict", by, locked)
        if verdict not in Verdict.values:
            raise ValidationError({"verdict": _("Choose a verdict.")})
        if verdict == Verdict.RECTIFIED and not note and not uploads:
            raise ValidationError(
                {"note": _("A rectified verdict needs its evidence: describe what the re-check found or attach files.")}
            )
        if verdict in Verdict.needs_new_plan() and not note:
            raise ValidationError({"note": _("Describe what the re-check found.")})
        problem = locked.problem
        if verdict == Verdict.REBOUND:
            if problem_status(problem) != ProblemStatus.DONE:
                message = _("Only a problem whose rectification was done can rebound; this one is not rectified.")
                raise ValidationError({"verdict": message})
            locked.rebound = reopen_problem(problem, by=by, reason=note)
        if verdict in Verdict.needs_new_plan():
            locked.new_problem = _linked_problem(locked, by=by, verdict=verdict, note=note)
        locked.status, locked.verdict, locked.note = ReCheckStatus.CHECKED, verdict, note
        locked.checked_by = by if getattr(by, "pk", None) else None
        locked.checked_on = today or timezone.localdate()
        locked.save()
        if uploads:
            locked.evidence.add(*[store_upload(upload, by=by) for upload in uploads])
        record_event(
            "followup.recheck.recorded",
            actor=by,
            obj=locked.inspection,
            data={"recheck": locked.pk, "problem": problem.pk, "verdict": verdict},
        )
        return locked


def _linked_problem(recheck: ReCheck, *, by, verdict: str, note: str):
    """A problem in the follow-up's feedback, under its aspect for re-checked problems (made
    once), concerning the same organisation, saying what it comes from."""
    from xuncha.findings.domain import add_aspect, add_problem
    from xuncha.findings.models import Aspect

    follow_up, earlier = recheck.inspection, recheck.problem
    heading = _("Problems found re-checking the earlier rectification")
    reason = _("Follow-up re-check")
    aspect = Aspect.objects.filter(inspection=follow_up, title=heading).first()
    if aspect is None:
        aspect = add_aspect(follow_up, by=by, title=heading, correction_reason=reason)
    tag = _("[Rebound]") if verdict == Verdict.REBOUND else _("[Not rectified]")
    source = _("Re-checked from %(inspection)s, problem %(problem)s.") % {
        "inspection": earlier.inspection.title,
        "problem": str(earlier),
    }
    return add_problem(
        follow_up,
        by=by,
        aspect=aspect,
        item=None,
        title=f"{tag}{earlier.title}"[:1000],
        text=f"{note}\n{source}",
        organisation=earlier.organisation,
        correction_reason=reason,
    )
