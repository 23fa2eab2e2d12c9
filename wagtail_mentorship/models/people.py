"""People of the programme (mentors, mentees) and the reference data they point to:
organisations and mentorship forms."""

import uuid
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from ..access.forms import PersonForm, PortraitInput
from ..access.models import OrganizationTrailMixin
from ..access.photos import sync_published_photo
from ..access.private_documents import PRIVATE_COLLECTION_NAME, is_private_document
from ..access.storage import private_storage
from ..inline_panel import InlinePanel
from ..people import consent
from ..people.consent import ConsentGiver, consent_date_errors, minor_consent_errors
from ..people.identity import one_person_per_organisation
from .mixins import organization_link
from .querysets import MenteeQuerySet, MentorQuerySet


class AbstractPerson(OrganizationTrailMixin, index.Indexed, ClusterableModel):
    """What mentors and mentees share: contacts, organisation, consents, questionnaire answers."""

    full_name = models.CharField(_("full name"), max_length=255)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    organization = organization_link()
    questionnaire_answers = models.JSONField(
        _("other questionnaire answers"),
        default=dict,
        blank=True,
        help_text=_("Answers from imported questionnaires that have no field of their own."),
    )

    processing_consent_date = models.DateField(
        _("consent to processing given on"), null=True, blank=True
    )
    processing_consent_by = models.CharField(
        _("consent to processing given by"),
        max_length=16,
        choices=ConsentGiver.choices,
        blank=True,
    )
    processing_consent_document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("scanned consent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kept in the private collection of consents, never at a public address."),
    )
    processing_consent_withdrawn = models.DateField(
        _("consent to processing withdrawn on"), null=True, blank=True
    )

    publication_consent_date = models.DateField(
        _("consent to publication given on"), null=True, blank=True
    )
    publication_consent_by = models.CharField(
        _("consent to publication given by"),
        max_length=16,
        choices=ConsentGiver.choices,
        blank=True,
    )
    publish_name = models.BooleanField(_("name may be published"), default=False)
    publish_photo = models.BooleanField(_("photo may be published"), default=False)
    publish_achievements = models.BooleanField(_("achievements may be published"), default=False)
    publication_consent_withdrawn = models.DateField(
        _("consent to publication withdrawn on"), null=True, blank=True
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    base_form_class = PersonForm

    consent_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("processing_consent_date"), FieldPanel("processing_consent_by")]
                ),
                FieldPanel("processing_consent_document"),
                FieldPanel("processing_consent_withdrawn"),
            ],
            heading=_("Consent to processing of personal data"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("publication_consent_date"), FieldPanel("publication_consent_by")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("publish_name"),
                        FieldPanel("publish_photo"),
                        FieldPanel("publish_achievements"),
                    ]
                ),
                FieldPanel("publication_consent_withdrawn"),
            ],
            heading=_("Consent to publication"),
        ),
    ]
    search_fields = [
        index.SearchField("full_name"),
        index.AutocompleteField("full_name"),
        index.SearchField("email"),
        index.FilterField("organization"),
    ]

    class Meta:
        abstract = True
        ordering = ["full_name"]
        constraints = [one_person_per_organisation()]

    def __str__(self):
        return self.full_name

    @property
    def consent_state(self) -> str:
        return consent.consent_state(self)

    def get_consent_state_display(self) -> str:
        return consent.ConsentState(self.consent_state).label

    def public_profile(self) -> consent.PublicProfile:
        return consent.public_profile(self)

    def scan_belongs_to_another(self, document) -> bool:
        for model in (Mentor, Mentee):
            others = model.objects.filter(processing_consent_document=document)
            if isinstance(self, model):
                others = others.exclude(pk=self.pk)
            if others.exists():
                return True
        return False

    def clean(self):
        super().clean()
        errors = consent_date_errors(self)
        document = self.processing_consent_document
        if document is not None and not is_private_document(document):
            errors["processing_consent_document"] = _(
                "A scanned consent must be kept in the private collection «%(collection)s»."
            ) % {"collection": PRIVATE_COLLECTION_NAME}
        elif document is not None and self.scan_belongs_to_another(document):
            errors["processing_consent_document"] = _(
                "This scan is another person's consent: upload this person's own."
            )
        if errors:
            raise ValidationError(errors)


def portrait_path(instance, filename) -> str:
    return f"portraits/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class Mentor(AbstractPerson):
    class Category(models.TextChoices):
        TEACHER = "teacher", _("Teacher")
        PUPIL = "pupil", _("Pupil")
        STUDENT = "student", _("Student")
        EMPLOYER = "employer", _("Employer or enterprise representative")
        GRADUATE = "graduate", _("Graduate")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        CANDIDATE = "candidate", pgettext_lazy("mentor status", "Candidate")
        APPROVED = "approved", pgettext_lazy("mentor status", "Approved")
        INACTIVE = "inactive", pgettext_lazy("mentor status", "Inactive")

    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.TEACHER
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    competencies = models.TextField(
        _("competencies"), blank=True, help_text=_("What the mentor can help with.")
    )
    interests = models.TextField(_("interests"), blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    preferred_mentees = models.CharField(
        _("preferred mentee age or grade"), max_length=255, blank=True
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("The most mentees at once."),
    )
    mentorship_forms = ParentalManyToManyField(
        "wagtail_mentorship.MentorshipForm",
        verbose_name=_("mentorship forms"),
        blank=True,
        related_name="mentors",
    )
    availability = models.CharField(
        _("time they can give"),
        max_length=255,
        blank=True,
        help_text=_("For example «2 часа в неделю»."),
    )
    portrait = models.ImageField(
        _("photo"),
        storage=private_storage,
        upload_to=portrait_path,
        blank=True,
        help_text=_(
            "Kept out of public reach; it appears on the site and in the image library only "
            "while the consent to publish a photo is in force."
        ),
    )
    # The published copy of the portrait, managed by ``access.photos``: never set by hand.
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("published photo"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CANDIDATE
    )

    panels = [
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("organization"), FieldPanel("category")]),
        FieldPanel("position"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("mentorship_forms", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("availability")]),
                FieldPanel("preferred_mentees"),
            ],
            heading=_("Mentoring"),
        ),
        FieldPanel("competencies"),
        FieldPanel("interests"),
        FieldPanel("achievements"),
        FieldPanel("portrait", widget=PortraitInput),
        InlinePanel("trainings", heading=_("Training"), label=_("Course")),
        *AbstractPerson.consent_panels,
    ]
    search_fields = [
        *AbstractPerson.search_fields,
        index.SearchField("competencies"),
        index.SearchField("interests"),
        index.FilterField("status"),
        index.FilterField("category"),
    ]

    tracked_fields = (*AbstractPerson.tracked_fields, "portrait")
    objects = MentorQuerySet.as_manager()

    class Meta(AbstractPerson.Meta):
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")

    def save(self, *args, **kwargs):
        loaded = self.loaded("portrait")
        replaced = bool(loaded) and self.changed_since_loaded("portrait")
        super().save(*args, **kwargs)
        sync_published_photo(self, portrait_changed=replaced)
        if replaced:  # a photo replaced or cleared is kept nowhere, once this is committed
            storage = self.portrait.storage
            transaction.on_commit(lambda: storage.delete(loaded))


class MentorTraining(Orderable):
    """A course the mentor took: «школа наставников», further training."""

    mentor = ParentalKey(Mentor, on_delete=models.CASCADE, related_name="trainings")
    course = models.CharField(_("course"), max_length=255)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    certificate = models.CharField(_("certificate"), max_length=255, blank=True)

    panels = [
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("completed_on"), FieldPanel("certificate")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("training")
        verbose_name_plural = _("training")

    def __str__(self):
        return self.course


class Mentee(AbstractPerson):
    class Category(models.TextChoices):
        PUPIL = "pupil", _("Pupil")
        YOUNG_SPECIALIST = "young_specialist", _("Young specialist")
        TEACHER = "teacher", _("Teacher")
        STUDENT = "student", _("Student")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        CANDIDATE = "candidate", pgettext_lazy("mentee status", "Candidate")
        IN_PROGRAMME = "in_programme", pgettext_lazy("mentee status", "In the programme")
        COMPLETED = "completed", pgettext_lazy("mentee status", "Completed")
        WITHDRAWN = "withdrawn", pgettext_lazy("mentee status", "Withdrawn")

    objects = MenteeQuerySet.as_manager()

    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.PUPIL
    )
    is_minor = models.BooleanField(
        _("under 18"),
        default=True,
        help_text=_("A minor's consent is given by the legal representative."),
    )
    class_name = models.CharField(_("class or group"), max_length=64, blank=True)
    request = models.TextField(
        _("request"), blank=True, help_text=_("What the mentee wants help with («запрос»).")
    )
    expectations = models.TextField(_("expectations"), blank=True)
    recommended_by = models.CharField(_("recommended by"), max_length=255, blank=True)
    representative_name = models.CharField(_("legal representative"), max_length=255, blank=True)
    representative_phone = models.CharField(
        _("legal representative's phone"), max_length=32, blank=True
    )
    representative_email = models.EmailField(_("legal representative's e-mail"), blank=True)
    preferred_forms = ParentalManyToManyField(
        "wagtail_mentorship.MentorshipForm",
        verbose_name=_("preferred mentorship forms"),
        blank=True,
        related_name="mentees",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CANDIDATE
    )
    entered_on = models.DateField(_("entered the programme on"), null=True, blank=True)

    panels = [
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("organization"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("class_name"), FieldPanel("is_minor")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("entered_on")]),
        MultiFieldPanel(
            [
                FieldPanel("representative_name"),
                FieldRowPanel(
                    [FieldPanel("representative_phone"), FieldPanel("representative_email")]
                ),
            ],
            heading=_("Legal representative"),
        ),
        FieldPanel("preferred_forms", widget=forms.CheckboxSelectMultiple),
        FieldPanel("request"),
        FieldPanel("expectations"),
        FieldPanel("recommended_by"),
        *AbstractPerson.consent_panels,
    ]
    search_fields = [
        *AbstractPerson.search_fields,
        index.SearchField("request"),
        index.SearchField("class_name"),
        index.FilterField("status"),
        index.FilterField("category"),
    ]

    class Meta(AbstractPerson.Meta):
        verbose_name = _("mentee")
        verbose_name_plural = _("mentees")

    @property
    def photo(self):
        return None  # mentees' photos are not kept

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        for field, messages in minor_consent_errors(self).items():
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
