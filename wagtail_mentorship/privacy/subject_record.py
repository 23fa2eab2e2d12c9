"""«Subject access record» (152-ФЗ art. 14): everything the base holds on one person, as one
xlsx workbook: the person's fields, their consents, training, pairs, meetings, survey answers
and the audit trail about them. Every cell is written as data, never as a formula.

Pairs, meetings and audit entries are those the downloading user may see anyway: a curator of
the person's organisation gets the whole record of their people; a curator who sees the person
only as the partner in one of their pairs gets no pair or entry of another organisation."""

import datetime

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, NamedStyle
from openpyxl.utils import get_column_letter

from ..access.policies import policy_for
from ..models import Mentor, MentorshipPair, PairMeeting, PersonalDataLogEntry
from ..models.surveys import SurveyAnswer, SurveyInvitation, SurveyRound
from ..people.consent import ConsentGiver
from ..spreadsheets.safe_cells import xlsx_cell

HEADER_STYLE = "mentorship_subject_header"
PAIR_LINK = {"mentor": "mentor", "mentee": "mentees"}
SURVEY_ROUND_FIELDS = ("survey", "opens_on", "closes_on")


def is_consent_field(name: str) -> bool:
    return "consent" in name or name.startswith("publish_")


def text(value) -> str | int:
    """A value as the curator reads it: dates as dd.mm.yyyy, yes/no in words."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | str):
        return value
    return str(value)


def plain(value) -> str | int | None:
    """What a cell can hold: a lazy translation or a model's label as text."""
    return value if value is None or isinstance(value, int | str) else str(value)


def field_value(obj, field) -> str | int:
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    if field.many_to_many:
        return "; ".join(str(item) for item in getattr(obj, field.name).all())
    if field.is_relation:
        return text(getattr(obj, field.name))  # the organisation's, document's, image's name
    if isinstance(field, models.FileField):
        return getattr(obj, field.name).name or ""
    return text(getattr(obj, field.name))


def field_label(field) -> str:
    return capfirst(field.verbose_name)


def person_fields(person):
    """Every field of the person: the concrete ones (but the id) and the many-to-many."""
    meta = person._meta
    fields = [field for field in meta.concrete_fields if field.name != "id"]
    return fields + list(meta.many_to_many)


def person_rows(person):
    rows = []
    for field in person_fields(person):
        if is_consent_field(field.name):
            continue
        if field.name == "questionnaire_answers":
            answers = person.questionnaire_answers or {}
            rows += [
                (f"{field_label(field)}: {question}", text(answer))
                for question, answer in answers.items()
            ] or [(field_label(field), _("None"))]
            continue
        rows.append((field_label(field), field_value(person, field)))
    return rows


def consent_rows(person):
    return [
        (field_label(field), field_value(person, field))
        for field in person_fields(person)
        if is_consent_field(field.name)
    ]


def training_rows(person):
    return [
        (training.course, text(training.completed_on), training.certificate)
        for training in person.trainings.all()
    ]


def pairs_of(person, user):
    """The person's pairs that ``user`` may see: a pair of another organisation names people
    they may not see (its mentor, the other mentees of a group)."""
    link = PAIR_LINK[person._meta.model_name]
    pairs = MentorshipPair.objects.filter(**{link: person})
    return (
        policy_for(MentorshipPair)
        .filter_for_user(user, pairs, ("view", "change"))
        .select_related("organization", "form", "mentor")
        .prefetch_related("mentees")
        .order_by("start_date", "pk")
    )


def pair_rows(pairs):
    return [
        (
            text(pair.organization),
            text(pair.form),
            pair.mentor.full_name,
            pair.mentee_names(),
            pair.get_status_display(),
            text(pair.start_date),
            text(pair.end_date),
            pair.order_number,
            text(pair.order_date),
            pair.goal,
            pair.development_plan,
            pair.result,
        )
        for pair in pairs
    ]


def meeting_rows(pairs):
    meetings = (
        PairMeeting.objects.filter(pair__in=pairs)
        .select_related("pair__mentor")
        .prefetch_related("pair__mentees")
        .order_by("date", "pk")
    )
    return [
        (str(meeting.pair), meeting.get_kind_display(), text(meeting.date), meeting.notes)
        for meeting in meetings
    ]


def answer_text(value) -> str | int:
    """A stored answer as the participant gave it: a scale's number, the choices in words."""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return text(value)


def survey_rows(person, pairs):
    """Each question the person (for a mentee, also their legal representative, marked so)
    answered in the rounds of ``pairs``; a round not answered is one row without questions."""
    invitations = (
        SurveyInvitation.objects.filter(**{person._meta.model_name: person}, pair__in=pairs)
        .select_related("round__survey")
        .prefetch_related(
            Prefetch(
                "answers",
                SurveyAnswer.objects.select_related("question").order_by(
                    "question__sort_order", "question__pk"
                ),
            )
        )
        .order_by("round__opens_on", "pk")
    )
    rows = []
    for invitation in invitations:
        round_ = invitation.round
        giver = ConsentGiver.REPRESENTATIVE if invitation.by_representative else ConsentGiver.PERSON
        head = (
            round_.survey.title,
            text(round_.opens_on),
            text(round_.closes_on),
            str(giver.label),
            text(invitation.submitted_at),
        )
        answers = invitation.answers.all()
        rows += [(*head, a.question.text, answer_text(a.value)) for a in answers] or [
            (*head, "", "")
        ]
    return rows


def audit_rows(person, user):
    """The trail about the person, as far as ``user`` may read it in the site history."""
    entries = (
        PersonalDataLogEntry.objects.for_instance(person)
        .filter(pk__in=PersonalDataLogEntry.objects.viewable_by_user(user).values("pk"))
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    return [
        (
            text(entry.timestamp),
            str(entry.formatter.label) if entry.formatter else entry.action,
            entry.user_display_name,
        )
        for entry in entries
    ]


def add_sheet(workbook, title, headers, rows) -> None:
    sheet = workbook.create_sheet(title=str(title)[:31])
    for index in range(1, len(headers) + 1):
        width = 40 if index == len(headers) or len(headers) == 2 else 20
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([xlsx_cell(sheet, str(header), HEADER_STYLE) for header in headers])
    for row in rows:
        sheet.append([xlsx_cell(sheet, plain(value)) for value in row])


def write_subject_record(person, user, stream) -> None:
    """The workbook of ``person`` for ``user`` into ``stream``."""
    workbook = Workbook(write_only=True)
    workbook.add_named_style(NamedStyle(HEADER_STYLE, font=Font(bold=True)))
    field_headers = [_("Field"), _("Value")]
    add_sheet(workbook, _("Personal data"), field_headers, person_rows(person))
    add_sheet(workbook, _("Consents"), field_headers, consent_rows(person))
    if isinstance(person, Mentor):
        headers = [_("Course"), _("Completed on"), _("Certificate")]
        add_sheet(workbook, _("Training"), headers, training_rows(person))
    pairs = pairs_of(person, user)
    headers = [
        _("Organisation"),
        _("Mentorship form"),
        _("Mentor"),
        _("Mentees"),
        _("Status"),
        _("Start date"),
        _("End date"),
        _("Order number"),
        _("Order date"),
        _("Programme or goal"),
        _("Individual development plan"),
        _("Result"),
    ]
    add_sheet(workbook, _("Pairs"), headers, pair_rows(pairs))
    headers = [_("Pair"), _("Kind"), _("Date"), _("Notes")]
    add_sheet(workbook, _("Meetings"), headers, meeting_rows(pairs))
    headers = [
        *(field_label(SurveyRound._meta.get_field(name)) for name in SURVEY_ROUND_FIELDS),
        _("Answered by"),
        field_label(SurveyInvitation._meta.get_field("submitted_at")),
        _("Question"),
        field_label(SurveyAnswer._meta.get_field("value")),
    ]
    add_sheet(workbook, _("Surveys"), headers, survey_rows(person, pairs))
    headers = [_("Date and time"), _("Action"), _("User")]
    add_sheet(workbook, _("Audit log"), headers, audit_rows(person, user))
    workbook.save(stream)


def subject_filename(person) -> str:
    return f"subject-{person._meta.model_name}-{person.pk}.xlsx"
