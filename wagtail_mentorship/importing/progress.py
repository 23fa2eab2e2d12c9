"""The rows a large import's task has passed, readable by every app server while it runs.

The task reads and writes in one database transaction, which no other connection sees before
it ends; so its progress goes to the site's cache (``CACHES``, shared by the app servers in
production), keyed by the upload. Its row's ``rows_done`` is written when the task is done."""

from django.core.cache import cache

TIMEOUT = 24 * 60 * 60  # seconds: longer than any import; a lost task's count goes away


def _key(upload_id) -> str:
    return f"wagtail_mentorship:import-progress:{upload_id}"


def publish(upload_id, rows_done: int) -> None:
    cache.set(_key(upload_id), rows_done, TIMEOUT)


def clear(upload_id) -> None:
    cache.delete(_key(upload_id))


def rows_done(upload) -> int:
    """The rows of ``upload``'s sheet its task has passed: the cache's count while it runs,
    the row's once it is done."""
    return max(upload.rows_done, cache.get(_key(upload.pk), 0))
