"""Writes to typical cases: drafting one from a feedback problem or a concluded clue, editing
it, publishing it for warning education, recording its uses, archiving it. Every text of a case
passes the redaction rule (`xuncha.cases.redaction`) on every save; the audit log names no one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.audit.lifecycle import archive, save_versioned
from xuncha.cases.enums import CaseSource, CaseStatus
from xuncha.cases.models import CaseUse, Tag, TypicalCase
from xuncha.cases.redaction import redactor
from xuncha.workflow import actions

TEXTS = ("title", "summary", "lesson")


def _tags(names) -> list[Tag]:
    cleaned = []
    for name in names or ():
        name = str(name).strip()[:40]
        if name and name not in cleaned:
            cleaned.append(name)
    return [Tag.objects.get_or_create(name=name)[0] for name in cleaned]


def _draft_text_of_problem(problem) -> tuple[str, str]:
    title = problem.title.strip()
    summary = "\n".join(part for part in (problem.title.strip(), problem.text.strip()) if part)
    return title[:200], summary


def _draft_text_of_clue(clue) -> tuple[str, str]:
    with translation.override("zh-hans"):  # the case's text is a document's, in Chinese whoever drafts it
        return _clue_text(clue)


def _clue_text(clue) -> tuple[str, str]:
    outcomes = [
        f"{p.position or ''}{p.name}：{p.get_disposition_display()}" for p in clue.persons.all() if p.disposition
    ]
    summary = clue.allegation.strip()
    if outcomes:
        summary += "\n" + _("Outcome: %(outcomes)s.") % {"outcomes": "；".join(outcomes)}
    return clue.allegation.strip()[:200], summary


def draft_from_problem(problem, *, by) -> TypicalCase:
    with transaction.atomic():
        actions.check("problem.draft_case", by, problem)
        title, summary = _draft_text_of_problem(problem)
        return _draft(
            by=by,
            source=CaseSource.PROBLEM,
            inspection=problem.inspection,
            problem=problem,
            title=title,
            summary=summary,
        )


def draft_from_clue(clue, *, by) -> TypicalCase:
    with transaction.atomic():
        actions.check("clue.draft_case", by, clue)
        title, summary = _draft_text_of_clue(clue)
        return _draft(
            by=by, source=CaseSource.CLUE, inspection=clue.inspection, clue=clue, title=title, summary=summary
        )


def _draft(*, by, source, inspection, title, summary, problem=None, clue=None) -> TypicalCase:
    case = TypicalCase(
        term=inspection.term,
        inspection=inspection,
        source=source,
        problem=problem,
        clue=clue,
        created_by=by if getattr(by, "pk", None) else None,
    )
    redact = redactor(case)
    case.title, case.summary = redact(title)[:200], redact(summary)
    case.full_clean()
    case.save()
    record_event("cases.case.drafted", actor=by, obj=case, data={"source": source})
    return case


def edit_case(case: TypicalCase, *, by, version: int, tags=None, **changes) -> TypicalCase:
    with transaction.atomic():
        current = TypicalCase.objects.select_for_update().get(pk=case.pk)
        actions.check("case.edit", by, current)
        redact = redactor(current)
        values = {k: redact((v or "").strip()) for k, v in changes.items() if k in TEXTS}
        if "title" in values and not values["title"]:
            raise ValidationError({"title": _("Give the case a title.")})
        if "summary" in values and not values["summary"]:
            raise ValidationError({"summary": _("Say what happened.")})
        saved = save_versioned(current, expected_version=version, changes=values)
        if tags is not None:
            saved.tags.set(_tags(tags))
        record_event("cases.case.edited", actor=by, obj=saved, data={"fields": sorted(values)})
        return saved


def publish_case(case: TypicalCase, *, by, on=None) -> TypicalCase:
    with transaction.atomic():
        current = TypicalCase.objects.select_for_update().get(pk=case.pk)
        actions.check("case.publish", by, current)
        redact = redactor(current)  # once more: nothing unredacted is ever published
        for name in TEXTS:
            setattr(current, name, redact(getattr(current, name)))
        current.status, current.published_on = CaseStatus.PUBLISHED, on or timezone.localdate()
        current.version += 1
        current.full_clean()
        current.save()
        record_event("cases.case.published", actor=by, obj=current)
        return current


def record_use(case: TypicalCase, *, by, used_on, occasion: str, organisation, attendees: int = 0, note: str = ""):
    with transaction.atomic():
        current = TypicalCase.objects.select_for_update().get(pk=case.pk)
        actions.check("case.record_use", by, current)
        use = CaseUse(
            case=current,
            used_on=used_on,
            occasion=(occasion or "").strip(),
            organisation=organisation,
            attendees=attendees or 0,
            note=(note or "").strip(),
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        use.full_clean()
        use.save()
        record_event("cases.case.used", actor=by, obj=current, data={"use": use.pk, "attendees": use.attendees})
        return use


def archive_case(case: TypicalCase, *, by, reason: str) -> TypicalCase:
    with transaction.atomic():
        current = TypicalCase.objects.select_for_update().get(pk=case.pk)
        actions.check("case.archive", by, current)
        archived = archive(current, by=by, reason=reason)
        record_event("cases.case.archived", actor=by, obj=archived)
        return archived
