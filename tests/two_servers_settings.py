"""Settings of the app servers and the worker that tests/test_two_servers.py starts: the tests'
settings on the test database pytest made, with large imports queued in it for the worker."""

import os

from tests.settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["TWO_SERVERS_DATABASE"]  # noqa: F405
# One directory for every process: it stands for the storage a real site's servers share.
STORAGES = {
    **STORAGES,  # noqa: F405
    "wagtail_mentorship_private": {
        "BACKEND": "wagtail_mentorship.access.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": os.environ["TWO_SERVERS_PRIVATE_FILES"]},
    },
}
# The cache too: the worker's progress, written while its import's transaction is open, shows
# on both servers (a per-process cache would keep it in the worker's memory).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["TWO_SERVERS_CACHE"],
    }
}
TASKS = {**TASKS, "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # noqa: F405
# A file of a few rows is large: its preview and confirmation go to the worker.
WAGTAIL_MENTORSHIP_BACKGROUND_IMPORT_ROWS = 5
