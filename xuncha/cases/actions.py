"""Typical-case steps, each declared once (see `xuncha.workflow.actions`): the committee's office
drafts a case from a feedback problem or from a concluded clue (with at least one person's
outcome), edits and publishes it, records its uses in warning education, and archives it."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.permissions import Action as Permission
from xuncha.accounts.permissions import can
from xuncha.cases.enums import CaseStatus
from xuncha.cases.rules import may_draft_case
from xuncha.workflow.actions import Action, declare

CASE = "cases.TypicalCase"


def _problem_draftable(problem) -> str | None:
    return gettext("This inspection is archived.") if problem.inspection.is_archived else None


def _clue_draftable(clue) -> str | None:
    from xuncha.clues.enums import ClueStatus

    if clue.status != ClueStatus.CONCLUDED:
        return gettext("A case is drawn from a concluded clue.")
    if not any(p.disposition for p in clue.persons.all()):
        return gettext("Record a person's outcome first: a case tells what came of the clue.")
    return None


def _draft(case) -> str | None:
    if case.is_archived:
        return gettext("This case is archived.")
    return None if case.status == CaseStatus.DRAFT else gettext("This case is already published.")


def _published(case) -> str | None:
    if case.is_archived:
        return gettext("This case is archived.")
    return None if case.status == CaseStatus.PUBLISHED else gettext("Publish the case first.")


def _open(case) -> str | None:
    return gettext("This case is archived.") if case.is_archived else None


def _may_keep(user, case) -> bool:
    return can(user, Permission.CHANGE, case)


def _d():
    from xuncha.cases import domain

    return domain


declare(
    Action(
        "problem.draft_case",
        _("Draft a typical case"),
        "findings.Problem",
        _problem_draftable,
        lambda user, problem: may_draft_case(user, problem.inspection),
        "cases.case.drafted",
        style="secondary",
        perform=lambda o, by, d: _d().draft_from_problem(o, by=by),
    )
)
declare(
    Action(
        "clue.draft_case",
        _("Draft a typical case"),
        "clues.Clue",
        _clue_draftable,
        lambda user, clue: may_draft_case(user, clue.inspection),
        "cases.case.drafted",
        style="secondary",
        perform=lambda o, by, d: _d().draft_from_clue(o, by=by),
    )
)
declare(
    Action(
        "case.edit",
        _("Edit"),
        CASE,
        _open,
        _may_keep,
        "cases.case.edited",
        style="secondary",
        perform=lambda o, by, d: _d().edit_case(
            o,
            by=by,
            version=d.get("version", o.version),
            tags=d.get("tags"),
            **{k: v for k, v in d.items() if k in _d().TEXTS},
        ),
    )
)
declare(
    Action(
        "case.publish",
        _("Publish for warning education"),
        CASE,
        _draft,
        _may_keep,
        "cases.case.published",
        perform=lambda o, by, d: _d().publish_case(o, by=by),
    )
)
declare(
    Action(
        "case.record_use",
        _("Record a use in warning education"),
        CASE,
        _published,
        _may_keep,
        "cases.case.used",
        style="secondary",
        perform=lambda o, by, d: _d().record_use(
            o,
            by=by,
            used_on=d.get("used_on"),
            occasion=d.get("occasion", ""),
            organisation=d.get("organisation"),
            attendees=d.get("attendees") or 0,
            note=d.get("note", ""),
        ),
    )
)
declare(
    Action(
        "case.archive",
        _("Archive"),
        CASE,
        _open,
        _may_keep,
        "cases.case.archived",
        requires=("reason",),
        style="danger",
        perform=lambda o, by, d: _d().archive_case(o, by=by, reason=d.get("reason", "")),
    )
)
