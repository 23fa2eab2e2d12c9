"""How long personal data is kept, and anonymisation once that time is over (152-ФЗ art. 21).

A person's data is kept while it serves the programme. It is over for a person

* whose consent to processing is withdrawn (on or before today): art. 21 part 5 asks the
  operator to stop processing and destroy the data;
* or whose programme ended more than ``conf.retention_days()`` ago (one school year by
  default), see ``with_retention``.

Anonymisation keeps what the programme's statistics need (organisation, category, status, the
consent dates, the pairs with their dates, status and meetings' dates) and removes what names
or describes the person. It cannot be undone.
"""

import datetime
from collections import defaultdict
from functools import partial
from urllib.parse import parse_qsl, urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, Replace, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry
from wagtail.search.index import insert_or_update_object

from .. import conf
from ..access.photos import withdraw_photo
from ..importing import audit
from ..models import (
    Mentee,
    Mentor,
    MentorshipPair,
    MentorTraining,
    PairMeeting,
    PersonalDataLogEntry,
    PreparedFile,
)
from ..models.surveys import SurveyAnswer, SurveyInvitation, SurveyQuestion
from ..people import consent
from ..public.cache import bump_content_version
from ..secret_links import new_token, token_hash

# How a pair names the person.
PAIR_LINK = {Mentor: "mentor", Mentee: "mentees"}
# How a survey invitation names the person (a mentee's also when their representative answers).
INVITATION_LINK = {Mentor: "mentor", Mentee: "mentee"}
# Statuses in which a person's part in the programme is over even without a pair.
FINISHED_STATUSES = {
    Mentor: (Mentor.Status.INACTIVE,),
    Mentee: (Mentee.Status.COMPLETED, Mentee.Status.WITHDRAWN),
}
# What an audit entry about an anonymised person keeps of its data: nothing that names anyone.
KEPT_LOG_DATA = ("format", "layout")


def cutoff(today: datetime.date | None = None) -> datetime.date:
    """A programme that ended before this day is over for longer than the retention period."""
    return (today or consent.today()) - datetime.timedelta(days=conf.retention_days())


def with_retention(queryset, today: datetime.date | None = None):
    """``queryset`` of mentors or mentees annotated with why their data may have to go.

    ``consent_withdrawn_on``: the withdrawal of the consent to processing, once that day has
    come; otherwise ``None``.

    ``programme_ended_on``: when the person's part in the programme ended, ``None`` while it
    goes on. It goes on while the person is in a forming or active pair. Otherwise it ended
    on the latest of

    * the end of their latest pair: its ``end_date``, or, for a completed or terminated pair
      without one, the day the pair was last changed (the day it was closed, as a rule);
    * the day the person's own record was last changed (``updated_at``): a curator who edits
      a record (re-enrols a mentee waiting for a new mentor, say) shows it is still in use,
      and since anonymisation cannot be undone, a doubt keeps the record.

    A person who never was in a pair has ended only in a finished status (a mentor
    «inactive», a mentee «completed» or «withdrawn»), on the day the record was last changed:
    a candidate, or an approved mentor waiting for a mentee, is still in the programme.
    """
    model = queryset.model
    today = today or consent.today()
    pairs = MentorshipPair.objects.filter(**{PAIR_LINK[model]: OuterRef("pk")})
    latest_closed_pair_end = (
        pairs.exclude(status__in=MentorshipPair.CURRENT_STATUSES)
        .annotate(ended=Coalesce("end_date", TruncDate("updated_at")))
        .order_by("-ended")
        .values("ended")[:1]
    )
    return queryset.annotate(
        in_current_pair=Exists(pairs.filter(status__in=MentorshipPair.CURRENT_STATUSES)),
        last_pair_end=Subquery(latest_closed_pair_end, output_field=models.DateField()),
        last_change=TruncDate("updated_at"),
    ).annotate(
        programme_ended_on=Case(
            When(in_current_pair=True, then=Value(None)),
            When(last_pair_end__isnull=False, then=Greatest("last_pair_end", "last_change")),
            When(status__in=FINISHED_STATUSES[model], then=F("last_change")),
            default=Value(None),
            output_field=models.DateField(),
        ),
        consent_withdrawn_on=Case(
            When(processing_consent_withdrawn__lte=today, then=F("processing_consent_withdrawn")),
            default=Value(None),
            output_field=models.DateField(),
        ),
    )


def expired(model, today: datetime.date | None = None):
    """The ``model``'s people, not yet anonymised, whose data is kept no longer: consent to
    processing withdrawn (on or before ``today``), or the programme ended before
    ``cutoff(today)`` (the rule of «ended» is in ``with_retention``). One query, annotated
    with ``consent_withdrawn_on`` and ``programme_ended_on``."""
    people = with_retention(model.objects.filter(anonymised_at__isnull=True), today)
    return people.filter(
        Q(consent_withdrawn_on__isnull=False) | Q(programme_ended_on__lt=cutoff(today))
    )


def anonymised_label(person) -> str:
    if isinstance(person, Mentor):
        return _("Anonymised mentor #%(id)s") % {"id": person.pk}
    return _("Anonymised mentee #%(id)s") % {"id": person.pk}


def free_text_fields(model) -> list[str]:
    """The fields in which a curator writes whatever they like: each may name the person.

    Every text field without choices, so that a text field added later is cleared too.
    """
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and field.name != "full_name"
    ]


def anonymise(people, user=None) -> int:
    """Anonymises ``people`` (mentors and/or mentees), in one transaction; returns how many.

    Removed: the name (replaced by «Anonymised mentee #id»), contacts, every free-text field
    (position, competencies, request, legal representative…), the questionnaire answers, the
    scanned consent (the document and its file), the portrait file and the published photo,
    the training certificates' numbers, the permissions to publish; the free text of the
    person's pairs (goal, plan, result, meetings' notes), which may name them; names and
    search terms in the audit trail (see ``_scrub_audit_trail``); the free-text survey answers
    given in the person's pairs and the person's survey links (see ``_scrub_surveys``).

    Kept, for the programme's statistics: organisation, category, status, whether a minor,
    preferred forms, the dates of entry and of the consents and their withdrawals (dates name
    nobody, and they show on what grounds the data was held), training courses and dates,
    the pairs themselves with their form, status, dates, order and meetings' kinds and dates.

    Each person gets one audit entry ``wagtail_mentorship.anonymise`` with ``user`` (None
    from the command). A person already anonymised is skipped.
    """
    by_model = defaultdict(set)
    for person in people:
        by_model[type(person)].add(person.pk)
    count = 0
    with transaction.atomic():
        for model, pks in by_model.items():
            targets = list(
                model.objects.select_for_update()
                .filter(pk__in=pks, anonymised_at__isnull=True)
                .order_by("pk")
            )
            for person in targets:
                _anonymise_person(person)
            audit.log_for_each(targets, audit.ANONYMISE_ACTION, user)
            for person in targets:
                _reindex(person)
            count += len(targets)
        # Bulk updates send no signals: the cached public pages must forget the people now.
        bump_content_version()
        if count:
            PreparedFile.purge_covering(organizations_of(by_model))
    return count


def organizations_of(by_model) -> set:
    """The organisations whose prepared files may name the people: theirs and their pairs'
    (a base lists the partners of its pairs, whatever their school). A prepared file's
    people are listed nowhere, so every file built for one of these goes."""
    mentors, mentees = by_model.get(Mentor, set()), by_model.get(Mentee, set())
    pairs = MentorshipPair.objects.filter(Q(mentor__in=mentors) | Q(mentees__in=mentees))
    return {
        *pairs.values_list("organization", flat=True),
        *Mentor.objects.filter(pk__in=mentors).values_list("organization", flat=True),
        *Mentee.objects.filter(pk__in=mentees).values_list("organization", flat=True),
    }


def _anonymise_person(person) -> None:
    model = type(person)
    old_name, label = person.full_name, anonymised_label(person)
    document = person.processing_consent_document

    person.full_name = label
    for field in free_text_fields(model):
        setattr(person, field, "")
    person.questionnaire_answers = {}
    person.processing_consent_document = None
    person.publish_name = person.publish_photo = person.publish_achievements = False
    person.anonymised_at = timezone.now()
    if isinstance(person, Mentor):
        withdraw_photo(person)
        if person.portrait:
            storage, name = person.portrait.storage, person.portrait.name
            transaction.on_commit(partial(storage.delete, name))
            person.portrait = ""
        MentorTraining.objects.filter(mentor=person).update(certificate="")
    person.save()

    if document is not None:
        _scrub_wagtail_log(document, _("Scanned consent (deleted)"))
        document.delete()  # Wagtail deletes the file once the transaction is committed

    pairs = MentorshipPair.objects.filter(**{PAIR_LINK[model]: person})
    pairs.update(goal="", development_plan="", result="")
    PairMeeting.objects.filter(pair__in=pairs).update(notes="")
    _scrub_surveys(person, pairs)
    _scrub_audit_trail(person, old_name, label)


def _scrub_surveys(person, pairs) -> None:
    """The person's survey answers keep no words and their links open nothing.

    Text answers are erased: the person's own (and, for a mentee, their legal
    representative's), and, as with the pair's goal and meetings' notes, those given by the
    other participants of the person's pairs, which may name them. Scale and choice answers
    stay, as do the invitations and when they were answered: the monitoring report keeps
    counting them in its response rate and means, and nothing in them names anyone once the
    person's name is gone.

    The person's links get a new hash of a token nobody was given and expire now, so that a
    link printed or mailed before opens nothing.
    """
    own = SurveyInvitation.objects.filter(**{INVITATION_LINK[type(person)]: person})
    SurveyAnswer.objects.filter(
        Q(invitation__in=own) | Q(invitation__pair__in=pairs),
        question__kind=SurveyQuestion.Kind.TEXT,
    ).update(value=None)
    now = timezone.now()
    links = list(own)
    for invitation in links:
        invitation.token_hash, invitation.expires_at = token_hash(new_token()), now
    SurveyInvitation.objects.bulk_update(links, ["token_hash", "expires_at"])


def _scrub_audit_trail(person, old_name: str, label: str) -> None:
    """No way back to the person from the audit trail.

    The entries about the person get the neutral label and keep of their data only what
    names nobody (the format of an export); entries about pairs lose the name in their label
    (a pair is named «mentor → mentees»); and the search term of the listing search is taken
    from the entries of the same operations (an export of «q=Petrova» logs every exported
    person with that term).
    """
    entries = PersonalDataLogEntry.objects.for_instance(person)
    operations = set(entries.values_list("uuid", flat=True))
    entries.update(label=label)
    stripped = []
    for entry in entries.exclude(data={}):
        entry.data = {key: entry.data[key] for key in KEPT_LOG_DATA if key in entry.data}
        stripped.append(entry)
    PersonalDataLogEntry.objects.bulk_update(stripped, ["data"])

    if old_name:  # the person's own pairs only: a namesake's pairs keep their names
        own_pairs = MentorshipPair.objects.filter(**{PAIR_LINK[type(person)]: person})
        PersonalDataLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(MentorshipPair),
            object_id__in=[str(pk) for pk in own_pairs.values_list("pk", flat=True)],
            label__contains=old_name,
        ).update(label=Replace("label", Value(old_name), Value(label)))

    searched = []
    for entry in PersonalDataLogEntry.objects.filter(uuid__in=operations - {None}):
        filters = (entry.data or {}).get("filters")
        if not isinstance(filters, str) or not filters:
            continue
        kept = [(key, value) for key, value in parse_qsl(filters) if key != "q"]
        if len(kept) != len(parse_qsl(filters)):
            entry.data = {**entry.data, "filters": urlencode(kept)}
            searched.append(entry)
    PersonalDataLogEntry.objects.bulk_update(searched, ["data"])


def _scrub_wagtail_log(obj, label: str) -> None:
    """Wagtail's own log names a document or image by its title, which may name the person."""
    ModelLogEntry.objects.for_instance(obj).update(label=label)


def _reindex(person) -> None:
    """The search index keeps no old name: the person, and the pairs that name them."""
    insert_or_update_object(person)
    for pair in MentorshipPair.objects.filter(**{PAIR_LINK[type(person)]: person}):
        insert_or_update_object(pair)
