"""System checks: settings and states under which personal data would leak."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError

from .access import storage
from .access.private_documents import PRIVATE_COLLECTION_NAME, get_private_collection


@checks.register(checks.Tags.security)
def check_document_serving(app_configs, **kwargs):
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        return [
            checks.Warning(
                "WAGTAILDOCS_SERVE_METHOD = 'direct' serves documents without checking "
                "collection view restrictions: scanned consents would be public.",
                hint="Use the default 'serve_view' (or 'redirect' with private storage).",
                id="wagtail_mentorship.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security)
def check_private_storage(app_configs, **kwargs):
    """Uploads and unpublished portraits must be somewhere no URL reaches."""
    if not storage.is_configured():
        return [
            checks.Warning(
                f"STORAGES has no {storage.PRIVATE_STORAGE!r}: uploads waiting for "
                f"confirmation and unpublished portraits go to {storage.fallback_location()}.",
                hint="Name a storage that is never served and that every app server shares.",
                id="wagtail_mentorship.W002",
            )
        ]
    private = storage.private_storage()
    media_root = settings.MEDIA_ROOT
    if isinstance(private, FileSystemStorage) and media_root:
        location = Path(private.location).resolve()
        if location.is_relative_to(Path(media_root).resolve()):
            return [
                checks.Error(
                    f"The private storage {location} lies inside MEDIA_ROOT, which is served.",
                    hint="Give STORAGES['wagtail_mentorship_private'] a location outside it.",
                    id="wagtail_mentorship.E001",
                )
            ]
    return []


@checks.register(checks.Tags.security)
def check_consents_collection(app_configs, **kwargs):
    """The consents' collection exists and is restricted (the migration makes it so)."""
    try:
        collection = get_private_collection()
        restricted = collection is not None and collection.get_view_restrictions().exists()
    except DatabaseError:  # not migrated yet
        return []
    if restricted:
        return []
    return [
        checks.Warning(
            f"The collection «{PRIVATE_COLLECTION_NAME}» is missing or open to everyone: "
            "scanned consents would not be private.",
            hint="Run migrate, or restore its privacy setting to the curators' groups.",
            id="wagtail_mentorship.W003",
        )
    ]
