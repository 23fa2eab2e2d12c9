"""Suggestions a curator can act on: only forms that fit the mentee, the mentor's preferred
grades in the score, reasons in the words people typed, and the consent gaps in sight."""

import datetime

import pytest
from django.urls import reverse

from tests import people_builders as people
from wagtail_mentorship.models import Mentee, Mentor, MentorshipForm
from wagtail_mentorship.people.grades import grade_of, grades_in
from wagtail_mentorship.people.matching import MentorPool

REPRESENTATIVE_CONSENT = {
    "processing_consent_date": datetime.date(2024, 9, 1),
    "processing_consent_by": "representative",
    "representative_name": "Петрова Анна Сергеевна",
}


@pytest.fixture
def forms(db):
    return {form.name: form for form in MentorshipForm.objects.all()}


def mentor(name, forms, category, **fields):
    return people.make_mentor(
        name, forms=list(forms), category=category, **{**people.CONSENTED, **fields}
    )


def seventh_grader(name="Семиклассник Петя", **fields):
    fields = {"class_name": "7Б", "is_minor": True, **REPRESENTATIVE_CONSENT, **fields}
    return people.make_mentee(name, category=Mentee.Category.PUPIL, **fields)


def suggestions(mentee):
    mentee = Mentee.objects.prefetch_related("preferred_forms").get(pk=mentee.pk)
    return MentorPool.load(Mentor.objects.all()).suggest(mentee)


def inspect_url(mentee):
    return reverse("wagtailsnippets_wagtail_mentorship_mentee:inspect", args=[mentee.pk])


@pytest.mark.parametrize(
    "text, grades",
    [
        ("5–7 классы", {5, 6, 7}),
        ("учащиеся 7-9-х классов", {7, 8, 9}),
        ("старшеклассники", {9, 10, 11}),
        ("пятиклассники", {5}),
        ("12–14 лет", {5, 6, 7, 8}),
        ("молодые педагоги", set()),
        ("", set()),
    ],
)
def test_grades_are_read_as_people_write_them(text, grades):
    assert grades_in(text) == grades


def test_a_pupils_grade_is_read_from_the_class_and_a_college_group_has_none():
    assert [grade_of(name) for name in ("7Б", "10-А", "5 класс", "ИС-21", "")] == [
        7,
        10,
        5,
        None,
        None,
    ]


def test_a_7th_grader_gets_only_mentors_of_a_form_for_pupils(forms):
    mentor("Учительница", [forms["Учитель – учитель"]], Mentor.Category.TEACHER)
    mentor("Инженер", [forms["Работодатель – студент"]], Mentor.Category.EMPLOYER)
    student = mentor("Студент", [forms["Студент – ученик"]], Mentor.Category.STUDENT)
    # Even a form the pupil ticked by mistake does not bring a teacher-for-teachers mentor.
    pupil = seventh_grader(forms=[forms["Учитель – учитель"], forms["Студент – ученик"]])
    ranked = suggestions(pupil)
    assert [s.mentor for s in ranked] == [student]
    assert ranked[0].form == forms["Студент – ученик"]


def test_a_7th_grader_gets_no_mentor_when_no_form_fits(admin_client, forms):
    mentor("Учительница", [forms["Учитель – учитель"]], Mentor.Category.TEACHER)
    mentor("Инженер", [forms["Работодатель – студент"]], Mentor.Category.EMPLOYER)
    pupil = seventh_grader()
    assert suggestions(pupil) == []
    html = admin_client.get(inspect_url(pupil)).content.decode()
    assert "Пока нет утверждённого наставника со свободным местом и подходящей формой" in html
    assert "Учительница" not in html and "Инженер" not in html


def test_a_form_whose_mentee_role_names_grades_fits_those_grades_only(forms):
    seniors = MentorshipForm.objects.create(
        name="Работодатель – старшеклассник",
        mentor_role="Представитель работодателя",
        mentee_role="Ученик 8–11 классов",
    )
    engineer = mentor("Инженер", [seniors], Mentor.Category.EMPLOYER)
    assert suggestions(seventh_grader()) == []
    ninth = seventh_grader("Девятиклассница Оля", class_name="9А")
    assert [s.mentor for s in suggestions(ninth)] == [engineer]


def test_a_mentor_who_prefers_the_mentees_grade_scores_higher(forms):
    form = forms["Студент – ученик"]
    fits = mentor("Любит пятых–седьмых", [form], "student", preferred_mentees="5–7 классы")
    indifferent = mentor("Всё равно", [form], "student")
    seniors = mentor("Любит старших", [form], "student", preferred_mentees="старшеклассники")
    ranked = suggestions(seventh_grader(forms=[form]))
    assert [s.mentor for s in ranked] == [fits, indifferent, seniors]
    assert ranked[0].score > ranked[1].score > ranked[2].score
    assert "Предпочтения наставника: «5–7 классы» — 7 класс подходит" in ranked[0].reasons


def test_reasons_quote_the_request_and_the_competencies_as_typed(forms):
    form = forms["Студент – ученик"]
    mentor(
        "Олимпиадник",
        [form],
        "student",
        competencies="Олимпиадная математика, робототехника",
        interests="Шахматы",
    )
    pupil = seventh_grader(forms=[form], request="Подготовка к олимпиаде по математике")
    (top,) = suggestions(pupil)
    assert (
        "Запрос: „Подготовка к олимпиаде по математике“ — компетенции: „Олимпиадная математика“"
        in top.reasons
    )


def test_the_score_reads_as_a_person_writes_it(admin_client, forms):
    form = forms["Студент – ученик"]
    mentor("Студентка", [form], "student")
    pupil = seventh_grader(forms=[form])
    (top,) = suggestions(pupil)
    html = admin_client.get(inspect_url(pupil)).content.decode()
    assert f"совпадение {top.score} из 100" in html
    assert "w-status" not in html.split("mentorship-suggestions", 1)[1].split("</ol>")[0]


def test_a_minor_without_consent_is_warned_about_before_and_after_forming_a_pair(
    admin_client, forms
):
    form = forms["Студент – ученик"]
    student = mentor("Студентка", [form], "student")
    pupil = seventh_grader(
        forms=[form],
        processing_consent_date=None,
        processing_consent_by="",
        representative_name="",
    )
    missing = (
        "нет согласия законного представителя на обработку персональных данных (Семиклассник Петя)"
    )
    before = admin_client.get(inspect_url(pupil)).content.decode()
    assert "Согласие наставляемого: нет согласия" in before
    assert "Согласие наставника: только обработка" in before
    assert missing in before
    assert "Сформировать пару: Студентка" in before
    after = admin_client.post(
        reverse("wagtailsnippets_wagtail_mentorship_mentee:create_pair", args=[pupil.pk]),
        {"mentor": student.pk, "form": form.pk},
        follow=True,
    )
    html = after.content.decode()
    assert "создана в статусе «Формируется»" in html
    assert missing in html


def test_a_mentor_without_consent_is_named_in_the_warning(admin_client, forms):
    form = forms["Студент – ученик"]
    mentor("Без Согласия", [form], "student", processing_consent_date=None)
    html = admin_client.get(inspect_url(seventh_grader(forms=[form]))).content.decode()
    assert "Нет согласия на обработку персональных данных: Без Согласия." in html
