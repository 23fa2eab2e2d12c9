"""«Subject access record» (152-ФЗ art. 14): everything the base holds on a person, one xlsx."""

import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from PIL import Image
from wagtail.documents import get_document_model

from tests.people_builders import CURATORS, login_client, make_mentee, make_mentor, make_pair
from tests.people_builders import schools as make_schools
from wagtail_mentorship.access.private_documents import get_private_collection
from wagtail_mentorship.models import (
    Mentee,
    Mentor,
    MentorshipForm,
    MentorshipPair,
    MentorTraining,
    PairMeeting,
    PersonalDataLogEntry,
)

EXPORT = "wagtail_mentorship.export"
GIVEN = datetime.date(2024, 9, 1)
WITHDRAWN = datetime.date(2025, 5, 31)
CONSENTS = {
    "processing_consent_date": GIVEN,
    "processing_consent_by": "representative",
    "processing_consent_withdrawn": WITHDRAWN,
    "publication_consent_date": GIVEN,
    "publication_consent_by": "representative",
    "publish_name": True,
    "publish_photo": True,
    "publish_achievements": True,
    "publication_consent_withdrawn": WITHDRAWN,
}
ANSWERS = {"Любимый предмет": "Физика", "Чем хотите заниматься?": "Робототехникой"}


def url(snippet, view, *args):
    return reverse(f"wagtailsnippets_wagtail_mentorship_{snippet}:{view}", args=args)


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (70, 110, 160)).save(buffer, format="PNG")
    return ImageFile(buffer, name="p.png")


def scan():
    return get_document_model().objects.create(
        title="Скан согласия",
        file=ContentFile(b"%PDF-1.4 scan", name="consent.pdf"),
        collection=get_private_collection(),
    )


@pytest.fixture
def schools(db):
    return make_schools(2)


@pytest.fixture
def curator(schools, django_user_model):
    return login_client(django_user_model, CURATORS, "curator", [schools[0]])


@pytest.fixture
def stranger(schools, django_user_model):
    return login_client(django_user_model, CURATORS, "stranger", [schools[1]])


def common_fields(school, email, phone) -> dict:
    """A value in each field mentors and mentees have in common, for ``filled_mentor`` and
    ``filled_mentee``."""
    return {
        "email": email,
        "phone": phone,
        "organization": school,
        "questionnaire_answers": ANSWERS,
        "processing_consent_document": scan(),
    }


def filled_mentor(school):
    """A mentor with a value in every field (but «anonymised»)."""
    mentor = make_mentor(
        "Петрова Ольга Викторовна",
        **common_fields(school, "petrova@example.org", "+7 900 000-00-00"),
        category=Mentor.Category.TEACHER,
        position="Учитель физики",
        competencies="=1+1",  # stays text, never a formula
        interests="Астрономия",
        achievements="Педагог года — 2024",
        preferred_mentees="7–9 классы",
        capacity=3,
        availability="2 часа в неделю",
        portrait=png(),
        forms=list(MentorshipForm.objects.all()[:2]),
        **{
            **CONSENTS,
            "processing_consent_by": "person",
            "publication_consent_by": "person",
            # still in force: the photo is published until then
            "processing_consent_withdrawn": timezone.localdate() + datetime.timedelta(days=30),
            "publication_consent_withdrawn": timezone.localdate() + datetime.timedelta(days=30),
        },
    )
    assert mentor.photo is not None
    MentorTraining.objects.create(
        mentor=mentor, course="Школа наставников", completed_on=GIVEN, certificate="№ 123"
    )
    return Mentor.objects.get(pk=mentor.pk)


def filled_mentee(school):
    return make_mentee(
        "Сидоров Иван Петрович",
        **common_fields(school, "sidorov@example.org", "+7 900 111-11-11"),
        category=Mentee.Category.PUPIL,
        is_minor=True,
        class_name="9 «Б»",
        request="Подготовка к олимпиаде",
        expectations="Призовое место",
        recommended_by="Классный руководитель",
        representative_name="Сидорова Мария",
        representative_phone="+7 900 222-22-22",
        representative_email="sidorova@example.org",
        status=Mentee.Status.IN_PROGRAMME,
        entered_on=GIVEN,
        forms=list(MentorshipForm.objects.all()[:1]),
        **CONSENTS,
    )


def shown(person, field):
    """How the record must show a field: choices by label, dates as dd.mm.yyyy."""
    value = getattr(person, field.name)
    if field.many_to_many:
        return "; ".join(str(item) for item in value.all())
    if field.choices:
        return getattr(person, f"get_{field.name}_display")()
    if value is None:
        return None  # an empty cell
    if isinstance(value, bool):
        return translation.gettext("Yes") if value else translation.gettext("No")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, FieldFile):
        return value.name
    if hasattr(value, "_meta"):
        return str(value)
    return value


def workbook_of(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("snippet", ["mentor", "mentee"])
def test_record_holds_every_field_a_pair_and_the_audit_trail(curator, schools, snippet):
    mentor = filled_mentor(schools[0])
    mentee = filled_mentee(schools[0])
    pair = make_pair(
        mentor,
        [mentee],
        MentorshipPair.Status.COMPLETED,
        form=MentorshipForm.objects.first(),
        start_date=GIVEN,
        end_date=WITHDRAWN,
        goal="Олимпиада по физике",
        development_plan="План на год",
        result="Призёр",
    )
    PairMeeting.objects.create(pair=pair, kind="final", date=WITHDRAWN, notes="Итоги года")
    person = mentor if snippet == "mentor" else mentee
    assert curator.get(url(snippet, "list"), {"export": "csv"}).status_code == 200  # an entry

    subject_url = url(snippet, "subject", person.pk)
    inspect = BeautifulSoup(curator.get(url(snippet, "inspect", person.pk)).content, "html.parser")
    assert inspect.select_one(f"a[href='{subject_url}']") is not None

    workbook = workbook_of(curator.get(subject_url))
    person = type(person).objects.get(pk=person.pk)
    fields_sheet, consents_sheet = workbook.worksheets[:2]
    record = dict(rows(fields_sheet) + rows(consents_sheet))
    meta = person._meta
    expected_fields = [f for f in meta.concrete_fields if f.name != "id"] + list(meta.many_to_many)
    with translation.override("ru"):
        for field in expected_fields:
            label = capfirst(field.verbose_name)
            if field.name == "questionnaire_answers":
                for question, answer in ANSWERS.items():
                    assert record[f"{label}: {question}"] == answer
                continue
            assert label in record, f"{field.name} is missing from the record"
            assert record[label] == shown(person, field), field.name
            if field.name != "anonymised_at":
                assert record[label] not in (None, ""), f"{field.name} is empty in the test"

    cells = {cell.value: cell for sheet in workbook.worksheets for row in sheet for cell in row}
    if snippet == "mentor":
        assert cells["=1+1"].data_type == "s"
        assert "№ 123" in cells and "Школа наставников" in cells
    pair_rows = [row for sheet in workbook.worksheets for row in rows(sheet) if pair.goal in row]
    assert len(pair_rows) == 1
    assert {mentor.full_name, mentee.full_name, "План на год", "Призёр", "01.09.2024"} <= set(
        pair_rows[0]
    )
    assert "Итоги года" in cells

    downloads = PersonalDataLogEntry.objects.filter(action=EXPORT, data__layout="subject")
    assert [(e.object_id, e.user, e.data) for e in downloads] == [
        (str(person.pk), curator.user, {"format": "xlsx", "layout": "subject"})
    ]
    trail = PersonalDataLogEntry.objects.for_instance(person)
    audit_rows = rows(workbook.worksheets[-1])
    assert len(audit_rows) == trail.count() == 2  # the listing's export and this download
    assert {row[2] for row in audit_rows} == {curator.user.username}


def test_record_shows_no_pair_of_another_school(curator, schools):
    mentee = filled_mentee(schools[0])
    make_pair(filled_mentor(schools[0]), [mentee], goal="Наша цель")
    elsewhere = make_mentor("Чужой Наставник", organization=schools[1])
    make_pair(elsewhere, [mentee], goal="Чужая цель", organization=schools[1])
    workbook = workbook_of(curator.get(url("mentee", "subject", mentee.pk)))
    cells = {cell for sheet in workbook.worksheets for row in rows(sheet) for cell in row}
    assert "Наша цель" in cells
    assert not {"Чужая цель", "Чужой Наставник"} & cells


@pytest.mark.parametrize("snippet", ["mentor", "mentee"])
def test_another_schools_curator_gets_nothing(curator, stranger, schools, snippet):
    person = filled_mentor(schools[0]) if snippet == "mentor" else filled_mentee(schools[0])
    assert stranger.get(url(snippet, "subject", person.pk)).status_code == 404
    assert curator.get(url(snippet, "subject", 999999)).status_code == 404
    assert not PersonalDataLogEntry.objects.filter(action=EXPORT).exists()
