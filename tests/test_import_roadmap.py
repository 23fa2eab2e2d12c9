"""A roadmap's stages and activities from a table laid out as the seed documents are."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import PageLogEntry

from home.demo_content import DATA_DIR
from tests.builders import build_roadmap
from wagtail_mentorship.models import RoadmapPage, StagePage

FIXTURES = Path(__file__).parent / "fixtures"
UPLOAD = "wagtail_mentorship_roadmap_import:upload"
SEED = json.loads((DATA_DIR / "roadmap_school.json").read_text(encoding="utf-8"))


@pytest.fixture
def roadmap(home_page):
    return build_roadmap(home_page, stages=0, title="Дорожная карта школы", slug="school")


def upload(client, roadmap, name, content):
    response = client.post(
        reverse(UPLOAD, args=[roadmap.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302, response.content[:300]
    return response["Location"]


def test_the_roadmap_page_offers_the_import(admin_client, roadmap):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[roadmap.pk])).content.decode()
    assert reverse(UPLOAD, args=[roadmap.pk]) in html


def test_the_seed_table_becomes_draft_stages_with_every_activity(admin_client, client, roadmap):
    preview_url = upload(
        admin_client, roadmap, "roadmap.xlsx", (FIXTURES / "roadmap_school.xlsx").read_bytes()
    )
    preview = admin_client.get(preview_url).content.decode()
    assert "6 этапов" in preview and SEED["stages"][0]["title"] in preview
    response = admin_client.post(preview_url, {"action": "confirm"}, follow=True)
    assert "сохранены как черновики" in response.content.decode()
    (entry,) = PageLogEntry.objects.filter(page=roadmap, action="wagtail_mentorship.import")
    assert (entry.user.username, entry.data["file"]) == ("admin", "roadmap.xlsx")

    stages = StagePage.objects.child_of(roadmap).order_by("path")
    assert [s.title for s in stages] == [s["title"] for s in SEED["stages"]]
    assert not any(stage.live for stage in stages)  # nothing public until the editor publishes
    assert client.get(roadmap.url).content.decode().count('th scope="row"') == 0
    for stage, seed in zip(stages, SEED["stages"], strict=True):
        draft = stage.get_latest_revision_as_object()
        assert [(a.title, a.timing, a.responsible, a.result) for a in draft.activities.all()] == [
            (a["title"], a["timing"], a["responsible"], a["result"]) for a in seed["activities"]
        ]
        draft.save_revision().publish()
    html = client.get(RoadmapPage.objects.get(pk=roadmap.pk).url).content.decode()
    assert html.count('th scope="row"') == sum(len(s["activities"]) for s in SEED["stages"])


def test_importing_again_updates_the_same_stages(admin_client, roadmap):
    content = (FIXTURES / "roadmap_school.xlsx").read_bytes()
    admin_client.post(upload(admin_client, roadmap, "roadmap.xlsx", content), {"action": "confirm"})
    admin_client.post(upload(admin_client, roadmap, "roadmap.xlsx", content), {"action": "confirm"})
    assert StagePage.objects.child_of(roadmap).count() == len(SEED["stages"])


def test_an_activity_before_any_stage_is_reported(admin_client, roadmap):
    csv = "Мероприятие;Сроки\n1.1. Без этапа;Сентябрь\nЭтап 1. Подготовка\n1.2. Приказ;Октябрь\n"
    preview_url = upload(admin_client, roadmap, "bad.csv", csv.encode())
    preview = admin_client.get(preview_url).content.decode()
    assert "Мероприятие до первого этапа" in preview
    assert 'value="confirm"' not in preview
    admin_client.post(preview_url, {"action": "confirm"})
    assert not StagePage.objects.child_of(roadmap).exists()


def test_an_editor_without_rights_on_the_roadmap_is_refused(client, django_user_model, roadmap):
    user = django_user_model.objects.create_user("viewer", "v@example.com", "x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse(UPLOAD, args=[roadmap.pk]))
    assert response.status_code == 302  # Wagtail's «no access»: back to the dashboard
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not StagePage.objects.child_of(roadmap).exists()


def test_another_editors_upload_is_not_there(admin_client, client, django_user_model, roadmap):
    """The roadmap's import answers a stranger's upload as the people's import does: 404."""
    preview_url = upload(
        admin_client, roadmap, "roadmap.xlsx", (FIXTURES / "roadmap_school.xlsx").read_bytes()
    )
    other = django_user_model.objects.create_user("editor2", "e2@example.com", "x")
    other.groups.add(Group.objects.get(name="Moderators"))  # may edit the roadmap too
    client.force_login(other)
    assert client.get(reverse(UPLOAD, args=[roadmap.pk])).status_code == 200
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url, {"action": "confirm"}).status_code == 404
    assert not StagePage.objects.child_of(roadmap).exists()


def test_a_page_that_is_no_roadmap_has_no_import(admin_client, home_page):
    response = admin_client.get(reverse(UPLOAD, args=[home_page.pk]))
    assert response.status_code == 404


def test_a_broken_row_is_named_with_its_row_and_column(admin_client, roadmap):
    table = (
        "Этап;Мероприятие;Сроки\nЭтап 1. Подготовка;Приказ;Сентябрь\nЭтап 1. Подготовка;;Октябрь\n"
    )
    preview_url = upload(admin_client, roadmap, "roadmap.csv", table.encode())
    report = admin_client.get(preview_url).context["report"]
    assert [(p.row, p.column) for p in report.problems] == [(3, "Мероприятие")]
    response = admin_client.post(preview_url, {"action": "confirm"})
    assert response.status_code == 200  # the preview again, with the problem
    assert not StagePage.objects.child_of(roadmap).exists()
