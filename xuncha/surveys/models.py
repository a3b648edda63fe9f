"""Questionnaires of the 码上巡 channel (民主测评, satisfaction surveys, 反向测评).

The office builds a questionnaire (usually from a shipped template), then opens it for a window
of dates on the 码上巡 pages of an inspection (one page per inspected organisation). The public
site reads the published tables (Questionnaire, Question, Option, Window) and inserts into the
intake tables (Response, Answer); it never reads a response back: one response per device and
window is enforced by the unique constraint on the device digest (a keyed hash, see
`xuncha.surveys.devices`), never by a look-up.

A questionnaire's questions are frozen once it is opened on any page (a window exists): the
figures must keep meaning what the respondents read, and a person filling the form must not
answer questions that change under them. Changing it then means copying it as a new version.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xuncha.surveys.enums import SCALE_MAX, SCALE_MIN, QuestionKind, QuestionnaireKind


class Questionnaire(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionnaireKind.choices)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the questions."))
    is_template = models.BooleanField(_("template"), default=False)
    # the office's organisation: its office users edit it; none for the shipped templates
    owner = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_template=True) | Q(owner__isnull=False), name="questionnaire_owned_unless_template"
            ),
        ]

    def __str__(self):
        return self.title if self.version == 1 else f"{self.title} (v{self.version})"

    @property
    def audit_org_path(self) -> str:
        return self.owner.path if self.owner_id else ""

    @property
    def is_frozen(self) -> bool:
        """True once it has been opened on any 码上巡 page (staff side only: the public never asks)."""
        return Window.objects.filter(questionnaire=self).exists()


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveIntegerField(_("order"))
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=True)
    scale_max = models.PositiveSmallIntegerField(_("scale from 1 to"), default=5)
    scale_low_label = models.CharField(_("label of the lowest value"), max_length=40, blank=True)
    scale_high_label = models.CharField(_("label of the highest value"), max_length=40, blank=True)
    # shown only when the answer to an earlier choice question includes this option
    show_if = models.ForeignKey(
        "Option",
        verbose_name=_("shown only if the answer is"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "order"], name="question_order_unique"),
            models.CheckConstraint(
                condition=Q(scale_max__gte=SCALE_MIN) & Q(scale_max__lte=SCALE_MAX), name="question_scale_range"
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in QuestionKind.choice_kinds()

    @property
    def scale_values(self) -> range:
        return range(1, self.scale_max + 1)


class Option(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options")
    order = models.PositiveIntegerField(_("order"))
    text = models.CharField(_("option"), max_length=200)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question_id", "order", "id"]

    def __str__(self):
        return self.text


class Window(models.Model):
    """A questionnaire opened on one 码上巡 page (one inspected organisation) for a span of dates.
    The office may close it before its end (`closed_at`)."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="windows"
    )
    page = models.ForeignKey(
        "public.PublicPage", verbose_name=_("码上巡 page"), on_delete=models.PROTECT, related_name="+"
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("questionnaire window")
        verbose_name_plural = _("questionnaire windows")
        ordering = ["questionnaire_id", "page_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "page"], name="window_unique_per_page"),
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="window_dates_ordered"),
        ]

    def __str__(self):
        return f"{self.questionnaire} · {self.page.organisation_name}"

    @property
    def audit_org_path(self) -> str:
        return self.page.audit_org_path

    def state(self, today=None) -> str:
        """"open", "not_yet" or "closed" (closed early, past its end, or its page withdrawn)."""
        today = today or timezone.localdate()
        if self.closed_at is not None or self.page.withdrawn_at is not None or today > self.closes_on:
            return "closed"
        return "not_yet" if today < self.opens_on else "open"

    def is_open(self, today=None) -> bool:
        return self.state(today) == "open"

    @property
    def ended_on(self):
        """The day the window ended: the day it was closed early, else its last day."""
        if self.closed_at is not None:
            return min(timezone.localdate(self.closed_at), self.closes_on)
        return self.closes_on


class Response(models.Model):
    """One device's answers in one window. Nothing identifying is kept: no address, no browser,
    no time of day (only the date, `submitted_on`: a timestamp would tie a response to whoever
    was seen answering then), and `device_digest`, an HMAC of a random id the site gave the
    device in a signed cookie, keyed per window (two windows' digests of one device cannot be
    linked)."""

    window = models.ForeignKey(
        Window, verbose_name=_("questionnaire window"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    device_digest = models.CharField(_("device digest"), max_length=64)

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        ordering = ["submitted_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["window", "device_digest"], name="response_once_per_device"),
        ]

    def __str__(self):
        return f"#{self.pk}"


class Answer(models.Model):
    """One answer: an option (one row per option chosen in a multiple choice), a scale value, or
    a text. Free text is read only by the office (`rules.may_read_texts`)."""

    response = models.ForeignKey(Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(
        Option, verbose_name=_("option"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response_id", "question_id", "id"]

    def __str__(self):
        return f"#{self.pk}"
