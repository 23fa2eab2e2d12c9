"""Who may open the curator's admin: anonymous, editor, curator and superuser × every URL."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.people_builders import (
    CONSENTED,
    CURATORS,
    EDITORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
)
from wagtail_mentorship.models import Mentee, Mentor, MentorshipPair, SpreadsheetImport

SNIPPETS = {"mentor": "mentor", "mentee": "mentee", "pair": "mentorshippair"}
SNIPPET_VIEWS = [
    ("list", False, ""),
    ("add", False, ""),
    ("edit", True, ""),
    ("inspect", True, ""),
    ("delete", True, ""),
    ("history", True, ""),
    ("usage", True, ""),
    ("list", False, "export=xlsx"),
    ("list", False, "export=csv"),
]
# (URL name, key of the object the URL is about, query string, method), with a readable id
PAGES = [
    pytest.param(
        f"wagtailsnippets_wagtail_mentorship_{model}:{view}",
        snippet if with_object else None,
        query,
        "get",
        id=f"{snippet}-{view}" + (f"-{query[7:]}" if query else ""),
    )
    for snippet, model in SNIPPETS.items()
    for view, with_object, query in SNIPPET_VIEWS
] + [
    pytest.param(
        "wagtailsnippets_wagtail_mentorship_mentee:without_mentor",
        None,
        "",
        "get",
        id="report-without_mentor",
    ),
    *(
        pytest.param(
            "wagtailsnippets_wagtail_mentorship_mentee:without_mentor",
            None,
            f"export={fmt}",
            "get",
            id=f"report-without_mentor-{fmt}",
        )
        for fmt in ("xlsx", "csv")
    ),
    pytest.param(
        "wagtailsnippets_wagtail_mentorship_mentee:without_mentor_results",
        None,
        "",
        "get",
        id="report-without_mentor_results",
    ),
    pytest.param(
        "wagtailsnippets_wagtail_mentorship_mentee:create_pair",
        "free_mentee",
        "",
        "post",
        id="mentee-create_pair",
    ),
    *(
        pytest.param(
            f"wagtailsnippets_wagtail_mentorship_{snippet}:{view}",
            None,
            "",
            "get",
            id=f"{snippet}-{view}",
        )
        for snippet in ("mentor", "mentee")
        for view in ("import", "base_export")
    ),
]


@pytest.fixture
def people(db):
    mentor = make_mentor("Анна Петрова", capacity=2, **CONSENTED)
    mentee = make_mentee("Иван Сидоров", **CONSENTED)
    pair = make_pair(mentor, [mentee])
    free_mentee = make_mentee("Мария Кузнецова", **CONSENTED)
    return {"mentor": mentor, "mentee": mentee, "pair": pair, "free_mentee": free_mentee}


@pytest.fixture
def as_role(client, admin_client, django_user_model):
    def login(role):
        if role == "anonymous":
            return client
        if role == "superuser":
            return admin_client
        group = {"editor": EDITORS, "curator": CURATORS}[role]
        return login_client(django_user_model, group, role)

    return login


def request_page(browser, people, url_name, about, query, method, xhr=False):
    url = reverse(url_name, args=[people[about].pk] if about else [])
    headers = {"x-requested-with": "XMLHttpRequest"} if xhr else {}
    if method == "post":
        data = {"mentor": people["mentor"].pk, "form": "", "next": ""}
        return url, browser.post(url, data, headers=headers)
    return url, browser.get(f"{url}?{query}" if query else url, headers=headers)


@pytest.mark.parametrize(("url_name", "about", "query", "method"), PAGES)
@pytest.mark.parametrize("role", ["anonymous", "editor", "curator", "superuser"])
def test_access(as_role, people, role, url_name, about, query, method):
    browser = as_role(role)
    url, response = request_page(browser, people, url_name, about, query, method)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login") + "?next=")
        assert not MentorshipPair.objects.filter(mentees=people["free_mentee"]).exists()
    elif role == "editor":
        # Wagtail answers a denied page with a redirect to the dashboard and an error message,
        # and with a bare 403 to a script's request.
        assert response.status_code == 302, f"{url}: an editor got {response.status_code}"
        assert response["Location"] == reverse("wagtailadmin_home")
        messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
        assert messages == ["Извините, но у вас нет доступа в эту область."], messages
        _url, response = request_page(browser, people, url_name, about, query, method, xhr=True)
        assert response.status_code == 403, f"{url}: an editor's script got {response.status_code}"
        assert not MentorshipPair.objects.filter(mentees=people["free_mentee"]).exists()
    elif method == "post":
        pair = MentorshipPair.objects.get(mentees=people["free_mentee"])
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "wagtailsnippets_wagtail_mentorship_mentorshippair:edit", args=[pair.pk]
        )
        assert (pair.mentor, pair.status) == (people["mentor"], MentorshipPair.Status.FORMING)
    elif url_name.endswith(":base_export"):  # the file is prepared: its page opens
        assert response.status_code == 302, f"{url} gave {response.status_code}"
        assert browser.get(response["Location"]).status_code == 200
    else:
        assert response.status_code == 200, f"{url} gave {response.status_code}"


def sidebar_props(dashboard):
    return json.loads(dashboard.select_one("#wagtail-sidebar-props").string)


def sidebar_menu(dashboard) -> dict[str, str]:
    """Menu item name → label, from the sidebar's JSON."""
    items = {}

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("name"), str) and isinstance(node.get("label"), str):
                items[node["name"]] = node["label"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(sidebar_props(dashboard))
    return items


def summary_counts(dashboard) -> dict[str, int]:
    panel = dashboard.select_one("#mentorship-summary-heading").find_parent("section")
    counts = {}
    for link in panel.select("li a"):
        number = link.span.extract().get_text()
        counts[link.get_text(" ", strip=True)] = int(number)
    return counts


def test_editor_sees_neither_menu_nor_panel(as_role):
    response = as_role("editor").get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    dashboard = BeautifulSoup(response.content, "html.parser")
    menu = sidebar_menu(dashboard)
    assert menu.get("explorer") == "Страницы"  # the sidebar was read: the editor's pages are there
    assert "mentorship" not in menu
    assert "Наставничество" not in json.dumps(sidebar_props(dashboard), ensure_ascii=False)
    assert dashboard.select_one("#mentorship-summary-heading") is None


def test_curator_sees_menu_and_panel_with_counts(as_role, db):
    anna = make_mentor("Анна Петрова", capacity=2, **CONSENTED)
    make_mentor("Олег Смирнов", **CONSENTED)
    ivan = make_mentee("Иван Сидоров", **CONSENTED)
    make_mentee("Мария Кузнецова", **CONSENTED)
    make_mentee("Пётр Волков")  # no consent to processing
    make_pair(anna, [ivan], status=MentorshipPair.Status.ACTIVE)

    response = as_role("curator").get(reverse("wagtailadmin_home"))
    dashboard = BeautifulSoup(response.content, "html.parser")
    labels = set(sidebar_menu(dashboard).items())
    assert ("mentorship", "Наставничество") in labels
    assert {"Наставники", "Наставляемые", "Пары и группы"} <= {label for _name, label in labels}
    assert summary_counts(dashboard) == {
        "наставника": 2,
        "наставляемых": 3,
        "действующая пара": 1,
        "наставляемых без наставника": 2,
        "наставников без согласия на обработку ПД": 0,
        "наставляемый без согласия на обработку ПД": 1,
        "просроченных мероприятий": 0,
    }


IMPORT_TARGETS = {"mentor": "mentors", "mentee": "mentees"}
A_SMALL_FILE = "ФИО;E-mail\nОрлова Ирина;orlova@example.org\n".encode()


def make_upload(snippet, user) -> SpreadsheetImport:
    upload = SpreadsheetImport(target=IMPORT_TARGETS[snippet], filename="people.csv", user=user)
    upload.file.save("people.csv", ContentFile(A_SMALL_FILE), save=False)
    upload.save()
    return upload


@pytest.mark.parametrize("snippet", IMPORT_TARGETS)
@pytest.mark.parametrize("role", ["anonymous", "editor", "curator", "superuser"])
def test_import_preview_access(as_role, admin_user, role, snippet):
    """The uploader's own preview: anonymous and editors are refused as on every other URL."""
    browser = as_role(role)
    owner = admin_user if role == "superuser" else getattr(browser, "user", None)
    about = {"upload": make_upload(snippet, owner)}
    url_name = f"wagtailsnippets_wagtail_mentorship_{snippet}:import_preview"
    url, response = request_page(browser, about, url_name, "upload", "", "get")
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login") + "?next=")
    elif role == "editor":
        assert response.status_code == 302, f"{url}: an editor got {response.status_code}"
        assert response["Location"] == reverse("wagtailadmin_home")
        messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
        assert messages == ["Извините, но у вас нет доступа в эту область."], messages
        _url, response = request_page(browser, about, url_name, "upload", "", "get", xhr=True)
        assert response.status_code == 403, f"{url}: an editor's script got {response.status_code}"
    else:
        assert response.status_code == 200, f"{url} gave {response.status_code}"
        assert 'data-count="new">1<' in response.content.decode()


@pytest.mark.parametrize("snippet", IMPORT_TARGETS)
def test_another_curators_upload_is_refused(django_user_model, snippet):
    namespace = f"wagtailsnippets_wagtail_mentorship_{snippet}"
    uploader = login_client(django_user_model, CURATORS, "uploader")
    response = uploader.post(
        reverse(f"{namespace}:import"), {"file": SimpleUploadedFile("people.csv", A_SMALL_FILE)}
    )
    assert response.status_code == 302, response.content[:500]
    preview_url = response["Location"]
    assert uploader.get(preview_url).status_code == 200

    other = login_client(django_user_model, CURATORS, "other-curator")
    assert other.get(preview_url).status_code == 404
    assert other.post(preview_url, {"action": "confirm"}).status_code == 404
    assert other.post(preview_url, {"action": "cancel"}).status_code == 404
    assert not Mentor.objects.exists() and not Mentee.objects.exists()
    assert SpreadsheetImport.objects.get().status == SpreadsheetImport.Status.PENDING
