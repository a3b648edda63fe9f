from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")

    @classmethod
    def editable_states(cls) -> set[str]:
        return {cls.DRAFT, cls.RETURNED}


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    BASICALLY_DONE = "basically_done", _("Basically done")
    DONE = "done", _("Done")
    ONGOING = "ongoing", _("Ongoing")
    # Imported from a published report that states no status for it (seed 001): left out of
    # the rates and shown as such, never counted as not done.
    NOT_STATED = "not_stated", _("Status not stated")

    @classmethod
    def sign_off_states(cls) -> set[str]:
        """Measures that go through sign-off (销号)."""
        return {cls.DONE, cls.ONGOING}

    @classmethod
    def reported_choices(cls) -> list[tuple[str, str]]:
        """The statuses a progress report may give: every one but "not stated", which only an
        import of a published report sets."""
        return [(value, label) for value, label in cls.choices if value != cls.NOT_STATED]


# Progress reports move a measure only along these edges; a return or a reopening sends a
# done or ongoing measure back to in_progress (see domain.return_sign_off, reopen_problem).
MEASURE_TRANSITIONS: dict[str, set[str]] = {
    MeasureStatus.NOT_STARTED: {
        MeasureStatus.IN_PROGRESS,
        MeasureStatus.BASICALLY_DONE,
        MeasureStatus.DONE,
        MeasureStatus.ONGOING,
    },
    MeasureStatus.IN_PROGRESS: {MeasureStatus.BASICALLY_DONE, MeasureStatus.DONE, MeasureStatus.ONGOING},
    MeasureStatus.BASICALLY_DONE: {MeasureStatus.IN_PROGRESS, MeasureStatus.DONE},
    MeasureStatus.DONE: set(),
    MeasureStatus.ONGOING: set(),
    # an imported measure whose status the report did not state: the first progress report states it
    MeasureStatus.NOT_STATED: {
        MeasureStatus.IN_PROGRESS,
        MeasureStatus.BASICALLY_DONE,
        MeasureStatus.DONE,
        MeasureStatus.ONGOING,
    },
}


class SignOff(models.TextChoices):
    """A measure's sign-off state (销号情况). Its own words, so that a returned sign-off does not
    read like a returned plan and a request does not read like the button that makes it."""

    NONE = "", pgettext_lazy("sign-off state", "Not requested")
    REQUESTED = "requested", pgettext_lazy("sign-off state", "Sign-off requested")
    APPROVED = "approved", _("Signed off")
    RETURNED = "returned", pgettext_lazy("sign-off state", "Returned")


class ProblemStatus(models.TextChoices):
    """Derived, never typed (DOMAIN.md, status rules)."""

    DONE = "done", _("Done")
    BASICALLY_DONE = "basically_done", _("Basically done")
    NOT_DONE = "not_done", _("Not done")
    NOT_STATED = "not_stated", _("Status not stated")  # imported without a stated status: out of the rates


class ChangeStatus(models.TextChoices):
    """A request to change an approved measure's commitment (延期 and the like)."""

    PENDING = "pending", _("Awaiting decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class FlagKind(models.TextChoices):
    PERFUNCTORY = "perfunctory", _("Perfunctory rectification")
    FALSE = "false", _("False rectification")


class ReviewerBody(models.TextChoices):
    """The two reviewers of a joint review (三方联审) besides the office."""

    DISCIPLINE = "discipline", _("Discipline commission")
    ORGANISATION = "organisation", _("Organisation department")


class JointDecision(models.TextChoices):
    """A reviewing body's decision in a joint review."""

    APPROVED = "approved", _("Approved (joint review)")
    RETURNED = "returned", _("Returned (joint review)")
