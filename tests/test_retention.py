"""Retention (152-ФЗ art. 21): who is due for anonymisation, the cron command, and the
curator's report with its confirmed «anonymise selected»."""

import csv
import datetime
import io
import json
import re
from urllib.parse import unquote_plus

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from tests.builders import publish_child
from tests.people_builders import (
    CONSENTED,
    CURATORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
    schools,
)
from wagtail_mentorship.access.private_documents import get_private_collection
from wagtail_mentorship.models import (
    HonorBoardEntry,
    HonorBoardPage,
    Mentee,
    Mentor,
    MentorshipPair,
    MentorTraining,
    PairMeeting,
    PersonalDataLogEntry,
)
from wagtail_mentorship.privacy.anonymise import expired

ANONYMISE = "wagtail_mentorship.anonymise"
Status = MentorshipPair.Status
TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=400)
RECENTLY = TODAY - datetime.timedelta(days=30)


def url(snippet, view="list", *args):
    return reverse(f"wagtailsnippets_wagtail_mentorship_{snippet}:{view}", args=args)


def last_changed(person, day: datetime.date):
    """As if nobody had touched the record since ``day``."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    type(person).objects.filter(pk=person.pk).update(updated_at=moment)
    return person


def names(queryset) -> set[str]:
    return set(queryset.values_list("full_name", flat=True))


def listed_titles(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    return [t.get_text(strip=True) for t in soup.select("table.listing tbody [id$='_title']")]


def csv_cells(response) -> set[str]:
    assert response.status_code == 200, response.status_code
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return {cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row}


@pytest.fixture
def programme(db):
    """People in every situation the retention rule tells apart."""
    withdrawn = make_mentee(
        "Отозвавшая Согласие", processing_consent_withdrawn=RECENTLY, **CONSENTED
    )
    make_pair(make_mentor("Наставник Отозвавшей", **CONSENTED), [withdrawn], Status.ACTIVE)

    long_mentor = last_changed(make_mentor("Давно Закончивший", **CONSENTED), LONG_AGO)
    long_mentee = last_changed(make_mentee("Давно Закончившая", **CONSENTED), LONG_AGO)
    make_pair(long_mentor, [long_mentee], Status.COMPLETED, start_date=LONG_AGO, end_date=LONG_AGO)

    recent_mentor = last_changed(make_mentor("Недавно Закончивший"), LONG_AGO)
    recent_mentee = last_changed(make_mentee("Недавно Закончившая"), LONG_AGO)
    make_pair(recent_mentor, [recent_mentee], Status.COMPLETED, end_date=RECENTLY)

    active_mentor = last_changed(make_mentor("Активный Наставник"), LONG_AGO)
    active_mentee = last_changed(make_mentee("Активная Наставляемая"), LONG_AGO)
    make_pair(active_mentor, [active_mentee], Status.ACTIVE, start_date=LONG_AGO)

    make_mentee(
        "Обезличенная Ранее",
        processing_consent_withdrawn=LONG_AGO,
        anonymised_at=timezone.now(),
        **CONSENTED,
    )
    # Never in a pair: a candidate waits, a completed mentee has ended with her record.
    last_changed(make_mentee("Ждущая Кандидатка", status=Mentee.Status.CANDIDATE), LONG_AGO)
    last_changed(make_mentee("Выпускница", status=Mentee.Status.COMPLETED), LONG_AGO)
    last_changed(make_mentor("Ушедший Наставник", status=Mentor.Status.INACTIVE), LONG_AGO)


def test_expired_lists_withdrawn_consent_and_programmes_ended_long_ago(programme):
    assert names(expired(Mentee)) == {
        "Отозвавшая Согласие",
        "Давно Закончившая",
        "Выпускница",
    }
    assert names(expired(Mentor)) == {"Давно Закончивший", "Ушедший Наставник"}


def test_retention_period_is_a_setting(programme):
    with override_settings(WAGTAIL_MENTORSHIP_RETENTION_DAYS=10):
        assert "Недавно Закончившая" in names(expired(Mentee))
        assert "Недавно Закончивший" in names(expired(Mentor))
    with override_settings(WAGTAIL_MENTORSHIP_RETENTION_DAYS=1000):
        assert names(expired(Mentee)) == {"Отозвавшая Согласие"}
        assert names(expired(Mentor)) == set()


def test_a_record_edited_lately_is_kept(programme):
    mentor = Mentor.objects.get(full_name="Давно Закончивший")
    mentor.availability = "Снова готов взять наставляемого"
    mentor.save()
    assert "Давно Закончивший" not in names(expired(Mentor))


def test_a_future_withdrawal_is_not_yet_over(db):
    make_mentee(
        "Отзовёт Завтра",
        processing_consent_withdrawn=TODAY + datetime.timedelta(days=1),
        **CONSENTED,
    )
    assert names(expired(Mentee)) == set()


# ---------------------------------------------------------------------------------------------
# The cron command: afterwards, the old name is nowhere

OLD_NAME = "Петрова Ольга Викторовна"
SURNAME = "Петрова"
MENTEE_NAME = "Сидоров Иван"


def png(name="p.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (70, 110, 160)).save(buffer, format="PNG")
    return ImageFile(buffer, name=name)


@pytest.fixture
def curator(db, django_user_model):
    return login_client(django_user_model, CURATORS, "curator")


@pytest.fixture
def finished_mentor(home_page, curator):
    """A mentor on the honour board, whose pair ended long ago, with every trace a name
    leaves: photo, scanned consent, questionnaire, pair's texts, audit entries."""
    document = get_document_model().objects.create(
        title=f"Согласие {OLD_NAME}",
        file=ContentFile(b"%PDF-1.4 scan", name="consent.pdf"),
        collection=get_private_collection(),
    )
    log(document, "wagtail.create", user=curator.user)
    mentor = make_mentor(
        OLD_NAME,
        email="petrova@example.org",
        phone="+7 900 000-00-00",
        position="Учитель физики",
        competencies="Олимпиады; Петрова ведёт кружок",
        achievements="Педагог года — 2024",
        questionnaire_answers={"Любимый предмет": "Физика", "Кто вы": OLD_NAME},
        processing_consent_document=document,
        publication_consent_date=datetime.date(2024, 9, 1),
        publication_consent_by="person",
        publish_name=True,
        publish_photo=True,
        publish_achievements=True,
        portrait=png(),
        **CONSENTED,
    )
    MentorTraining.objects.create(
        mentor=mentor, course="Школа наставников", certificate="№ 123-Петрова"
    )
    mentee = make_mentee(MENTEE_NAME, class_name="9 «Б»", request="Физика", **CONSENTED)
    pair = make_pair(
        mentor,
        [mentee],
        Status.COMPLETED,
        start_date=LONG_AGO - datetime.timedelta(days=200),
        end_date=LONG_AGO,
        goal=f"Олимпиада: план Петровой для {MENTEE_NAME}",
        development_plan="План Петровой",
        result="Призёр",
    )
    PairMeeting.objects.create(
        pair=pair, kind="final", date=LONG_AGO, notes="Петрова подвела итоги"
    )
    log(pair, "wagtail.create", user=curator.user)
    log(mentor, "wagtail.edit", user=curator.user)
    board = HonorBoardPage(title="Доска почёта", slug="board")
    board.entries = [HonorBoardEntry(mentor=mentor, citation="За победителей олимпиады")]
    publish_child(home_page, board)
    for person in (mentor, mentee):
        last_changed(person, LONG_AGO)
    return Mentor.objects.get(pk=mentor.pk)


def data_of(entry) -> str:
    """An audit entry's data as text, search terms decoded."""
    return unquote_plus(json.dumps(entry.data, ensure_ascii=False))


def everything_said_about(surname) -> list[str]:
    """Every place of the audit trails where ``surname`` still shows."""
    found = []
    for entry in [*PersonalDataLogEntry.objects.all(), *ModelLogEntry.objects.all()]:
        data = data_of(entry)
        if surname in entry.label or surname in data:
            found.append(f"{entry.action}: {entry.label} {data}")
    return found


def public_board(client):
    response = client.get(HonorBoardPage.objects.get().url)
    assert response.status_code == 200
    return response.content.decode()


def test_command_anonymises_and_leaves_the_name_nowhere(
    client, curator, finished_mentor, django_capture_on_commit_callbacks
):
    mentor = finished_mentor
    mentee = Mentee.objects.get(full_name=MENTEE_NAME)
    portrait_storage, portrait_name = mentor.portrait.storage, mentor.portrait.name
    photo, document = mentor.photo, mentor.processing_consent_document
    photo_file, document_file = photo.file.name, document.file.name
    pair = MentorshipPair.objects.get(mentor=mentor)
    # Before: the name is found everywhere the test looks afterwards.
    assert listed_titles(curator.get(url("mentor"), {"q": SURNAME})) == [OLD_NAME]
    assert OLD_NAME in csv_cells(curator.get(url("mentor"), {"q": SURNAME, "export": "csv"}))
    assert OLD_NAME in public_board(client)
    assert everything_said_about(SURNAME)
    # A namesake stays; the search that exported both together loses its term.
    namesake = make_mentor("Смирнова Ольга Ивановна", **CONSENTED)
    exported = csv_cells(curator.get(url("mentor"), {"q": "Ольга", "export": "csv"}))
    assert {OLD_NAME, namesake.full_name} <= exported

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mentorship_anonymise", stdout=out)
    # One mentor and one mentee anonymised; no published photo had lapsed, no prepared file
    # was old.
    assert [int(n) for n in re.findall(r"\d+", out.getvalue())] == [1, 1, 0, 0]

    mentor = Mentor.objects.get(pk=mentor.pk)
    mentee = Mentee.objects.get(pk=mentee.pk)
    assert mentor.anonymised_at and mentee.anonymised_at
    assert SURNAME not in mentor.full_name and str(mentor.pk) in mentor.full_name
    for person in (mentor, mentee):
        row = json.dumps(type(person).objects.filter(pk=person.pk).values().get(), default=str)
        assert SURNAME not in row and "Сидоров" not in row
    assert (mentor.email, mentor.phone, mentor.competencies, mentor.position) == ("", "", "", "")
    assert mentor.questionnaire_answers == {}
    assert not (mentor.publish_name or mentor.publish_photo or mentor.publish_achievements)
    assert (mentee.class_name, mentee.request) == ("", "")
    assert mentor.trainings.get().certificate == ""
    # Files and the published copies are gone.
    assert not mentor.portrait and not portrait_storage.exists(portrait_name)
    assert mentor.photo is None and not get_image_model().objects.filter(pk=photo.pk).exists()
    assert not photo.file.storage.exists(photo_file)
    assert not get_document_model().objects.filter(pk=document.pk).exists()
    assert not document.file.storage.exists(document_file)
    # Statistics stay: the pair, its dates and status, the meeting's date; the texts go.
    pair = MentorshipPair.objects.get(pk=pair.pk)
    assert (pair.mentor_id, list(pair.mentees.all())) == (mentor.pk, [mentee])
    assert (pair.status, pair.end_date) == (Status.COMPLETED, LONG_AGO)
    assert (pair.goal, pair.development_plan, pair.result) == ("", "", "")
    meeting = PairMeeting.objects.get(pair=pair)
    assert (meeting.date, meeting.notes) == (LONG_AGO, "")
    assert mentor.organization == school()
    assert mentor.processing_consent_date == CONSENTED["processing_consent_date"]
    # Audited, with no user: the command runs from cron.
    entries = PersonalDataLogEntry.objects.filter(action=ANONYMISE)
    assert sorted((e.content_type.model, e.object_id, e.user) for e in entries) == [
        ("mentee", str(mentee.pk), None),
        ("mentor", str(mentor.pk), None),
    ]
    # The name is nowhere a curator or a visitor could find it.
    assert everything_said_about(SURNAME) == []
    assert everything_said_about("Сидоров") == []
    assert not [e for e in PersonalDataLogEntry.objects.all() if "Ольга" in data_of(e)]
    namesake.refresh_from_db()
    assert namesake.full_name == "Смирнова Ольга Ивановна" and namesake.anonymised_at is None
    assert listed_titles(curator.get(url("mentor"), {"q": SURNAME})) == []
    assert listed_titles(curator.get(url("mentee"), {"q": "Сидоров"})) == []
    assert listed_titles(curator.get(url("mentorshippair"), {"q": SURNAME})) == []
    assert mentor.full_name in listed_titles(curator.get(url("mentor")))
    cells = csv_cells(curator.get(url("mentor"), {"export": "csv"}))
    assert mentor.full_name in cells and not [c for c in cells if SURNAME in c]
    board = public_board(client)
    assert SURNAME not in board and "Педагог года" not in board

    out = io.StringIO()
    call_command("mentorship_anonymise", stdout=out)  # nothing left to do
    assert [int(n) for n in re.findall(r"\d+", out.getvalue())] == [0, 0, 0, 0]


def test_dry_run_counts_and_changes_nothing(programme):
    out = io.StringIO()
    call_command("mentorship_anonymise", "--dry-run", stdout=out)
    assert [int(n) for n in re.findall(r"\d+", out.getvalue())] == [2, 3]
    assert not Mentor.objects.filter(anonymised_at__isnull=False).exists()
    assert Mentee.objects.filter(anonymised_at__isnull=False).count() == 1  # from the fixture
    assert not PersonalDataLogEntry.objects.filter(action=ANONYMISE).exists()


# ---------------------------------------------------------------------------------------------
# The curator's report and «anonymise selected»

REPORT = url("mentee", "retention")
ANONYMISE_URL = url("mentee", "anonymise")


@pytest.fixture
def two_schools(db):
    school_a, school_b = schools(2)
    ours = make_mentee(
        "Анна Нашей Школы",
        organization=school_a,
        processing_consent_withdrawn=RECENTLY,
        **CONSENTED,
    )
    theirs = make_mentee(
        "Борис Чужой Школы",
        organization=school_b,
        processing_consent_withdrawn=RECENTLY,
        **CONSENTED,
    )
    make_mentee("Вера Без Отзыва", organization=school_a, **CONSENTED)
    return {"school": school_a, "ours": ours, "theirs": theirs}


@pytest.fixture
def curator_a(two_schools, django_user_model):
    return login_client(django_user_model, CURATORS, "curator_a", [two_schools["school"]])


def report_rows(client):
    response = client.get(REPORT)
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.select_one("a").get_text(strip=True): row.find_all("td")[-1].get_text(" ", strip=True)
        for row in soup.select("table.listing tbody tr")
    }


def test_report_lists_only_the_curators_expired_people_with_why(curator_a, two_schools):
    rows = report_rows(curator_a)
    assert list(rows) == ["Анна Нашей Школы"]
    assert RECENTLY.strftime("%d.%m.%Y") in rows["Анна Нашей Школы"]
    listing = BeautifulSoup(curator_a.get(url("mentee")).content, "html.parser")
    assert listing.select_one(f"a[href='{REPORT}']") is not None  # in the «…» menu


def test_another_schools_people_cannot_be_anonymised(curator_a, two_schools):
    theirs = two_schools["theirs"]
    response = curator_a.post(ANONYMISE_URL, {"id": [theirs.pk], "confirm": "yes"})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.full_name == "Борис Чужой Школы" and theirs.anonymised_at is None
    assert not PersonalDataLogEntry.objects.filter(action=ANONYMISE).exists()


def test_anonymise_selected_after_confirmation(curator_a, two_schools):
    ours, theirs = two_schools["ours"], two_schools["theirs"]
    ids = {"id": [ours.pk, theirs.pk]}
    confirmation = curator_a.post(ANONYMISE_URL, ids)
    assert confirmation.status_code == 200
    page = BeautifulSoup(confirmation.content, "html.parser")
    assert "Анна Нашей Школы" in page.get_text() and "Борис" not in page.get_text()
    assert page.select_one("button[name=confirm][value=yes]") is not None
    ours.refresh_from_db()
    assert ours.anonymised_at is None  # nothing happens before the confirmation

    hidden = [field["value"] for field in page.select("input[type=hidden][name=id]")]
    response = curator_a.post(ANONYMISE_URL, {"id": hidden, "confirm": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == REPORT
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.anonymised_at is not None and "Анна" not in ours.full_name
    assert theirs.anonymised_at is None
    assert [str(m) for m in response.context["messages"]]  # a success message
    assert report_rows(curator_a) == {}
    entries = PersonalDataLogEntry.objects.filter(action=ANONYMISE)
    assert [(e.object_id, e.user) for e in entries] == [(str(ours.pk), curator_a.user)]


def test_the_report_needs_the_right_to_change(two_schools, django_user_model):
    editor = login_client(django_user_model, "Editors", "editor")
    home = reverse("wagtailadmin_home")  # Wagtail's «no access» for a page request
    response = editor.get(REPORT)
    assert (response.status_code, response["Location"]) == (302, home)
    response = editor.post(ANONYMISE_URL, {"id": [two_schools["ours"].pk], "confirm": "yes"})
    assert (response.status_code, response["Location"]) == (302, home)
    assert Mentee.objects.get(pk=two_schools["ours"].pk).anonymised_at is None
