"""The admin's reports and documents are prepared by a task worker: a download button answers
with the file's page, which offers the file once it is ready. The tests' task backend runs
the task at once, so the file is ready on that page."""

from urllib.parse import urlencode

from bs4 import BeautifulSoup
from django.test import TestCase

DOWNLOAD_LINK = 'a[href$="/download/"]'


def download_link(client, page_url) -> str | None:
    page = client.get(page_url)
    assert page.status_code == 200, page.status_code
    link = BeautifulSoup(page.content.decode(), "html.parser").select_one(DOWNLOAD_LINK)
    return link["href"] if link else None


def click(client, url, data=None, *, post=None):
    """The button's request, its transaction committed: the task is queued on the commit,
    which a test's own transaction never reaches."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        if post is None:
            return client.get(url, data or {})
        return client.post(f"{url}?{urlencode(data or {})}", post)


def prepared(client, url, data=None, *, post=None):
    """The response to the download of the file the button at ``url`` prepared, as the user
    gets it: the button (a link, or a form posting ``post`` to ``url`` with the query
    ``data``), then the file's page, then the link it offers."""
    response = click(client, url, data, post=post)
    assert response.status_code == 302, response.status_code
    link = download_link(client, response["Location"])
    assert link, "the file's page offers no download"
    return client.get(link)
