"""An upload is imported once, however many confirmations reach the app servers at once."""

import threading

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.people_builders import school
from wagtail_mentorship.models import Mentee, SpreadsheetImport

PREVIEW = "wagtailsnippets_wagtail_mentorship_mentee:import_preview"
ROWS = 200


def pending_upload(user) -> SpreadsheetImport:
    lines = ["ФИО;E-mail"] + [f"Ученик {n};pupil{n}@example.org" for n in range(ROWS)]
    upload = SpreadsheetImport(target="mentees", filename="pupils.csv", user=user)
    upload.organization = school()
    upload.file.save("pupils.csv", ContentFile("\n".join(lines).encode()), save=False)
    upload.save()
    return upload


def test_a_second_confirmation_imports_nothing(admin_client, admin_user):
    url = reverse(PREVIEW, args=[pending_upload(admin_user).pk])
    first = admin_client.post(url, {"action": "confirm"}, follow=True)
    second = admin_client.post(url, {"action": "confirm"}, follow=True)
    assert Mentee.objects.count() == ROWS
    assert [str(m) for m in first.context["messages"]] == [
        "«pupils.csv» загружен. Новых: 200, обновлено: 0, без изменений: 0."
    ]
    # The second is sent back to upload a file, and told why.
    assert second.redirect_chain[-1][0] == reverse(
        "wagtailsnippets_wagtail_mentorship_mentee:import"
    )
    assert len(list(second.context["messages"])) == 1
    assert Mentee.objects.filter(email="pupil0@example.org").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_confirmations_import_once(django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    url = reverse(PREVIEW, args=[pending_upload(admin).pk])
    start = threading.Barrier(2)

    def confirm():
        client = Client()
        client.force_login(admin)
        start.wait()
        client.post(url, {"action": "confirm"})
        connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Mentee.objects.count() == ROWS
    assert SpreadsheetImport.objects.get().status == SpreadsheetImport.Status.APPLIED
