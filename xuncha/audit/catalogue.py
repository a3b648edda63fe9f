"""Every audit event type, declared once (see `xuncha/audit/events.py`).

Grouped by the app that writes them. `objects` names the records an event may be about;
`confidential` marks events about clues, petitions and reporters (confidential case material:
the log names those records by type and number only). A new `record_event` code is declared
here first; `tests/audit/test_events.py` fails on any code in the source that is not.
"""

from django.utils.translation import gettext_lazy as _

from xuncha.audit.events import declare

# accounts
declare("accounts.user.created", _("User account created"), objects="accounts.user")
declare("accounts.user.activated", _("User account activated"), objects="accounts.user")
declare("accounts.user.deactivated", _("User account deactivated"), objects="accounts.user")
declare("accounts.user.password_reset", _("Password reset"), objects="accounts.user")
declare("accounts.user.password_changed", _("Password changed"), objects="accounts.user")
declare("accounts.user.roles_restored", _("Roles restored"), objects="accounts.user")
declare("accounts.user.person_linked", _("Account linked to a person"), objects="accounts.user")
declare("accounts.grant.created", _("Role granted"), objects="accounts.rolegrant")
declare("accounts.grant.revoked", _("Role revoked"), objects="accounts.rolegrant")
declare("accounts.login.succeeded", _("Logged in"), objects="accounts.user")
declare("accounts.login.failed", _("Login failed"))
declare("accounts.login.locked_out", _("Login locked out"))
declare("accounts.logout", _("Logged out"), objects="accounts.user")
declare("accounts.token.created", _("API token created"), objects="accounts.apitoken")
declare("accounts.token.revoked", _("API token revoked"), objects="accounts.apitoken")

# orgs
declare("orgs.organisation.created", _("Organisation created"), objects="orgs.organisation")
declare("orgs.organisation.updated", _("Organisation edited"), objects="orgs.organisation")
declare("orgs.organisation.moved", _("Organisation moved"), objects="orgs.organisation")
declare("orgs.organisation.archived", _("Organisation archived"), objects="orgs.organisation")

# people
declare("people.person.created", _("Person added"), objects="people.person")
declare("people.person.updated", _("Person edited"), objects="people.person")
declare("people.person.archived", _("Person archived"), objects="people.person")
declare("people.employment.added", _("Work history added"), objects="people.person")
declare("people.relative.added", _("Close relative added"), objects="people.person")

# plans
declare("plans.term.created", _("Term plan created"), objects="plans.term")
declare("plans.scope.changed", _("Term coverage changed"), objects="plans.term")
declare("plans.term.joint_review_set", _("Joint review setting changed"), objects="plans.term")
declare("plans.round.created", _("Round created"), objects="plans.round")
declare("plans.batch.created", _("Batch created"), objects="plans.batch")

# inspections
declare("inspections.inspection.created", _("Inspection created"), objects="inspections.inspection")
declare("inspections.inspection.updated", _("Inspection edited"), objects="inspections.inspection")
declare("inspections.inspection.dates_set", _("Inspection dates set"), objects="inspections.inspection")
declare("inspections.target.added", _("Inspected organisation added"), objects="inspections.inspection")
declare("inspections.indicator.added", _("Indicator added"), objects="inspections.inspection")
declare("inspections.indicator.reading", _("Indicator reading recorded"), objects="inspections.inspection")
declare("inspections.request.sent", _("Information request sent"), objects="inspections.inspection")
declare("inspections.request.replied", _("Information request answered"), objects="inspections.inspection")

# followup (回头看)
declare("followup.inspection.created", _("Follow-up inspection started"), objects="inspections.inspection")
declare("followup.recheck.recorded", _("Re-check verdict recorded"), objects="inspections.inspection")

# staffing
declare("staffing.member.assigned", _("Team member assigned"), objects="staffing.teammember")
declare("staffing.member.recusal_overridden", _("Recusal conflict overridden"), objects="staffing.teammember")
declare("staffing.member.removed", _("Team member removed"), objects="staffing.teammember")
declare("staffing.member.evaluated", _("Team member evaluated"), objects="staffing.teammember")
declare("staffing.team.appraised", _("Team appraised"), objects="inspections.inspection")
declare("staffing.pool.created", _("Talent pool created"), objects="staffing.talentpool")
declare("staffing.pool.member_added", _("Added to talent pool"), objects="staffing.talentpool")

# findings
declare("findings.feedback.corrected", _("Feedback corrected"), objects="inspections.inspection")
declare("findings.finding.recorded", _("Finding recorded"), objects="findings.finding")
declare("findings.aspect.added", _("Aspect added"), objects="inspections.inspection")
declare("findings.item.added", _("Item added"), objects="inspections.inspection")
declare("findings.problem.added", _("Problem added"), objects="inspections.inspection")
declare("findings.problem.updated", _("Problem edited"), objects="inspections.inspection")
declare("findings.aspect.updated", _("Aspect edited"), objects="inspections.inspection")
declare("findings.item.updated", _("Item edited"), objects="inspections.inspection")
declare("findings.aspect.moved", _("Aspect moved"), objects="inspections.inspection")
declare("findings.item.moved", _("Item moved"), objects="inspections.inspection")
declare("findings.problem.moved", _("Problem moved"), objects="inspections.inspection")
declare("findings.aspect.deleted", _("Aspect deleted"), objects="inspections.inspection")
declare("findings.item.deleted", _("Item deleted"), objects="inspections.inspection")
declare("findings.problem.deleted", _("Problem deleted"), objects="inspections.inspection")
declare("findings.feedback.pasted", _("Feedback built from pasted text"), objects="inspections.inspection")
declare("findings.correction.opened", _("Feedback correction opened"), objects="inspections.inspection")
declare("findings.correction.discarded", _("Feedback correction discarded"), objects="inspections.inspection")

# common problems (共性问题, 未巡先改) and rebounds at entry
declare("common.list.created", _("Common-problem list created"), objects="common.commonlist")
declare("common.category.added", _("Common-problem category added"), objects="common.commonlist")
declare("common.items.added", _("Common problems added"), objects="common.commonlist")
declare("common.problem.marked", _("Problem marked as common"), objects="common.commonlist")
declare("common.problem.unmarked", _("Problem unmarked as common"), objects="common.commonlist")
declare("common.list.published", _("Common-problem list published"), objects="common.commonlist")
declare("common.selfcheck.recorded", _("Self-check recorded"), objects="common.commonlist")
declare("common.rebound.linked", _("Linked as a rebound"), objects="inspections.inspection")

# clues
declare("clues.clue.received", _("Clue received"), objects="clues.clue", confidential=True)
declare("clues.clue.signed", _("Clue signed"), objects="clues.clue", confidential=True)
declare("clues.clue.dual_signed", _("Clue countersigned"), objects="clues.clue", confidential=True)
declare("clues.clue.transferred", _("Clue transferred"), objects="clues.clue", confidential=True)
declare("clues.clue.acknowledged", _("Clue receipt acknowledged"), objects="clues.clue", confidential=True)
declare("clues.clue.handling_recorded", _("Clue handling recorded"), objects="clues.clue", confidential=True)
declare("clues.clue.concluded", _("Clue concluded"), objects="clues.clue", confidential=True)
declare("clues.clue.reported_back", _("Clue result reported back"), objects="clues.clue", confidential=True)
declare("clues.clue.outcome_recorded", _("Outcome recorded"), objects="clues.clue", confidential=True)
declare("clues.clue.viewed", _("Clue viewed"), objects="clues.clue", confidential=True)
declare("clues.clue.listed", _("Clue listed"), objects="clues.clue", confidential=True)
declare("clues.clue.exported", _("Clue exported"), objects="clues.clue", confidential=True)

# 码上巡 (the public channel)
declare("public.pages.published", _("码上巡 pages published"), objects="inspections.inspection")
declare("public.page.withdrawn", _("码上巡 page withdrawn"), objects="public.publicpage")
declare(
    "public.report.taken_in", _("Public report taken into the petition intake"), objects="petitions.petition",
    confidential=True,
)

# evaluation (整改效果评价)
declare("evaluation.scheme.created", _("Evaluation scheme created"), objects="evaluation.scheme")
declare("evaluation.scheme.changed", _("Evaluation scheme changed"), objects="evaluation.scheme")
declare("evaluation.scheme.versioned", _("Evaluation scheme copied as a new version"), objects="evaluation.scheme")
declare("evaluation.evaluation.created", _("Evaluation started"), objects="evaluation.evaluation")
declare("evaluation.evaluation.scored", _("Evaluation scored"), objects="evaluation.evaluation")
declare("evaluation.evaluation.submitted", _("Evaluation submitted for sign-off"), objects="evaluation.evaluation")
declare("evaluation.evaluation.returned", _("Evaluation returned to draft"), objects="evaluation.evaluation")
declare("evaluation.evaluation.signed_off", _("Evaluation signed off"), objects="evaluation.evaluation")
declare(
    "evaluation.evaluation.consequence_ordered",
    _("Consequence of an evaluation ordered"),
    objects="evaluation.evaluation",
)
declare("evaluation.term.exported", _("Evaluation table exported"), objects="plans.term")

# appraisal of lower offices (区(市)党委巡察工作考评)
declare("appraisal.scheme.created", _("Appraisal scheme created"), objects="appraisal.appraisalscheme")
declare("appraisal.scheme.changed", _("Appraisal scheme changed"), objects="appraisal.appraisalscheme")
declare("appraisal.scheme.exported", _("Appraisal table exported"), objects="appraisal.appraisalscheme")
declare("appraisal.appraisal.created", _("Appraisal started"), objects="appraisal.appraisal")
declare("appraisal.appraisal.scored", _("Appraisal item scored"), objects="appraisal.appraisal")
declare("appraisal.appraisal.signed_off", _("Appraisal signed off"), objects="appraisal.appraisal")
declare("appraisal.appraisal.reopened", _("Appraisal reopened"), objects="appraisal.appraisal")

# surveys (questionnaires of the 码上巡 channel)
declare("surveys.questionnaire.created", _("Questionnaire created"), objects="surveys.questionnaire")
declare("surveys.questionnaire.changed", _("Questionnaire's questions changed"), objects="surveys.questionnaire")
declare("surveys.questionnaire.versioned", _("Questionnaire copied as a new version"), objects="surveys.questionnaire")
declare("surveys.questionnaire.exported", _("Questionnaire figures exported"), objects="surveys.questionnaire")
declare("surveys.window.opened", _("Questionnaire opened on a 码上巡 page"), objects="surveys.window")
declare("surveys.window.closed", _("Questionnaire closed on a 码上巡 page"), objects="surveys.window")
declare("surveys.window.exported", _("Questionnaire figures exported"), objects="surveys.window")
declare("surveys.window.texts_read", _("Free-text answers read"), objects="surveys.window")

# petitions
declare("petitions.petition.received", _("Petition received"), objects="petitions.petition", confidential=True)
declare("petitions.petition.triaged", _("Petition triaged"), objects="petitions.petition", confidential=True)
declare("petitions.petition.concluded", _("Petition concluded"), objects="petitions.petition", confidential=True)
declare("petitions.petition.viewed", _("Petition viewed"), objects="petitions.petition", confidential=True)
declare("petitions.petition.listed", _("Petition listed"), objects="petitions.petition", confidential=True)
declare("petitions.petition.exported", _("Petition exported"), objects="petitions.petition", confidential=True)
declare("petitions.identity.revealed", _("Reporter identity revealed"), objects="petitions.petition", confidential=True)
declare(
    "petitions.identity.reveal_failed",
    _("Reporter identity could not be opened"),
    objects="petitions.petition",
    confidential=True,
)
declare(
    "petitions.fix.handed_over", _("Immediate fix handed over"), objects="petitions.immediatefix", confidential=True
)
declare("petitions.fix.done", _("Immediate fix done"), objects="petitions.immediatefix", confidential=True)
declare("petitions.fix.answered", _("Immediate fix answered"), objects="petitions.immediatefix", confidential=True)

# rectification
declare("rectification.plan.started", _("Rectification plan started"), objects="rectification.plan")
declare("rectification.plan.submitted", _("Rectification plan submitted"), objects="rectification.plan")
declare("rectification.plan.returned", _("Rectification plan returned"), objects="rectification.plan")
declare("rectification.plan.joint_signed", _("Rectification plan jointly reviewed"), objects="rectification.plan")
declare(
    "rectification.plan.joint_returned", _("Rectification plan returned in the joint review"),
    objects="rectification.plan",
)
declare("rectification.plan.approved", _("Rectification plan approved"), objects="rectification.plan")
declare("rectification.measure.added", _("Measure added"), objects="rectification.measure")
declare("rectification.measure.updated", _("Measure edited"), objects="rectification.measure")
declare("rectification.measure.progress", _("Measure progress reported"), objects="rectification.measure")
declare("rectification.measure.sign_off_requested", _("Sign-off requested"), objects="rectification.measure")
declare("rectification.measure.signed_off", _("Measure signed off"), objects="rectification.measure")
declare("rectification.measure.sign_off_returned", _("Sign-off returned"), objects="rectification.measure")
declare(
    "rectification.measure.joint_signed", _("Sign-off approved in the joint review"), objects="rectification.measure"
)
declare(
    "rectification.measure.joint_returned", _("Sign-off returned in the joint review"), objects="rectification.measure"
)
declare("rectification.measure.change_requested", _("Change of commitment requested"), objects="rectification.measure")
declare("rectification.measure.change_approved", _("Change of commitment approved"), objects="rectification.measure")
declare("rectification.measure.change_refused", _("Change of commitment refused"), objects="rectification.measure")
declare("rectification.flag.raised", _("Red card raised"), objects="rectification.flag")
declare("rectification.flag.cleared", _("Red card cleared"), objects="rectification.flag")
declare("rectification.problem.reopened", _("Problem reopened"), objects="inspections.inspection")
declare("rectification.regulation.recorded", _("Regulation recorded"), objects="rectification.measure")

# ledger
declare("ledger.inspection.exported", _("Inspection ledger exported"), objects="inspections.inspection")
declare("ledger.term.exported", _("Term ledger exported"), objects="plans.term")
declare("ledger.import.applied", _("Ledger import applied"), objects="inspections.inspection")
declare("ledger.import.refused", _("Ledger import refused"), objects="inspections.inspection")
declare("ledger.job.started", _("Ledger job started"), objects="ledger.ledgerjob")
declare("ledger.job.cancelled", _("Ledger job cancelled"), objects="ledger.ledgerjob")
declare("ledger.job.lost", _("Ledger job failed: its worker stopped"), objects="ledger.ledgerjob")

# reports
declare("reports.report.imported", _("Rectification report imported"), objects="rectification.plan")
declare("reports.draft.saved", _("Report draft saved"), objects="rectification.plan")
declare("reports.upload.corrected", _("Uploaded report's text corrected"), objects="reports.reportupload")
declare("reports.explanation.saved", _("Explanation of an unfinished problem saved"), objects="findings.problem")
declare("reports.stated_figure.chosen", _("Figure to print in the report chosen"), objects="reports.statedfigure")
declare("reports.draft.persons_listed", _("People named in the report chosen"), objects="reports.reportdraft")

# supervision
declare(
    "supervision.settings.changed",
    _("Supervision document settings changed"),
    objects="supervision.supervisionsettings",
)
declare("supervision.ladder.changed", _("Warning ladder changed"), objects="plans.term")
declare("supervision.warning.raised", _("Deadline warning raised"), objects="supervision.measurewarning")
declare("supervision.notification.read", _("Notification read"), objects="supervision.notification")
declare("supervision.notification.all_read", _("All notifications read"))
declare("supervision.notification.email_chosen", _("Notification e-mail setting changed"), objects="accounts.user")
declare("supervision.document.drafted", _("Supervision document drafted"), objects="supervision.supervisiondocument")
declare("supervision.document.edited", _("Supervision document edited"), objects="supervision.supervisiondocument")
declare("supervision.document.issued", _("Supervision document issued"), objects="supervision.supervisiondocument")
declare("supervision.document.answered", _("Supervision document answered"), objects="supervision.supervisiondocument")
declare(
    "supervision.document.answer_returned",
    _("Supervision document answer returned"),
    objects="supervision.supervisiondocument",
)
declare("supervision.document.closed", _("Supervision document closed"), objects="supervision.supervisiondocument")
declare(
    "supervision.document.discarded", _("Supervision document discarded"), objects="supervision.supervisiondocument"
)
declare("supervision.interview.recorded", _("Interview recorded"), objects="supervision.interview")
declare("supervision.interview.updated", _("Interview edited"), objects="supervision.interview")
declare(
    "supervision.accountability.recorded", _("Person held accountable recorded"), objects="supervision.accountability"
)

# use of results (results): the register of 专题报告, 要情专报, 抄告单, 提醒函, 巡后情况通报
RESULT = "results.resultdocument"
declare("results.document.drafted", _("Results-use document drafted"), objects=RESULT)
declare("results.document.edited", _("Results-use document edited"), objects=RESULT)
declare("results.document.issued", _("Results-use document issued"), objects=RESULT)
declare("results.document.replied", _("Results-use document replied to"), objects=RESULT)
declare("results.document.discarded", _("Results-use document discarded"), objects=RESULT)

# meetings (会议) and their follow-up items
declare("meetings.meeting.recorded", _("Meeting recorded"), objects="meetings.meeting")
declare("meetings.meeting.updated", _("Meeting record corrected"), objects="meetings.meeting")
declare("meetings.agenda_item.added", _("Agenda item and decision added"), objects="meetings.meeting")
declare("meetings.followup.sent", _("Follow-up item sent"), objects="meetings.followupitem")
declare("meetings.followup.completed", _("Follow-up item done"), objects="meetings.followupitem")
declare("meetings.followup.escalated", _("Overdue follow-up item escalated"), objects="meetings.followupitem")

# two-factor login (accounts/twofactor)
declare("accounts.two_factor.enrolled", _("Two-factor login set up"), objects="accounts.user")
declare("accounts.two_factor.verified", _("Second factor accepted"), objects="accounts.user")
declare("accounts.two_factor.failed", _("Wrong second-factor code"), objects="accounts.user")
declare("accounts.two_factor.locked_out", _("Second factor locked out"), objects="accounts.user")
declare("accounts.two_factor.refused_locked", _("Second factor refused while locked"), objects="accounts.user")
declare("accounts.two_factor.recovery_codes_renewed", _("Recovery codes renewed"), objects="accounts.user")
declare("accounts.two_factor.removed", _("Two-factor login turned off by its holder"), objects="accounts.user")
declare("accounts.two_factor.reset", _("Two-factor login reset"), objects="accounts.user")

# talks and visits (谈话、走访): as confidential as clues
declare("talks.plan_item.added", _("Talk plan item added"), objects="inspections.inspection")
declare("talks.talk.recorded", _("Talk recorded"), objects="talks.talk", confidential=True)
declare("talks.talk.edited", _("Talk record edited"), objects="talks.talk", confidential=True)
declare("talks.talk.archived", _("Talk record archived"), objects="talks.talk", confidential=True)
declare("talks.talk.listed", _("Talk record listed"), objects="talks.talk", confidential=True)
declare("talks.talk.viewed", _("Talk record viewed"), objects="talks.talk", confidential=True)
declare("talks.talk.exported", _("Talk records exported"), objects="talks.talk", confidential=True)

# campaigns (联动巡察)
declare("campaigns.campaign.created", _("Campaign created"), objects="campaigns.campaign")
declare("campaigns.campaign.edited", _("Campaign edited"), objects="campaigns.campaign")
declare("campaigns.campaign.inspection_added", _("Inspection added to a campaign"), objects="campaigns.campaign")
declare("campaigns.campaign.inspection_removed", _("Inspection taken out of a campaign"), objects="campaigns.campaign")

# typical cases (典型案例)
declare("cases.case.drafted", _("Typical case drafted"), objects="cases.typicalcase")
declare("cases.case.edited", _("Typical case edited"), objects="cases.typicalcase")
declare("cases.case.published", _("Typical case published"), objects="cases.typicalcase")
declare("cases.case.used", _("Typical case used in warning education"), objects="cases.typicalcase")
declare("cases.case.archived", _("Typical case archived"), objects="cases.typicalcase")
