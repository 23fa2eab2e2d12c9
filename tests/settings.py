"""Test settings: the example site's, made quick and self-contained."""

import tempfile
from importlib.util import find_spec

from school_site.settings import *  # noqa: F403

DEBUG = False
# A site's own page types derived from the app's abstract pages.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="mentorship-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "wagtail_mentorship_private": {
        "BACKEND": "wagtail_mentorship.access.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="mentorship-test-private-")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# tests/templates holds a second base template, for the WAGTAIL_MENTORSHIP_BASE_TEMPLATE test.
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR.parent / "tests" / "templates"]  # noqa: F405

# Tasks run at once; tests/test_background_import.py queues them in the database instead.
# The app's tasks are Django's own from Django 6 on; Wagtail's stay on the backport.
DJANGO_TASKS = find_spec("django.tasks") is not None
_IMMEDIATE = ".backends.immediate.ImmediateBackend"
TASKS = {
    "default": {"BACKEND": "django_tasks" + _IMMEDIATE},
    "imports": {"BACKEND": ("django.tasks" if DJANGO_TASKS else "django_tasks") + _IMMEDIATE},
}
WAGTAIL_MENTORSHIP_TASK_BACKEND = "imports"
