"""Forming a pair with one click, under real use: repeated and simultaneous clicks, and
addresses or form values that name no record."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.people_builders import make_mentee, make_mentor
from wagtail_mentorship.models import MentorshipForm, MentorshipPair

CREATE_PAIR = "wagtailsnippets_wagtail_mentorship_mentee:create_pair"


@pytest.fixture
def teachers(db):
    return MentorshipForm.objects.get_or_create(name="Учитель – учитель")[0]


def test_three_clicks_make_one_pair(admin_client, teachers):
    mentor = make_mentor("Наставница Одна", capacity=3, forms=[teachers])
    mentee = make_mentee("Наставляемый Один", forms=[teachers])
    url = reverse(CREATE_PAIR, args=[mentee.pk])
    answers = [admin_client.post(url, {"mentor": mentor.pk, "form": teachers.pk}) for _ in range(3)]
    pair = MentorshipPair.objects.get()  # one, not three
    edit = reverse("wagtailsnippets_wagtail_mentorship_mentorshippair:edit", args=[pair.pk])
    assert [(a.status_code, a["Location"]) for a in answers] == [(302, edit)] * 3


@pytest.mark.parametrize(
    ("path_id", "data"),
    [
        ("abc", {"mentor": "1"}),
        (None, {"mentor": "abc"}),
        (None, {"mentor": "1", "form": "учитель"}),
        (None, {}),
    ],
    ids=["address", "mentor", "form", "nothing"],
)
def test_what_names_no_record_is_404(admin_client, teachers, path_id, data):
    mentee = make_mentee("Наставляемый Один")
    url = reverse(CREATE_PAIR, args=[mentee.pk])
    if path_id is not None:
        url = url.replace(f"/{mentee.pk}/", f"/{path_id}/")
    assert admin_client.post(url, data).status_code == 404
    assert not MentorshipPair.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_clicks_respect_the_mentors_capacity(django_user_model, teachers):
    """Two curators click at the same moment for two mentees of a mentor with one place."""
    mentor = make_mentor("Наставница Одна", capacity=1, forms=[teachers])
    mentees = [make_mentee(f"Наставляемый {n}", forms=[teachers]) for n in (1, 2)]
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    start = threading.Barrier(2)
    answers = []

    def click(mentee):
        client = Client()
        client.force_login(admin)
        start.wait()
        url = reverse(CREATE_PAIR, args=[mentee.pk])
        answers.append(client.post(url, {"mentor": mentor.pk, "form": teachers.pk}).status_code)
        connection.close()

    threads = [threading.Thread(target=click, args=[mentee]) for mentee in mentees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [302, 302]  # one to the new pair, one back with the reason
    assert MentorshipPair.objects.filter(mentor=mentor).count() == 1
