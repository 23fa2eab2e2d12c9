import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests import mail_backends
from tests.builders import build_site

# The site's day (Europe/Moscow) as the session starts. Tests build dates from it when they
# are collected; a session that runs past the site's midnight would otherwise compare
# yesterday's dates with today's rules.
real_localdate = timezone.localdate
SESSION_TODAY: datetime.date = real_localdate()


@pytest.fixture(autouse=True)
def site_day_of_the_session(monkeypatch):
    def localdate(value=None, timezone=None):
        if value is None:
            return SESSION_TODAY
        return real_localdate(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as it starts with a fresh database: cached public
    fragments of a rolled-back test must not answer for the next one's pages."""
    cache.clear()


@pytest.fixture
def home_page(db):
    return build_site()


@pytest.fixture
def mail_server(settings):
    """The site's mail server, named where the site's settings name theirs (MAILERS from
    Django 6.1, EMAIL_BACKEND before); set its ``refused`` and ``reachable`` with
    ``monkeypatch``."""
    if hasattr(settings, "MAILERS"):
        settings.MAILERS = {"default": {"BACKEND": mail_backends.BACKEND}}
    else:
        settings.EMAIL_BACKEND = mail_backends.BACKEND
    return mail_backends.RefusingBackend
