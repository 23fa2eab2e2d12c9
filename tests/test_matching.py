"""Mentor suggestions: ranked by fit, with reasons; one click forms a pair."""

import pytest
from django.urls import reverse

from tests import people_builders as people
from wagtail_mentorship.models import (
    Mentee,
    Mentor,
    MentorshipForm,
    MentorshipPair,
    Organization,
)
from wagtail_mentorship.people.matching import MentorPool


@pytest.fixture
def forms(db):
    return {form.name: form for form in MentorshipForm.objects.all()}


@pytest.fixture
def school(db):
    return Organization.objects.create(name="Школа № 1")


def make_mentor(name, forms=(), **fields):
    return people.make_mentor(name, forms=list(forms), **{"capacity": 2, **fields})


def make_mentee(name, forms=(), **fields):
    # Teachers, as the form «Учитель – учитель» these mentees ask for means: a pupil no
    # longer gets a mentor through a form made for teachers.
    return people.make_mentee(
        name, forms=list(forms), **{"category": Mentee.Category.TEACHER, **fields}
    )


def suggestions(mentee):
    mentee = Mentee.objects.prefetch_related("preferred_forms").get(pk=mentee.pk)
    return MentorPool.load(Mentor.objects.all()).suggest(mentee)


def test_ranked_by_form_request_capacity_and_organisation(forms, school):
    teachers = forms["Учитель – учитель"]
    best = make_mentor(
        "Лучший",
        [teachers],
        competencies="Дисциплина на уроке, работа с родителями",
        organization=school,
    )
    form_only = make_mentor("Только форма", [teachers], competencies="Химия")
    other = make_mentor("Другая форма", [forms["Ученик – ученик"]], competencies="Дисциплина")
    mentee = make_mentee(
        "Молодой Учитель",
        [teachers],
        request="Дисциплина в классе, родительское собрание",
        organization=school,
    )
    ranked = suggestions(mentee)
    # «Ученик – ученик» is no form for a teacher: that mentor is out, not merely lower.
    assert [s.mentor for s in ranked] == [best, form_only]
    assert other not in [s.mentor for s in ranked]
    top = ranked[0]
    assert top.form == teachers
    # form 40, two words 20, no grade preference 5 of 10, free places 10, organisation 10
    assert top.score == 40 + 20 + 5 + 10 + 10
    reasons = " | ".join(top.reasons)
    assert "Подходит форма: «Учитель – учитель»" in reasons
    assert (
        "Запрос: „Дисциплина в классе“, „родительское собрание“ — "
        "компетенции: „Дисциплина на уроке“, „работа с родителями“"
    ) in reasons
    assert "Свободно 2 места из 2" in reasons
    assert "Та же организация" in reasons


def test_full_inactive_and_same_person_mentors_are_not_suggested(forms):
    teachers = forms["Учитель – учитель"]
    full = make_mentor("Занятый", [teachers], capacity=1)
    people.make_pair(full, [make_mentee("Уже в паре")])
    make_mentor("Кандидат", [teachers], status=Mentor.Status.CANDIDATE)
    make_mentor("Я сам", [teachers], email="me@example.com")
    free = make_mentor("Свободный", [teachers])
    mentee = make_mentee("Я  сам", [teachers], email="ME@example.com")  # e-mail and name
    assert [s.mentor for s in suggestions(mentee)] == [free]


def test_one_click_forms_a_pair_in_forming_state(admin_client, forms):
    teachers = forms["Учитель – учитель"]
    mentor = make_mentor("Наставник", [teachers])
    mentee = make_mentee("Наставляемый", [teachers])
    inspect = admin_client.get(
        reverse("wagtailsnippets_wagtail_mentorship_mentee:inspect", args=[mentee.pk])
    )
    html = inspect.content.decode()
    assert "Предлагаемые наставники" in html and "Сформировать пару: Наставник" in html
    response = admin_client.post(
        reverse("wagtailsnippets_wagtail_mentorship_mentee:create_pair", args=[mentee.pk]),
        {"mentor": mentor.pk, "form": teachers.pk},
    )
    pair = MentorshipPair.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_wagtail_mentorship_mentorshippair:edit", args=[pair.pk]
    )
    assert (pair.mentor, list(pair.mentees.all()), pair.form, pair.status) == (
        mentor,
        [mentee],
        teachers,
        "forming",
    )
    again = admin_client.get(
        reverse("wagtailsnippets_wagtail_mentorship_mentee:inspect", args=[mentee.pk])
    )
    assert "уже состоит в формируемой или действующей паре" in again.content.decode()


def test_a_pair_that_breaks_a_rule_is_not_formed(admin_client, forms):
    mentor = make_mentor("Занятой", capacity=1)
    people.make_pair(mentor, [make_mentee("Первый")], status="forming")
    mentee = make_mentee("Второй")
    response = admin_client.post(
        reverse("wagtailsnippets_wagtail_mentorship_mentee:create_pair", args=[mentee.pk]),
        {"mentor": mentor.pk, "form": ""},
        follow=True,
    )
    assert MentorshipPair.objects.count() == 1
    assert "может вести не больше 1 наставляемых" in response.content.decode()


def test_report_lists_mentees_without_a_mentor_with_suggestions(admin_client, forms):
    teachers = forms["Учитель – учитель"]
    make_mentor("Свободная Наставница", [teachers])
    waiting = make_mentee("Ждущий", [teachers])
    paired = make_mentee("В паре")
    people.make_pair(make_mentor("Другой"), [paired])
    make_mentee("Выбывший", status=Mentee.Status.WITHDRAWN)
    html = admin_client.get(
        reverse("wagtailsnippets_wagtail_mentorship_mentee:without_mentor")
    ).content.decode()
    assert waiting.full_name in html and "Свободная Наставница" in html
    assert "В паре" not in html and "Выбывший" not in html
