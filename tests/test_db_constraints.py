"""What the database itself refuses, whatever code writes to it: a second person of an
organisation with the same e-mail and full name, and a second open pair of a mentor and a
mentee. The app's own checks come first with a curator's message; the database is the last
line, on SQLite and on PostgreSQL alike."""

import threading

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import querydict_from_html

from tests.people_builders import make_mentee, make_mentor, make_pair, school
from wagtail_mentorship.importing import resources
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.models import Mentee, Mentor, MentorshipForm, MentorshipPair

PAIRS = "wagtailsnippets_wagtail_mentorship_mentorshippair"
CREATE_PAIR = "wagtailsnippets_wagtail_mentorship_mentee:create_pair"
SCHOOL, COLLEGE = "МБОУ «СОШ № 1»", "Колледж связи"
ALREADY_PAIRED = "%(name)s is already in another forming or active pair with %(mentor)s."


@pytest.fixture
def forms(db):
    return tuple(
        MentorshipForm.objects.get_or_create(name=name)[0]
        for name in ("Учитель – учитель", "Ученик – ученик")
    )


def refused(create) -> IntegrityError:
    """The database's refusal of ``create``, within a savepoint so the test goes on."""
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        create()
    return refusal.value


# ---------------------------------------------------------------------------------------------
# One person per e-mail and full name in an organisation


@pytest.mark.parametrize("model", [Mentor, Mentee])
def test_the_same_person_twice_in_one_organisation_is_refused(db, model):
    model.objects.create(
        full_name="Сидорова Ольга", email="olga@example.com", organization=school()
    )
    refused(
        lambda: model.objects.create(
            full_name="Сидорова Ольга", email="OLGA@Example.com", organization=school()
        )
    )
    assert model.objects.count() == 1


@pytest.mark.parametrize("model", [Mentor, Mentee])
def test_siblings_namesakes_and_other_organisations_are_different_people(db, model):
    fields = {"email": "parent@example.com", "organization": school()}
    model.objects.create(full_name="Петров Пётр", **fields)
    model.objects.create(full_name="Петрова Мария", **fields)  # a sibling: the parent's e-mail
    model.objects.create(full_name="Петров Пётр", email="parent@example.com", organization=None)
    model.objects.create(
        full_name="Петров Пётр", email="parent@example.com", organization=school(COLLEGE)
    )
    model.objects.create(full_name="Иванов Иван", organization=school())  # without e-mail the
    model.objects.create(full_name="Иванов Иван", organization=school())  # app alone decides
    assert model.objects.count() == 6


def test_the_model_validation_gives_the_constraints_message(db):
    make_mentor("Сидорова Ольга", email="olga@example.com")
    twin = Mentor(full_name="Сидорова Ольга", email="olga@example.com", organization=school())
    with translation.override("en"), pytest.raises(ValidationError) as error:
        twin.validate_constraints()
    assert error.value.messages == [
        "A person with this e-mail and full name is already in this organisation."
    ]


def test_the_admin_refuses_the_same_person_twice_with_a_message(admin_client, db):
    make_mentor("Сидорова Ольга", email="olga@example.com")
    url = reverse("wagtailsnippets_wagtail_mentorship_mentor:add")
    data = edit_data(
        admin_client,
        url,
        full_name="Сидорова Ольга",
        email="Olga@example.com",
        organization=school().pk,
        capacity=1,
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        in_admin_language(
            "A person with this e-mail and full name is already in this organisation."
        )
    ]
    assert Mentor.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# One open pair of a mentor and a mentee


def test_the_triggers_are_in_place(db):
    """SQLite drops a table's triggers when a migration remakes the table: a later migration
    that alters the pairs or their mentees' table must create them again."""
    query = {
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
        "postgresql": "SELECT tgname FROM pg_trigger WHERE tgname LIKE %s",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(query, [f"{MentorshipPair.ONE_OPEN_PAIR}%"])
        names = sorted(name.removeprefix(MentorshipPair.ONE_OPEN_PAIR) for (name,) in cursor)
    assert (
        names
        == {
            "sqlite": ["_link_insert", "_link_update", "_pair_update"],
            "postgresql": ["_link", "_pair"],
        }[connection.vendor]
    )


@pytest.fixture
def partners(db):
    return make_mentor("Орлова Ирина", capacity=5), make_mentee("Кузьмин Артём")


def test_a_second_open_pair_of_the_same_mentor_and_mentee_is_refused(partners, forms):
    mentor, mentee = partners
    make_pair(mentor, [mentee], status="active", form=forms[0])
    error = refused(lambda: make_pair(mentor, [make_mentee("Другой"), mentee], form=forms[1]))
    assert MentorshipPair.refused_as_second_open_pair(error)
    assert MentorshipPair.objects.count() == 1
    # The link table written directly is refused as well.
    second = make_pair(mentor, [make_mentee("Третий")], status="forming")
    link = MentorshipPair.mentees.through
    refused(lambda: link.objects.create(mentorshippair=second, mentee=mentee))


@pytest.mark.parametrize("closed", ["completed", "terminated"])
def test_a_closed_pair_and_a_new_open_one_are_fine(partners, forms, closed):
    mentor, mentee = partners
    make_pair(mentor, [mentee], status=closed, form=forms[0])
    make_pair(mentor, [mentee], status="forming", form=forms[0])
    make_pair(make_mentor("Зуев Максим"), [mentee], status="active")  # another mentor
    assert MentorshipPair.objects.filter(mentees=mentee).count() == 3


def test_reopening_a_pair_or_changing_its_mentor_is_refused_when_it_would_repeat(partners):
    mentor, mentee = partners
    done = make_pair(mentor, [mentee], status="completed")
    make_pair(mentor, [mentee], status="active")
    done.status = MentorshipPair.Status.ACTIVE
    refused(done.save)
    assert MentorshipPair.objects.get(pk=done.pk).status == "completed"
    other = make_pair(make_mentor("Зуев Максим"), [mentee], status="forming")
    other.mentor = mentor
    refused(other.save)
    # Closing an open pair, or changing anything else of it, is never refused.
    other.refresh_from_db()
    other.goal, other.status = "Адаптация", MentorshipPair.Status.TERMINATED
    other.save()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_transactions_at_once_make_one_open_pair():
    """The second waits for the first to commit, then sees its pair and is refused."""
    mentor, mentee = make_mentor("Орлова Ирина", capacity=5), make_mentee("Кузьмин Артём")
    outcome = []

    def second():
        try:
            with transaction.atomic():  # as the admin saves: the pair with its mentees
                make_pair(mentor, [mentee], status="forming")
            outcome.append("saved")
        except IntegrityError as error:
            outcome.append(MentorshipPair.refused_as_second_open_pair(error))
        finally:
            connection.close()

    with transaction.atomic():
        make_pair(mentor, [mentee], status="forming")
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive(), "the second transaction did not wait for the first"
    thread.join()
    assert outcome == [True]
    assert MentorshipPair.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# The admin and the one-click pair: the app's message first


def edit_data(client, url, **changes) -> dict:
    """The edit form's values as the browser sends them, with ``changes``; lists, since the
    test client sends only the last value of each key of a QueryDict."""
    html = client.get(url).content.decode()
    actions = [form.get("action") for form in BeautifulSoup(html, "html.parser").find_all("form")]
    data = querydict_from_html(html, form_index=actions.index(url))
    return {key: data.getlist(key) for key in data} | changes


def in_admin_language(message: str, **values) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % values


def test_the_admin_edit_form_of_a_pair_still_saves(admin_client, partners, forms):
    mentor, mentee = partners
    pair = make_pair(mentor, [mentee], status="forming", form=forms[0])
    url = reverse(f"{PAIRS}:edit", args=[pair.pk])
    second = make_mentee("Вторая")
    data = edit_data(admin_client, url, goal="Подготовка", mentees=[mentee.pk, second.pk])
    assert admin_client.post(url, data).status_code == 302
    pair.refresh_from_db()
    assert pair.goal == "Подготовка"
    assert sorted(m.full_name for m in pair.mentees.all()) == ["Вторая", "Кузьмин Артём"]
    data = edit_data(admin_client, url, status="terminated")  # with the mentees it has
    assert admin_client.post(url, data).status_code == 302
    assert MentorshipPair.objects.get(pk=pair.pk).status == "terminated"


def test_the_admin_form_refuses_a_second_open_pair_with_a_message(admin_client, partners, forms):
    mentor, mentee = partners
    make_pair(mentor, [mentee], status="active", form=forms[0])
    done = make_pair(mentor, [mentee], status="completed", form=forms[1])
    url = reverse(f"{PAIRS}:edit", args=[done.pk])
    response = admin_client.post(url, edit_data(admin_client, url, status="forming"))
    assert response.status_code == 200
    assert response.context["form"].errors["mentees"] == [
        in_admin_language(ALREADY_PAIRED, name=mentee.full_name, mentor=mentor.full_name)
    ]
    assert MentorshipPair.objects.get(pk=done.pk).status == "completed"


def test_the_one_click_pair_of_another_form_is_refused_with_a_message(
    admin_client, partners, forms
):
    mentor, mentee = partners
    make_pair(mentor, [mentee], status="active", form=forms[0])
    url = reverse(CREATE_PAIR, args=[mentee.pk])
    response = admin_client.post(url, {"mentor": mentor.pk, "form": forms[1].pk}, follow=True)
    message = in_admin_language(ALREADY_PAIRED, name=mentee.full_name, mentor=mentor.full_name)
    assert [str(m) for m in response.context["messages"]] == [message]
    assert MentorshipPair.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# Imports: the row and the column, never a database error


def imported(lines, target, **kwargs):
    data = ("\n".join(lines) + "\n").encode()
    with translation.override("en"):
        return run_import(data, f"{target}.csv", target, dry_run=False, **kwargs)


def problems(report) -> list[tuple]:
    return [(p.row, p.column, p.message) for p in report.problems]


@pytest.mark.parametrize("target", ["mentors", "mentees"])
def test_a_file_with_the_same_person_twice_refuses_the_second_row(db, target):
    report = imported(
        [
            "ФИО;E-mail;Организация",
            f"Сидорова Ольга;olga@example.com;{SCHOOL}",
            f"Сидорова Ольга;OLGA@example.com;{SCHOOL}",
            f"Сидоров Олег;olga@example.com;{SCHOOL}",  # a sibling: a person of their own
        ],
        target,
    )
    assert problems(report) == [(3, "ФИО", "The same person as in row 2 of this file.")]
    assert not report.applied
    assert not Mentor.objects.exists() and not Mentee.objects.exists()
    report = imported(
        [
            "ФИО;E-mail;Организация",
            f"Сидорова Ольга;olga@example.com;{SCHOOL}",
            f"Сидоров Олег;olga@example.com;{SCHOOL}",
        ],
        target,
    )
    assert report.ok and report.count("new") == 2


def test_a_row_that_would_repeat_a_person_of_the_organisation_is_refused(db):
    """The same person in two organisations; a row moves the one of the first to the second."""
    first = make_mentor("Алена Петрова", email="alena@example.com", organization=school(SCHOOL))
    make_mentor("Алёна Петрова", email="alena@example.com", organization=school(COLLEGE))
    report = imported(
        ["ФИО;E-mail;Организация", f"Алёна Петрова;alena@example.com;{COLLEGE}"], "mentors"
    )
    assert problems(report) == [
        (
            2,
            "E-mail",
            "Алёна Петрова with the e-mail alena@example.com is in the base of «Колледж связи» "
            "already: one organisation cannot have the same person twice.",
        )
    ]
    first.refresh_from_db()
    assert (first.full_name, first.organization.name) == ("Алена Петрова", SCHOOL)


PAIR_HEADER = "Наставник;Наставляемые;Форма наставничества;Статус"


def test_a_pair_row_repeating_an_open_pair_is_refused_with_row_and_column(partners, forms):
    mentor, mentee = partners
    make_pair(mentor, [mentee], status="active", form=forms[0])
    report = imported([PAIR_HEADER, f"Орлова Ирина;Кузьмин Артём;{forms[1].name};Forming"], "pairs")
    assert problems(report) == [
        (2, "Наставляемые", ALREADY_PAIRED % {"name": mentee.full_name, "mentor": mentor.full_name})
    ]
    assert MentorshipPair.objects.count() == 1


def test_a_pair_row_the_database_refuses_is_reported_with_row_and_column(
    partners, forms, monkeypatch
):
    """As if another curator saved the same pair between the row's check and its save."""
    mentor, mentee = partners
    make_pair(mentor, [mentee], status="active", form=forms[0])
    monkeypatch.setattr(resources, "pair_errors", lambda pair, mentees: {})
    report = imported([PAIR_HEADER, f"Орлова Ирина;Кузьмин Артём;{forms[1].name};Forming"], "pairs")
    assert problems(report) == [
        (
            2,
            "Наставляемые",
            "Орлова Ирина and one of these mentees are already in another forming or active pair.",
        )
    ]
    assert MentorshipPair.objects.count() == 1
