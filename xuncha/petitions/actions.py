"""The petition and immediate-fix workflows' steps, each declared once (see
`xuncha.workflow.actions`):

petition  received ──to clue | to finding | to fix | refuse──▶ triaged ──conclude (reply)──▶ concluded
fix       (hand over, from an inspection or a petition's triage) open ──record result──▶ done
          ──answer the reporter (only a fix that came from a petition; only the casework)──▶ answered

Who may take them is the app's rules (`may_triage`, `may_hand_over_fix`, `may_record_fix_result`,
`may_answer_reporter`); the domain functions check the declaration under their row locks.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.accounts.enums import Role
from xuncha.petitions.enums import FixStatus, PetitionStatus
from xuncha.petitions.rules import may_answer_reporter, may_hand_over_fix, may_record_fix_result, may_triage
from xuncha.workflow import handoff
from xuncha.workflow.actions import Action, declare, unless

PETITION = "petitions.Petition"
FIX = "petitions.ImmediateFix"
INSPECTION = "inspections.Inspection"
OFFICE, UNIT = Role.OFFICE.value, Role.RESPONSIBLE_UNIT.value


def _triageable(petition) -> str | None:
    return unless(petition.status == PetitionStatus.RECEIVED, gettext("This petition has already been triaged."))


def _concludable(petition) -> str | None:
    if petition.status == PetitionStatus.RECEIVED:
        return gettext("Triage the petition before concluding it.")
    return unless(petition.status == PetitionStatus.TRIAGED, gettext("This petition has already been concluded."))


def _open_inspection(inspection) -> str | None:
    return unless(inspection.archived_at is None, gettext("This inspection has been archived."))


def _fixable(fix) -> str | None:
    return unless(fix.status == FixStatus.OPEN, gettext("The result of this fix has already been recorded."))


def _answerable(fix) -> str | None:
    if fix.petition_id is None:
        return gettext("This fix came from no petition: there is no reporter to answer.")
    if fix.status != FixStatus.DONE:
        return gettext("Answer the reporter once the fix is done.")
    return unless(fix.answered_on is None, gettext("The reporter has already been answered."))


def _d():
    from xuncha.petitions import domain

    return domain


def _organisation(by, inspection, value):
    """The unit named by the step's input, in the caller's scope and under the inspecting
    committee (an id from the API, an organisation from the page's form)."""
    from xuncha.orgs.models import Organisation
    from xuncha.orgs.queries import organisations_for_user

    pk = value.pk if isinstance(value, Organisation) else value
    if pk is None or isinstance(pk, bool) or not isinstance(pk, int):
        return None
    scope = Organisation.objects.active() if getattr(by, "pk", None) is None else organisations_for_user(by)
    return scope.filter(pk=pk, path__startswith=inspection.term.owner.path).first()


def _to_fix(petition, by, d):
    return _d().triage_to_fix(
        petition, by=by, organisation=_organisation(by, petition.inspection, d.get("organisation")),
        description=d.get("description", ""), handed_over_on=d.get("handed_over_on"), deadline=d.get("deadline"),
    )


def _hand_over(inspection, by, d):
    return _d().hand_over_fix(
        inspection, by=by, organisation=_organisation(by, inspection, d.get("organisation")),
        description=d.get("description", ""), handed_over_on=d.get("handed_over_on"), deadline=d.get("deadline"),
    )


def _to_finding(petition, by, d):
    from xuncha.findings.models import Category

    category = d.get("category")
    if category is not None and not isinstance(category, Category):
        category = Category.objects.active().filter(pk=category).first() if isinstance(category, int) else None
    return _d().triage_to_finding(
        petition, by=by, text=d.get("text", ""), category=category,
        organisation=_organisation(by, petition.inspection, d.get("organisation")),
    )


def _to_clue(petition, by, d):
    persons = d.get("persons")
    if persons is None:
        persons = [{"name": d.get("person_name", ""), "rank": d.get("person_rank", ""),
                    "position": d.get("person_position", "")}]
    return _d().triage_to_clue(
        petition, by=by, allegation=d.get("allegation", ""), persons=persons, received_on=d.get("received_on"),
    )


# petitions
declare(Action(
    "petition.to_clue", _("Make it a clue"), PETITION, _triageable, may_triage, "petitions.petition.triaged",
    next_actor=OFFICE,  # the clue is signed twice and transferred
    perform=_to_clue,
))
declare(Action(
    "petition.to_finding", _("Record as a finding"), PETITION, _triageable, may_triage,
    "petitions.petition.triaged", next_actor=OFFICE, style="secondary",
    perform=_to_finding,
))
declare(Action(
    "petition.to_fix", _("Hand over as an immediate fix"), PETITION, _triageable, may_triage,
    "petitions.petition.triaged", next_actor=UNIT, style="secondary",
    perform=_to_fix,
))
declare(Action(
    "petition.refuse", _("Not accepted"), PETITION, _triageable, may_triage, "petitions.petition.triaged",
    next_actor=OFFICE, requires=("reason",), style="danger",  # the reporter is still told why
    perform=lambda o, by, d: _d().refuse_petition(o, by=by, reason=d.get("reason", "")),
))
declare(Action(
    "petition.conclude", _("Reply and conclude"), PETITION, _concludable, may_triage,
    "petitions.petition.concluded", requires=("reply",),
    perform=lambda o, by, d: _d().conclude_petition(o, by=by, reply=d.get("reply", ""), on=d.get("on")),
))

# immediate fixes
declare(Action(
    "inspection.hand_over_fix", _("Hand over an immediate fix"), INSPECTION, _open_inspection, may_hand_over_fix,
    "petitions.fix.handed_over", next_actor=UNIT, style="secondary",
    perform=_hand_over,
))
declare(Action(
    "fix.record_result", _("Record the result"), FIX, _fixable, may_record_fix_result, "petitions.fix.done",
    next_actor=OFFICE,  # the casework answers the reporter
    perform=lambda o, by, d: _d().record_fix_result(o, by=by, result=d.get("result", ""), on=d.get("on")),
))
declare(Action(
    "fix.answer", _("Answer the reporter"), FIX, _answerable, may_answer_reporter, "petitions.fix.answered",
    requires=("answer",),
    perform=lambda o, by, d: _d().answer_reporter(o, by=by, answer=d.get("answer", ""), on=d.get("on")),
))

# where a hand-off leads (xuncha.workflow.handoff)
handoff.page(PETITION, lambda p: reverse("petitions:detail", args=[p.pk]), name=str)
handoff.page(FIX, lambda f: reverse("petitions:fix", args=[f.pk]))
