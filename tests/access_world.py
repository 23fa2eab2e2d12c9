"""A small town's base for the access tests: two schools, their people and pairs, a pair
across the schools, an honour board, a consent scan, a portrait, a pending upload, and the
users of every role.

Every person's name carries the word «Злат…», so one search finds them all, and a surname
that a test looks for in every response a user may get.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from tests.builders import build_roadmap, build_site
from tests.people_builders import COORDINATORS, CURATORS, EDITORS, make_mentee, make_mentor
from wagtail_mentorship.access.private_documents import get_private_collection
from wagtail_mentorship.models import (
    HonorBoardEntry,
    HonorBoardPage,
    MentorshipPair,
    Organization,
    PairMeeting,
    SpreadsheetImport,
)
from wagtail_mentorship.models.calendar_tokens import CalendarFeedToken
from wagtail_mentorship.models.surveys import Survey, SurveyRound
from wagtail_mentorship.monitoring.surveys.invitations import invite

GIVEN = datetime.date(2025, 9, 1)
PROCESSING = {"processing_consent_date": GIVEN, "processing_consent_by": "person"}
PUBLICATION = {
    **PROCESSING,
    "publication_consent_date": GIVEN,
    "publication_consent_by": "person",
    "publish_name": True,
    "publish_photo": True,
    "publish_achievements": True,
}
SEARCH = "Злат"  # a word every person's name begins with

# Surname → the school whose person it is. The representative's surname shares the pupil's.
SECRET = {
    "Тайнова": "A",  # school A's mentor, no consent to publication, with a portrait
    "Секретов": "A",  # school A's pupil (a minor), with a scanned consent
    "Парная": "A",  # school A's pupil, paired with school B's mentor in A's pair
    "Скрытнов": "B",  # school B's mentor
    "Незнамова": "B",  # school B's pupil
}
PUBLIC = "Публичная"  # a mentor who agreed to be named: any page may show her


def png(color=(70, 110, 160)) -> ImageFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), color).save(buffer, format="PNG")
    return ImageFile(buffer, name="portrait.png")


@dataclass
class World:
    school_a: Organization
    school_b: Organization
    users: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)  # surname → person
    pairs: dict = field(default_factory=dict)
    board: HonorBoardPage = None
    roadmap: object = None
    scan: object = None
    uploads: dict = field(default_factory=dict)
    survey_round: object = None
    invitations: list = field(default_factory=list)
    tokens: list = field(default_factory=list)  # survey links and a calendar feed, unhashed

    def visible_surnames(self, role) -> set:
        """Whose names ``role`` may read, worked out from the roles, not from the policy."""
        if role in ("superuser", "coordinator"):
            return set(SECRET)
        if role == "curator_a":
            # Their school's people, and school B's mentor of their school's pair.
            return {"Тайнова", "Секретов", "Парная", "Скрытнов"}
        if role == "curator_b":
            return {"Скрытнов", "Незнамова"}
        return set()

    def hidden_surnames(self, role) -> set:
        return set(SECRET) - self.visible_surnames(role)


def make_user(django_user_model, username, group=None, organizations=(), **flags):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "x", **flags)
    if group:
        user.groups.add(Group.objects.get(name=group))
    user.mentorship_organizations.set(organizations)
    return user


def build_world(django_user_model) -> World:
    home = build_site()
    school_a = Organization.objects.create(name="МБОУ «СОШ № 10»", short_name="СОШ № 10")
    school_b = Organization.objects.create(name="МБОУ «Гимназия № 20»", short_name="Гимназия № 20")
    world = World(school_a=school_a, school_b=school_b)
    world.users = {
        "editor": make_user(django_user_model, "editor", EDITORS),
        "curator_a": make_user(django_user_model, "curator_a", CURATORS, [school_a]),
        "curator_b": make_user(django_user_model, "curator_b", CURATORS, [school_b]),
        "coordinator": make_user(django_user_model, "coordinator", COORDINATORS),
        "superuser": make_user(django_user_model, "superuser", is_superuser=True, is_staff=True),
    }

    scan = get_document_model().objects.create(
        title="Согласие: Секретов Златан Петрович",
        file=ContentFile("Согласие законного представителя Секретовой".encode(), "scan.txt"),
        collection=get_private_collection(),
    )
    world.scan = scan
    people = {
        "Тайнова": make_mentor(
            "Тайнова Злата Кирилловна",
            email="tainova@school10.example",
            organization=school_a,
            portrait=png(),
            achievements="Подготовила Секретова Златана к олимпиаде",
            publish_name=True,  # ticked, but without a consent to publication
            **PROCESSING,
        ),
        "Секретов": make_mentee(
            "Секретов Златан Петрович",
            organization=school_a,
            is_minor=True,
            class_name="7 «А»",
            representative_name="Секретова Злата Львовна",
            processing_consent_date=GIVEN,
            processing_consent_by="representative",
            processing_consent_document=scan,
            questionnaire_answers={"Любимый предмет": "Физика"},
        ),
        "Парная": make_mentee("Парная Злата Олеговна", organization=school_a, **PROCESSING),
        "Скрытнов": make_mentor(
            "Скрытнов Златослав Борисович",
            email="skrytnov@gymnasium20.example",
            organization=school_b,
            capacity=3,
            **PROCESSING,
        ),
        "Незнамова": make_mentee("Незнамова Злата Игоревна", organization=school_b, **PROCESSING),
        PUBLIC: make_mentor(
            "Публичная Злата Олеговна",
            organization=school_a,
            portrait=png((160, 70, 70)),
            **PUBLICATION,
        ),
    }
    world.people = people
    for person in people.values():
        log(person, "wagtail.create", user=world.users["superuser"])

    def pair(key, mentor, mentees, organization):
        made = MentorshipPair(mentor=mentor, organization=organization, status="active")
        made.mentees = mentees
        made.goal = f"Цель пары {key}"
        made.meetings = [PairMeeting(kind="regular", date=GIVEN, notes=f"Встреча {key}")]
        made.save()
        log(made, "wagtail.create", user=world.users["superuser"])
        world.pairs[key] = made

    pair("A", people["Тайнова"], [people["Секретов"]], school_a)
    pair("AB", people["Скрытнов"], [people["Парная"]], school_a)
    pair("B", people["Скрытнов"], [people["Незнамова"]], school_b)

    board = HonorBoardPage(title="Доска почёта", slug="honor-board")
    board.entries = [HonorBoardEntry(mentor=people[PUBLIC], citation="За наставничество")]
    home.add_child(instance=board)
    board.save_revision().publish()
    # A later revision names a mentor who never agreed to publication.
    board.entries = [
        HonorBoardEntry(mentor=people[PUBLIC], citation="За наставничество"),
        HonorBoardEntry(mentor=people["Тайнова"], citation="За олимпиаду"),
    ]
    board.save_revision(user=world.users["superuser"])
    world.board = board
    world.roadmap = build_roadmap(home, stages=1, activities=1)

    for target in ("mentors", "mentees", "pairs"):
        upload = SpreadsheetImport(
            target=target, filename="base.csv", user=world.users["curator_a"]
        )
        upload.file.save("base.csv", ContentFile("ФИО\nСекретов Златан Петрович\n".encode()))
        upload.organization = school_a
        upload.save()
        world.uploads[target] = upload
    roadmap_upload = SpreadsheetImport(
        target="activities", filename="roadmap.csv", user=world.users["curator_a"]
    )
    roadmap_upload.page = world.roadmap
    roadmap_upload.file.save("roadmap.csv", ContentFile("Мероприятие\nСекретов\n".encode()))
    world.uploads["activities"] = roadmap_upload

    # A survey of school A's mentees, open now, and a calendar feed of curator A's activities.
    today = timezone.localdate()
    world.survey_round = SurveyRound.objects.create(
        survey=Survey.objects.get(stage="satisfaction", audience="mentees"),
        organization=school_a,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )
    world.survey_round.pairs.set([world.pairs["A"]])
    links = invite(world.survey_round)
    world.invitations = [link.invitation for link in links]
    # The round's answers from a Forms export, waiting for curator A's confirmation.
    answers = SpreadsheetImport(
        target="answers", filename="answers.csv", user=world.users["curator_a"]
    )
    answers.survey_round, answers.organization = world.survey_round, school_a
    emails = "\n".join(invitation.email or "" for invitation in world.invitations)
    answers.file.save("answers.csv", ContentFile(f"E-mail\n{emails}\n".encode()))
    world.uploads["answers"] = answers
    world.tokens = [
        *(link.token for link in links),
        CalendarFeedToken.objects.issue(world.users["curator_a"]),
    ]
    return world
