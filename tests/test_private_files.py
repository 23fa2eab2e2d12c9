"""Private files stay private: the consents' collection is sealed against rights on parent
collections, scans are served only with their person, uploads waiting for confirmation and
unpublished portraits are under no served URL, and a withdrawn photo leaves nothing behind."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.access_world import PUBLICATION, build_world, png
from tests.people_builders import make_mentor
from wagtail_mentorship.access.storage import private_storage
from wagtail_mentorship.models import Mentor

Document = get_document_model()


@pytest.fixture
def world(db, django_user_model):
    return build_world(django_user_model)


def browser(client, user):
    client.force_login(user)
    return client


def media_url(name) -> str:
    return reverse("media", args=[name])


# ---------------------------------------------------------------------------------------------
# The consents' collection


def test_editors_rights_on_the_root_collection_stop_at_the_consents(world, client):
    """Wagtail's Editors group holds add, change and choose on the root collection."""
    editor, scan = browser(client, world.users["editor"]), world.scan
    root = Collection.get_first_root_node()
    listing = editor.get(reverse("wagtaildocs:index"))
    assert listing.status_code == 200
    assert f"/admin/documents/edit/{scan.pk}/" not in listing.content.decode()
    found = editor.get(reverse("wagtaildocs:index"), {"q": "Согласие"}).content.decode()
    assert scan.title not in found
    chooser = editor.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert scan.title not in chooser
    for view in ("wagtaildocs:edit", "wagtaildocs:delete", "wagtaildocs:document_usage"):
        response = editor.get(reverse(view, args=[scan.pk]))
        assert response.status_code == 302, view  # Wagtail's «no access», not the page
        assert response["Location"] == reverse("wagtailadmin_home")

    # The move: an edit that puts the scan into the root collection is refused.
    response = editor.post(
        reverse("wagtaildocs:edit", args=[scan.pk]),
        {"title": "Перемещён", "collection": root.pk, "file": ""},
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    scan.refresh_from_db()
    assert scan.collection == world.scan.collection and scan.title != "Перемещён"
    # Nor can an upload land in the consents' collection.
    add_form = editor.get(reverse("wagtaildocs:add")).content.decode()
    assert f'value="{scan.collection_id}"' not in add_form

    # Downloading: Wagtail's document view, after the attempted move, and the media folder.
    serve_url = reverse("wagtaildocs_serve", args=[scan.pk, scan.filename])
    assert editor.get(serve_url).status_code == 404
    client.logout()
    anonymous = client.get(serve_url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    assert "Секретов" not in anonymous.content.decode()
    assert client.get(media_url(scan.file.name)).status_code == 404


def test_a_scan_is_titled_by_number_and_served_only_with_its_person(world, client):
    scan = world.scan
    scan.refresh_from_db()  # as stored, not as the signal left the instance
    assert scan.title == f"Скан согласия № {scan.pk}"
    assert "Секретов" not in scan.file.name
    assert scan.file.name.startswith(f"documents/consent-{scan.pk}-")
    serve_url = reverse("wagtaildocs_serve", args=[scan.pk, scan.filename])
    for role, status in (("curator_a", 200), ("curator_b", 404), ("coordinator", 200)):
        response = browser(client, world.users[role]).get(serve_url)
        assert response.status_code == status, role
        if status == 200:
            assert "Секретовой" in b"".join(response.streaming_content).decode()


def test_only_curators_may_put_a_document_into_the_consents(world, client):
    def upload(role, title):
        before = set(Document.objects.values_list("pk", flat=True))
        browser(client, world.users[role]).post(
            reverse("wagtaildocs:add"),
            {
                "title": title,
                "file": ContentFile(b"scan", name=f"{role}.pdf"),
                "collection": world.scan.collection_id,
            },
        )
        return Document.objects.exclude(pk__in=before).first()

    # Not a collection the editor may choose: the document stays out of the consents.
    uploaded = upload("editor", "Согласие")
    assert uploaded is None or uploaded.collection_id != world.scan.collection_id
    scan = upload("curator_a", "Согласие Тайновой")
    assert scan.collection_id == world.scan.collection_id
    assert scan.title == f"Скан согласия № {scan.pk}"


# ---------------------------------------------------------------------------------------------
# Files that are never served


def test_a_pending_upload_is_under_no_served_url(world, client):
    upload = world.uploads["mentees"]
    assert private_storage().exists(upload.file.name)
    assert not Document.objects.filter(file=upload.file.name).exists()
    browser(client, world.users["superuser"])
    assert client.get(media_url(upload.file.name)).status_code == 404
    with pytest.raises(ValueError):
        upload.file.url  # noqa: B018  (the private storage has no URL at all)


def test_an_unpublished_portrait_is_under_no_served_url(world, client):
    mentor = world.people["Тайнова"]
    assert mentor.photo is None  # no consent to publication: no copy in the image library
    assert not get_image_model().objects.filter(title__contains="Тайнова").exists()
    assert client.get(media_url(mentor.portrait.name)).status_code == 404
    portrait_url = reverse("wagtail_mentorship:portrait", args=[mentor.pk])
    assert browser(client, world.users["curator_b"]).get(portrait_url).status_code == 404
    assert browser(client, world.users["curator_a"]).get(portrait_url).status_code == 200


def test_a_withdrawn_photo_leaves_nothing_at_its_urls(
    db, client, django_capture_on_commit_callbacks
):
    cache.clear()  # renditions cached by an earlier test's image of the same id
    mentor = make_mentor("Фотогенова Злата Ильинична", portrait=png(), **PUBLICATION)
    image = mentor.photo
    assert image is not None and image.title == "Фото: Фотогенова Злата Ильинична"
    rendition = image.get_rendition("fill-40x40")
    urls = [media_url(image.file.name), media_url(rendition.file.name)]
    assert [client.get(url).status_code for url in urls] == [200, 200]

    mentor.publication_consent_withdrawn = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        mentor.save()

    assert [client.get(url).status_code for url in urls] == [404, 404]
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert Mentor.objects.get(pk=mentor.pk).photo is None
    assert mentor.portrait and private_storage().exists(mentor.portrait.name)  # kept privately


def test_a_new_portrait_replaces_the_published_copy(db, django_capture_on_commit_callbacks):
    mentor = make_mentor("Фотогенова Злата Ильинична", portrait=png(), **PUBLICATION)
    first, first_portrait = mentor.photo, mentor.portrait.name
    mentor = Mentor.objects.get(pk=mentor.pk)  # as the admin's form has it
    mentor.portrait = png((10, 200, 10))
    with django_capture_on_commit_callbacks(execute=True):
        mentor.save()
    assert mentor.photo is not None and mentor.photo.pk != first.pk
    assert not get_image_model().objects.filter(pk=first.pk).exists()
    assert not private_storage().exists(first_portrait)  # the old portrait is gone too


# ---------------------------------------------------------------------------------------------
# Redirects


def test_next_to_another_site_redirects_inside_the_admin(world, client):
    curator = browser(client, world.users["curator_a"])
    mentee = world.people["Парная"]
    mentor = world.people["Тайнова"]  # at capacity with the pair she has: the pair is refused
    mentor.capacity = 1
    mentor.save()
    response = curator.post(
        reverse("wagtailsnippets_wagtail_mentorship_mentee:create_pair", args=[mentee.pk]),
        {"mentor": mentor.pk, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_wagtail_mentorship_mentee:inspect", args=[mentee.pk]
    )
    assert [str(m) for m in get_messages(response.wsgi_request)]  # the reason was said


def test_next_within_the_site_is_kept(world, client):
    curator = browser(client, world.users["curator_a"])
    mentee, mentor = world.people["Парная"], world.people["Тайнова"]
    mentor.capacity = 1
    mentor.save()
    report = reverse("wagtailsnippets_wagtail_mentorship_mentee:without_mentor")
    response = curator.post(
        reverse("wagtailsnippets_wagtail_mentorship_mentee:create_pair", args=[mentee.pk]),
        {"mentor": mentor.pk, "next": report},
    )
    assert response["Location"] == report


def test_a_document_uploaded_with_a_name_loses_it_in_the_consents(world):
    scan = Document.objects.create(
        title="Согласие Незнамовой",
        file=ContentFile(b"scan", "nezn.pdf"),
        collection=world.scan.collection,
    )
    scan.refresh_from_db()
    assert "Незнамов" not in scan.title and "nezn" not in scan.file.name


# ---------------------------------------------------------------------------------------------
# System checks


def check_ids() -> set[str]:
    from wagtail_mentorship import checks

    found = [
        *checks.check_private_storage(None),
        *checks.check_consents_collection(None),
        *checks.check_document_serving(None),
    ]
    return {message.id for message in found}


def test_checks_are_quiet_when_all_is_private(world):
    assert check_ids() == set()


def test_checks_name_a_private_storage_that_is_missing_or_served(world, settings, tmp_path):
    private = "wagtail_mentorship_private"
    settings.STORAGES = {key: value for key, value in settings.STORAGES.items() if key != private}
    assert "wagtail_mentorship.W002" in check_ids()
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "wagtail_mentorship_private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    assert "wagtail_mentorship.E001" in check_ids()


def test_checks_name_a_consents_collection_open_to_all(world):
    world.scan.collection.get_view_restrictions().delete()
    assert "wagtail_mentorship.W003" in check_ids()


def test_the_daily_run_takes_down_a_photo_whose_consent_lapsed(
    db, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    mentor = make_mentor(
        "Фотогенова Злата Ильинична",
        portrait=png(),
        publication_consent_withdrawn=tomorrow,  # recorded ahead of the day
        **PUBLICATION,
    )
    image = mentor.photo
    assert image is not None
    Mentor.objects.filter(pk=mentor.pk).update(
        publication_consent_withdrawn=timezone.localdate()
    )  # the day has come, and nobody saved the mentor since
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mentorship_anonymise", stdout=io.StringIO())
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert Mentor.objects.get(pk=mentor.pk).photo is None


def test_a_published_photo_loses_the_name_with_its_consent(db):
    mentor = make_mentor("Фотогенова Злата Ильинична", portrait=png(), **PUBLICATION)
    mentor.publish_name = False
    mentor.save()
    mentor.photo.refresh_from_db()
    assert mentor.photo.title == "Фото наставника"
