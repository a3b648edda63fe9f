"""Permission-scoped reads: schemes, appraisals and the ranked table of a scheme."""

from dataclasses import dataclass

from xuncha.accounts.permissions import Action, restrict
from xuncha.appraisal.enums import AppraisalGrade, AppraisalStatus
from xuncha.appraisal.models import Appraisal, AppraisalScheme, AppraisalScore


def schemes_for_user(user, action: Action = Action.VIEW):
    return restrict(AppraisalScheme.objects.select_related("owner"), user, action)


def appraisals_for_user(user, action: Action = Action.VIEW):
    return restrict(Appraisal.objects.select_related("scheme__owner", "subject"), user, action)


@dataclass
class Row:
    """One subject of the ranked table: its appraisal (None when not started), its rank (None
    unless signed off), its total and grade (signed off: as signed; a draft: as scored so far)."""

    subject: object
    appraisal: Appraisal | None
    rank: int | None
    total: object
    grade: str
    unscored: int = 0

    @property
    def grade_label(self):
        return AppraisalGrade(self.grade).label if self.grade else ""


def ranked(scheme, appraisals) -> list[Row]:
    """All the scheme's subjects: the signed-off appraisals by the total they were signed off
    with, highest first, equal totals sharing a rank (1, 2, 2, 4); then the drafts (not ranked:
    their total is not final) and the subjects not appraised yet. Three queries whatever the
    number of subjects."""
    from xuncha.appraisal.scoring import result, sections_of
    from xuncha.appraisal.subjects import subjects_of

    sections = sections_of(scheme)
    rows = {a.subject_id: a for a in appraisals.filter(scheme=scheme)}
    scores: dict[int, list] = {}
    for score in AppraisalScore.objects.filter(appraisal__in=[a.pk for a in rows.values()]):
        scores.setdefault(score.appraisal_id, []).append(score)
    signed, drafts, missing = [], [], []
    for subject in subjects_of(scheme.owner):
        appraisal = rows.pop(subject.pk, None)
        if appraisal is None:
            missing.append(Row(subject, None, None, None, ""))
        elif appraisal.status == AppraisalStatus.SIGNED_OFF:
            signed.append(Row(subject, appraisal, None, appraisal.signed_total, appraisal.signed_grade))
        else:
            worked = result(appraisal, sections, scores.get(appraisal.pk, []))
            drafts.append(Row(subject, appraisal, None, worked.total, scheme.grade_for(worked.total),
                              worked.unscored))
    signed.sort(key=lambda r: -r.total)
    previous, rank = None, 0
    for n, row in enumerate(signed, start=1):
        if row.total != previous:
            rank, previous = n, row.total
        row.rank = rank
    return signed + drafts + missing
