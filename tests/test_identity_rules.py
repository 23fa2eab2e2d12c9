"""Who is the same person, as a curator meets it: «cannot mentor themself» in a pair, and the
refusal of a second record of one person in one organisation."""

import pytest
from django.core.exceptions import ValidationError

from tests.people_builders import make_mentee, make_mentor, school
from wagtail_mentorship.models import Mentor, MentorshipPair
from wagtail_mentorship.people.identity import one_person_per_organisation
from wagtail_mentorship.people.pair_rules import pair_errors


def refused_as_themself(mentor, mentee) -> bool:
    """Whether a pair of ``mentor`` and ``mentee`` is refused as one person mentoring themself."""
    pair = MentorshipPair(mentor=mentor, status=MentorshipPair.Status.FORMING)
    message = f"{mentee.full_name} не может быть наставником самому себе."
    return message in pair_errors(pair, [mentee]).get("mentees", [])


@pytest.mark.parametrize(
    ("mentor_name", "mentee_name"),
    [
        ("  Иванова  Алёна ", "иванова алена"),  # spaces, case and «ё»
        ("Ёлкина Ольга", "Елкина Ольга"),  # a capital «Ё»
        ("Соколова\tМария", "Соколова Мария"),
    ],
)
def test_one_name_however_it_is_written_in_one_school(db, mentor_name, mentee_name):
    assert refused_as_themself(make_mentor(mentor_name, capacity=2), make_mentee(mentee_name))


def test_a_name_with_an_email_and_the_same_name_without_one_in_one_school(db):
    # One record has an e-mail, the other none: the name within the school decides.
    mentor = make_mentor("Сидорова Ольга", email="olga@example.com")
    assert refused_as_themself(mentor, make_mentee("Сидорова Ольга"))
    assert not refused_as_themself(
        mentor, make_mentee("Сидорова Ольга", organization=school("Колледж"))
    )


def test_namesakes_without_emails_in_two_schools_may_be_paired(db):
    mentor = make_mentor("Кузнецов Иван")
    namesake = make_mentee("Кузнецов Иван", organization=school("Гимназия № 3"))
    assert not refused_as_themself(mentor, namesake)
    assert pair_errors(MentorshipPair(mentor=mentor, status="forming"), [namesake]) == {}


# The rule the database keeps: one organisation, one person with an e-mail and a full name.

IN_BASE = "Человек с таким e-mail и ФИО уже есть в этой организации."


@pytest.fixture
def anna(db):
    return make_mentor("Иванова Анна", email="anna@example.com")


def violations(person) -> list[str]:
    try:
        one_person_per_organisation().validate(Mentor, person)
    except ValidationError as error:
        return error.messages
    return []


def test_a_second_record_of_one_person_in_one_school_is_refused(anna):
    # The e-mail's case is ignored (a name's, only as far as the database's LOWER() folds it).
    again = Mentor(full_name="Иванова Анна", email="Anna@Example.com", organization=school())
    assert violations(again) == [IN_BASE]
    # The admin's form refuses it with the same words.
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert IN_BASE in error.value.messages


@pytest.mark.parametrize(
    "fields",
    [
        {"full_name": "Иванова Анна", "email": "anna@example.com", "organization": "Колледж"},
        {"full_name": "Иванова Мария", "email": "anna@example.com"},  # a sister, the same e-mail
        {"full_name": "Иванова Анна", "email": "anna.second@example.com"},  # a namesake
    ],
    ids=["another-school", "sibling", "namesake"],
)
def test_others_who_share_something_are_not_refused(anna, fields):
    fields = dict(fields)
    organization = school(fields.pop("organization")) if "organization" in fields else school()
    assert violations(Mentor(**fields, organization=organization)) == []


def test_namesakes_without_emails_are_told_apart_by_the_app_not_the_database(db):
    make_mentor("Петров Пётр")
    assert violations(Mentor(full_name="Петров Пётр", organization=school())) == []
