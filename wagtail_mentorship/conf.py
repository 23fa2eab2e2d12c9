"""Settings of the app, with their defaults, read in one place."""

from django.conf import settings


def base_template() -> str:
    """The template every public page of the app extends (the site's own by default)."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_BASE_TEMPLATE", "base.html")


def practices_per_page() -> int:
    return getattr(settings, "WAGTAIL_MENTORSHIP_PRACTICES_PER_PAGE", 12)
