"""Every record an import creates or changes has the import in its own trail, from the admin
and from the command line; a preview, or a file refused, leaves no entry."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.people_builders import make_mentee, make_mentor, school
from wagtail_mentorship.importing.audit import IMPORT_ACTION
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.models import Mentor, MentorshipPair, PersonalDataLogEntry

MENTORS = "ФИО;E-mail\nОрлова Ирина;orlova@example.com\nЗуев Максим;zuev@example.com\n"


def trail(record):
    return PersonalDataLogEntry.objects.for_instance(record).filter(action=IMPORT_ACTION)


@pytest.mark.django_db
def test_each_imported_person_has_the_file_in_their_trail(admin_user):
    make_mentor("Зуев Максим", email="zuev@example.com", organization=school())
    report = run_import(MENTORS.encode(), "mentors.csv", "mentors", dry_run=False, user=admin_user)
    assert report.applied and (report.count("new"), report.count("updated")) == (1, 0)
    orlova = Mentor.objects.get(full_name="Орлова Ирина")
    (entry,) = trail(orlova)
    assert (entry.user, entry.data["file"], entry.organization_id) == (
        admin_user,
        "mentors.csv",
        orlova.organization_id,
    )
    # The unchanged Зуев is not touched, and not logged as imported.
    assert not trail(Mentor.objects.get(full_name="Зуев Максим")).exists()


@pytest.mark.django_db
def test_a_preview_and_a_refused_file_leave_no_entry():
    run_import(MENTORS.encode(), "mentors.csv", "mentors", dry_run=True)
    broken = MENTORS + "Петров Иван;petrov(at)example.com\n"
    report = run_import(broken.encode(), "mentors.csv", "mentors", dry_run=False)
    assert not report.applied
    assert not PersonalDataLogEntry.objects.filter(action=IMPORT_ACTION).exists()


@pytest.mark.django_db
def test_an_imported_pair_has_the_file_in_its_trail():
    make_mentor("Орлова Ирина", email="orlova@example.com", capacity=2)
    make_mentee("Кузьмин Артём", email="artem@example.com")
    csv = "Наставник;Наставляемые;Статус\norlova@example.com;artem@example.com;Формируется\n"
    report = run_import(csv.encode(), "pairs.csv", "pairs", dry_run=False)
    assert report.applied
    (entry,) = trail(MentorshipPair.objects.get())
    assert entry.data == {"file": "pairs.csv", "target": "pairs"}


@pytest.mark.django_db
def test_the_command_line_import_is_in_each_persons_trail(tmp_path):
    path = tmp_path / "mentors.csv"
    path.write_text(MENTORS, encoding="utf-8")
    call_command("mentorship_import", "mentors", str(path))
    assert all(trail(mentor).count() == 1 for mentor in Mentor.objects.all())
    assert Mentor.objects.count() == 2


@pytest.mark.django_db
def test_the_entry_the_database_writes_reads_in_the_persons_history(admin_client, admin_user):
    """The trail of imported people is written by the database in one statement: it must read
    as an entry written record by record does, in the person's history page."""
    data = MENTORS.encode()
    run_import(
        data, "mentors.csv", "mentors", dry_run=False, user=admin_user, organization=school()
    )
    orlova = Mentor.objects.get(full_name="Орлова Ирина")
    (entry,) = trail(orlova)
    assert (entry.label, entry.object_id, entry.content_type.model_class()) == (
        "Орлова Ирина",
        str(orlova.pk),
        Mentor,
    )
    history = reverse("wagtailsnippets_wagtail_mentorship_mentor:history_results", args=[orlova.pk])
    html = admin_client.get(history).content.decode()
    assert "Загружено из таблицы" in html and admin_user.get_username() in html
