"""Surveys («анкетирование»): questionnaires as data, their rounds and the personal links.

The models name the app's people, pairs and organisations by string only: ``models/`` imports
this module, so importing it back would make a cycle between the two packages.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..inline_panel import InlinePanel
from .mixins import organization_link


class Survey(ClusterableModel):
    class Stage(models.TextChoices):
        SATISFACTION = "satisfaction", _("Satisfaction with the programme")
        GROWTH_START = "growth_start", _("Growth evaluation at the start")
        GROWTH_END = "growth_end", _("Growth evaluation at the end")

    class Audience(models.TextChoices):
        MENTORS = "mentors", _("Mentors")
        MENTEES = "mentees", _("Mentees")
        REPRESENTATIVES = "representatives", _("Mentees' legal representatives")

    title = models.CharField(_("title"), max_length=255)
    stage = models.CharField(_("monitoring stage"), max_length=16, choices=Stage.choices)
    audience = models.CharField(_("who answers"), max_length=16, choices=Audience.choices)
    description = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the questions.")
    )
    active = models.BooleanField(_("in use"), default=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("stage"), FieldPanel("audience")]),
        FieldPanel("description"),
        FieldPanel("active"),
        InlinePanel("questions", heading=_("Questions"), label=_("Question"), min_num=1),
    ]

    class Meta:
        ordering = ["stage", "audience", "title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title


class SurveyQuestion(Orderable):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale from 1 to 10")
        CHOICE = "choice", _("One choice")
        CHOICES = "choices", _("Several choices")
        TEXT = "text", pgettext_lazy("question kind", "Text")

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SCALE)
    text = models.CharField(_("question"), max_length=500)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One choice a line, for questions with choices.")
    )
    required = models.BooleanField(_("answer required"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("text"),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SurveyRound(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="rounds"
    )
    organization = organization_link()
    pairs = models.ManyToManyField(
        "wagtail_mentorship.MentorshipPair",
        verbose_name=_("pairs and groups"),
        related_name="survey_rounds",
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")

    def __str__(self):
        return f"{self.survey} ({self.opens_on:%d.%m.%Y}–{self.closes_on:%d.%m.%Y})"

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class SurveyInvitation(models.Model):
    """One participant's personal link to a round: only the hash of its token is kept."""

    round = models.ForeignKey(
        SurveyRound, verbose_name=_("survey round"), on_delete=models.CASCADE,
        related_name="invitations",
    )  # fmt: skip
    pair = models.ForeignKey(
        "wagtail_mentorship.MentorshipPair",
        verbose_name=_("pair or group"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    mentor = models.ForeignKey(
        "wagtail_mentorship.Mentor",
        verbose_name=_("mentor"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    mentee = models.ForeignKey(
        "wagtail_mentorship.Mentee",
        verbose_name=_("mentee"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    by_representative = models.BooleanField(
        _("answered by the legal representative"), default=False
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("link expires"))
    submitted_at = models.DateTimeField(_("answered"), null=True, blank=True)
    updated_at = models.DateTimeField(_("answers changed"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mentor__isnull=False, mentee__isnull=True)
                | models.Q(mentor__isnull=True, mentee__isnull=False),
                name="wagtail_mentorship_survey_invitation_one_person",
            ),
        ]

    def __str__(self):
        return str(self.participant)

    @property
    def participant(self):
        return self.mentor or self.mentee

    @property
    def email(self) -> str:
        if self.mentor_id:
            return self.mentor.email
        return self.mentee.representative_email if self.by_representative else self.mentee.email


class SurveyAnswer(models.Model):
    invitation = models.ForeignKey(
        SurveyInvitation, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(_("answer"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "question"],
                name="wagtail_mentorship_one_answer_per_question",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"
