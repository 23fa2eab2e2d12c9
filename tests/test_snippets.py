"""Mentorship forms and organisations in the admin."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from wagtail_mentorship.models import MentorshipForm, Organization

METHODOLOGY_FORMS = {
    "Ученик – ученик",
    "Студент – ученик",
    "Работодатель – ученик",
    "Работодатель – студент",
    "Учитель – учитель",
}


@pytest.mark.django_db
def test_the_five_forms_of_the_methodology_exist_after_migrating():
    assert set(MentorshipForm.objects.values_list("name", flat=True)) >= METHODOLOGY_FORMS


def test_menu_group_and_listings(admin_client):
    Organization.objects.create(name="МБОУ «СОШ № 4»", short_name="СОШ № 4", kind="school")
    dashboard = BeautifulSoup(admin_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    sidebar = json.loads(dashboard.select_one("#wagtail-sidebar-props").string)
    assert "Наставничество" in json.dumps(sidebar, ensure_ascii=False)
    forms_listing = admin_client.get(
        reverse("wagtailsnippets_wagtail_mentorship_mentorshipform:list")
    )
    assert forms_listing.status_code == 200
    assert "Работодатель – студент" in forms_listing.content.decode()
    organizations = admin_client.get(
        reverse("wagtailsnippets_wagtail_mentorship_organization:list"), {"kind": "school"}
    )
    assert "МБОУ «СОШ № 4»" in organizations.content.decode()


def test_curator_adds_a_local_form(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_wagtail_mentorship_mentorshipform:add"),
        {
            "name": "Учитель – ученик",
            "mentor_role": "Учитель",
            "mentee_role": "Ученик",
            "description": "Местный вариант формы",
        },
    )
    assert response.status_code == 302
    assert MentorshipForm.objects.filter(name="Учитель – ученик").exists()
