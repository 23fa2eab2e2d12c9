"""Settings of the example school site: a Wagtail project that installs wagtail_mentorship."""

import os
from pathlib import Path

import django

from .database import database_from_url

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = PROJECT_DIR.parent

# The example site runs on a developer's machine only; a real site sets its own key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-example-site-only")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "home",
    "wagtail_mentorship",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "school_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "school_site.wsgi.application"

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A Russian school site: Russian whatever language a visitor's browser asks for.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Uploads waiting for confirmation and unpublished portraits: never served.
    "wagtail_mentorship_private": {
        "BACKEND": "wagtail_mentorship.access.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": BASE_DIR / "private"},
    },
}

# Large imports run on a task worker (`python example_site/manage.py db_worker`), queued in
# the database: no other service. Wagtail's own tasks stay immediate.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WAGTAIL_MENTORSHIP_TASK_BACKEND = "imports"

# The demo prints the e-mail it sends (survey links, password resets) in the console, where
# the one running it reads them; a real site names its mail server. Django 6.1 names mailers
# in MAILERS, which may not stand beside the EMAIL_BACKEND of earlier versions.
_CONSOLE_MAIL = "django.core.mail.backends.console.EmailBackend"
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": _CONSOLE_MAIL}}
else:
    EMAIL_BACKEND = _CONSOLE_MAIL

# The demo's school: the name of its organisation, its site and its home page agree.
WAGTAIL_SITE_NAME = "МБОУ «СОШ № 4» г. Можги"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Wagtail's own avatar, not Gravatar's: no e-mail hash leaves the school, and no image breaks
# on a machine without the internet.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Private documents and pages send visitors to log in where the site's users log in.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
# Page addresses transliterated from Russian titles (/dorozhnaia-karta/), readable when shared.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Russian stemming: «пятиклассники» finds «пятиклассников». After switching an existing
    # database, rebuild the index: `manage.py update_index`.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "russian"
    # Wagtail's search index uses PostgreSQL's own fields; from Django 6.1 their app must be
    # installed, or management commands (the task worker's too) stop at the system checks.
    INSTALLED_APPS.append("django.contrib.postgres")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The base template of the mentorship pages: the site's own, as in any Wagtail project.
WAGTAIL_MENTORSHIP_BASE_TEMPLATE = "base.html"
