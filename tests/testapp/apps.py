from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """A site's own page types, derived from the app's abstract pages (tests only)."""

    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"
