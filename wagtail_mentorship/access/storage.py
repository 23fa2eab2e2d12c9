"""The storage of files that must never be served: spreadsheets waiting for confirmation
and people's portraits until their consent to publish a photo is in force.

A site names it in ``STORAGES["wagtail_mentorship_private"]`` (shared by its app servers,
never under ``MEDIA_ROOT`` or any served location). Without it, files go to a folder beside
``MEDIA_ROOT``, and a system check says so.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

PRIVATE_STORAGE = "wagtail_mentorship_private"


def is_configured() -> bool:
    return PRIVATE_STORAGE in settings.STORAGES


def fallback_location() -> Path:
    return Path(settings.MEDIA_ROOT or ".").resolve().parent / "mentorship_private"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on a disk that no URL reaches: asking for one is a mistake, said loudly."""

    def url(self, name):
        raise ValueError(f"{name} is private: it has no URL.")


def private_storage():
    """Callable for ``FileField(storage=...)``: evaluated when the models load."""
    if is_configured():
        return storages[PRIVATE_STORAGE]
    return PrivateFileSystemStorage(location=fallback_location())
