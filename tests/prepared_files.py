"""The admin's reports and documents are prepared by a task worker: a download button answers
with the file's page, which offers the file once it is ready. The tests' task backend runs
the task at once, so the file is ready on that page."""

from bs4 import BeautifulSoup

DOWNLOAD_LINK = 'a[href$="/download/"]'


def download_link(client, page_url) -> str | None:
    page = client.get(page_url)
    assert page.status_code == 200, page.status_code
    link = BeautifulSoup(page.content.decode(), "html.parser").select_one(DOWNLOAD_LINK)
    return link["href"] if link else None


def prepared(client, url, data=None):
    """The response to the download of the file the button at ``url`` prepared, as the user
    gets it: the button, then the file's page, then the link it offers."""
    response = client.get(url, data or {})
    assert response.status_code == 302, response.status_code
    link = download_link(client, response["Location"])
    assert link, "the file's page offers no download"
    return client.get(link)
