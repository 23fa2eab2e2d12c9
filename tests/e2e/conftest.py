"""Real-browser tests: a headless Chromium (Debian's) against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

from tests.builders import build_site

# Playwright's sync API runs an event loop in the test thread, and Django refuses ORM calls then.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


def chromium_path() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Chromium is not installed (/usr/bin/chromium): the browser tests need it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="ru-RU")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def site_url(live_server):
    """(the live server's URL, the home page of a fresh default site)."""
    return live_server.url, build_site()


CURATOR_MODELS = ["mentor", "mentee", "mentorshippair"]


def ensure_groups():
    """The curators' and coordinators' groups, made again: the live server's database is
    flushed between tests."""
    from django.contrib.auth.models import Group, Permission

    rights = Permission.objects.filter(
        content_type__app_label="wagtail_mentorship",
        content_type__model__in=CURATOR_MODELS,
        codename__regex=r"^(add|change|delete|view)_",
    ) | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    curators, _ = Group.objects.get_or_create(name="Кураторы наставничества")
    curators.permissions.set(rights)
    coordinators, _ = Group.objects.get_or_create(name="Координаторы наставничества")
    coordinators.permissions.set(
        rights | Permission.objects.filter(codename="view_all_organizations")
    )
    return curators, coordinators


# The app's data migrations (module, function), replayed by ``restore_migrated_data``.
DATA_MIGRATIONS = [
    ("0002_default_mentorship_forms", "create_forms"),
    ("0004_curators_group_and_private_collection", "create_group_and_collection"),
    ("0007_coordinators_group", "create_coordinators"),
    ("0008_sealed_collection", "seal_consents_collection"),
    ("0014_default_surveys", "create_defaults"),
    ("0014_default_surveys", "grant_rights"),
]


def restore_migrated_data():
    """What migrations put in the database (the page and collection roots, the app's forms,
    groups and private collection), made again: the live server's database is flushed between
    tests, and the demo content builds on it."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from wagtail.models import Collection, Locale, Page

    class MigratedApps:
        # The flush's post_migrate has made the permissions again, so the migrations need no
        # app configs (they would switch the real registry's models modules off).
        get_model = staticmethod(apps.get_model)

        @staticmethod
        def get_app_configs():
            return []

        @staticmethod
        def get_app_config(label):
            return SimpleNamespace(label=label, models_module=None, get_models=list)

    Locale.objects.get_or_create(language_code="ru")
    Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    for module, function in DATA_MIGRATIONS:
        migration = import_module(f"wagtail_mentorship.migrations.{module}")
        getattr(migration, function)(MigratedApps, None)


def log_in(page, base_url, username, group, organizations=()):
    """Creates the user in ``group`` (curating ``organizations``) and logs in by the form."""
    from django.contrib.auth.models import User
    from playwright.sync_api import expect

    user = User.objects.create_user(username, password=f"{username}-pass-1")
    user.groups.add(group)
    user.mentorship_organizations.set(organizations)
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"{username}-pass-1")
    page.get_by_role("button", name="Войти").click()
    expect(page.locator("#mentorship-summary-heading")).to_contain_text("Наставничество")
    return user


@pytest.fixture
def curator(page, site_url):
    """(page logged in as a curator of one school through the login form, the server's URL)."""
    from tests.people_builders import school

    base_url, _ = site_url
    curators, _coordinators = ensure_groups()
    log_in(page, base_url, "curator", curators, [school()])
    return page, base_url
