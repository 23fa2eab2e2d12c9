"""Fragment caching of the app's public pages, in whatever ``CACHES`` the site configures.

The expensive parts (a roadmap's table, an honour board's entries, the blocks a school puts
on its pages) are cached forever under a key that carries a *version* of the public content.
The version lives in the cache itself, so that every app server sees it bumped by

* a publish, unpublish, move or deletion of any page: a roadmap shows its stage pages, a
  block shows pages chosen elsewhere, so one page's change can show on another;
* a change to the app's data: a person's consent withdrawn or name changed, an honour
  board's entry, a pair behind the programme's results;
* an anonymisation (``privacy.anonymise``), which writes with ``update()`` and sends no
  signal of its own.

The key also carries the language and today's date: a consent may end on a given day.
"""

import contextlib
import hashlib
import json
import time

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

VERSION_KEY = "wagtail_mentorship:public-content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Not 1: a cache that lost the key must not go back to a version already used.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


def _incr() -> None:
    # A key gone from the cache needs no bump: the next read starts a fresh version.
    with contextlib.suppress(ValueError):
        cache.incr(VERSION_KEY)


def bump_content_version(**kwargs) -> None:
    """Makes every cached fragment stale; a signal receiver as well.

    Now, and again once the transaction commits: a page served in between may have cached
    what was committed before.
    """
    _incr()
    transaction.on_commit(_incr)


def bump_on_app_data_change(sender, **kwargs) -> None:
    """Saves and deletions of the app's own models (people, pairs, board entries…)."""
    if sender._meta.app_label == "wagtail_mentorship":
        bump_content_version()


def variant() -> str:
    """What a fragment of public content varies on besides its page: version, language, day."""
    return f"{content_version()}-{translation.get_language()}-{timezone.localdate():%Y%m%d}"


class CachedBlockMixin:
    """Caches a block's HTML by its value, the site and ``variant()``; never in a preview."""

    # Seconds, or None for as long as the content version stays.
    cache_timeout = None

    def render(self, value, context=None):
        request = (context or {}).get("request")
        if request is None or getattr(request, "is_preview", False):
            return super().render(value, context)
        value_json = json.dumps(self.get_prep_value(value), cls=DjangoJSONEncoder, sort_keys=True)
        digest = hashlib.md5(
            f"{type(self).__qualname__}|{request.get_host()}|{value_json}".encode(),
            usedforsecurity=False,
        ).hexdigest()
        key = f"wagtail_mentorship:block:{digest}:{variant()}"
        html = cache.get(key)
        if html is None:
            html = str(super().render(value, context))
            cache.set(key, html, self.cache_timeout)
        return mark_safe(html)  # the block's own rendered template


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(bump_content_version, dispatch_uid="mentorship-cache-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="mentorship-cache-unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid="mentorship-cache-moved")
    post_save.connect(bump_on_app_data_change, dispatch_uid="mentorship-cache-saved")
    post_delete.connect(bump_on_app_data_change, dispatch_uid="mentorship-cache-deleted")
