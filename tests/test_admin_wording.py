"""Every admin page a curator opens on the demo data reads as Russian a curator would write.

The walk is the access test's (``tests.test_access_leaks``): the URL patterns of this app are
taken from the resolver, not listed by hand, and their ids are filled with the demo's own
objects: for each model one object of every status the curator may see. A page fails when its
visible text (no tags, scripts, styles or attributes) holds «None», an English word the admin
made up, «Добавить» with a nominative where an accusative is needed, or a number with the
wrong form of a model's name after it.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver
from wagtail.snippets.models import get_snippet_models

from tests.prepared_files import prepared
from tests.test_access_leaks import is_ours, parameters, url_of, walk
from wagtail_mentorship.access.scope import scope_for
from wagtail_mentorship.downloads import kinds
from wagtail_mentorship.downloads.tasks import FAILURE_MESSAGE
from wagtail_mentorship.models import (
    Mentee,
    MentorshipPair,
    Organization,
    PreparedFile,
    RoadmapPage,
    SpreadsheetImport,
    StagePage,
)
from wagtail_mentorship.models.calendar_tokens import CalendarFeedToken
from wagtail_mentorship.models.surveys import SurveyInvitation
from wagtail_mentorship.monitoring.surveys.invitations import reissue

CURATOR = "curator-school4"  # the demo's curator of one school


def scope_orgs(user):
    return user.mentorship_organizations.all()


def snippet_models() -> dict:
    """Every snippet of the app, by model name: a new one is walked the day it appears."""
    return {
        model._meta.model_name: model
        for model in get_snippet_models()
        if model._meta.app_label == "wagtail_mentorship"
    }


# Views that change data on a GET or answer only POSTs and XHRs: nothing to read there.
NOT_READ = {
    "chosen",
    "chosen_multiple",
    "anonymise",
    "create_pair",
    "base_export",
    "template",
    "reissue",  # a POST that makes a new link
}

# «Добавить», «Выбрать (другую)», «Изменить» take the accusative, in lower case: «Добавить
# наставника», «Выбрать другую организацию», never «Добавить наставник», «Добавить
# Мероприятие» or «Выбрать другой организация».
WRONG_CASE_AFTER_ADD = re.compile(
    r"(?:Добавить|Выбрать(?:\s+другой)?|Изменить)\s+"
    r"(?:(?i:наставляемый|наставник|наставническая|встреча|организация|форма)\b|[А-ЯЁ][а-яё])"
)
# A noun after a number: the form for 1 (21, 31…), for 2–4 (22–24…) and for 5–20 (25–30…).
AFTER_NUMBER = {
    "наставник": ("наставник", "наставника", "наставников"),
    "наставляемый": ("наставляемый", "наставляемых", "наставляемых"),
    "организация": ("организация", "организации", "организаций"),
    "форма": ("форма", "формы", "форм"),
    "встреча": ("встреча", "встречи", "встреч"),
    "мероприятие": ("мероприятие", "мероприятия", "мероприятий"),
    "пара": ("пара", "пары", "пар"),
}
# Nominative plurals no number takes: «7 наставляемые», «2 наставники».
NEVER_AFTER_NUMBER = {"наставники", "наставляемые", "наставнические"}
COUNTED = re.compile(
    r"(?<![\d:.,/])(\d+)\s+("
    + "|".join(sorted({f for forms in AFTER_NUMBER.values() for f in forms} | NEVER_AFTER_NUMBER))
    + r")\b",
    re.IGNORECASE,
)


def number_form(count: int) -> int:
    if count % 10 == 1 and count % 100 != 11:
        return 0
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return 1
    return 2


def wrong_number_forms(text: str):
    for match in COUNTED.finditer(text):
        count, word = int(match.group(1)), match.group(2).lower()
        right = {forms[number_form(count)] for forms in AFTER_NUMBER.values() if word in forms}
        if word not in right:
            yield match


# English the admin composes itself: «None», or two Latin words in a row («active pairs»,
# «Import of mentors»). The demo's own data is Russian; file names and logins are one word.
ENGLISH = re.compile(r"\bNone\b|(?<![\w@.-])[A-Za-z]{2,}(?:\s+[a-z]{2,})+(?![\w@.-])")


# Elements whose text stands apart: a figure in one table cell is not «followed» by the
# label of the next row.
BLOCKS = [
    *("p", "li", "dt", "dd", "td", "th", "tr", "caption", "div", "section", "legend"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "label", "option", "button", "figcaption"),
]


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "noscript", "head"]):
        hidden.decompose()
    for block in soup.find_all(BLOCKS):
        block.insert_before("\n")
        block.append("\n")
    lines = (" ".join(line.split()) for line in soup.get_text(" ").split("\n"))
    return " ¦ ".join(line for line in lines if line)


def offences(text: str) -> list[str]:
    found = []
    matches = [
        *WRONG_CASE_AFTER_ADD.finditer(text),
        *wrong_number_forms(text),
        *ENGLISH.finditer(text),
    ]
    for match in matches:
        start, end = max(match.start() - 40, 0), match.end() + 40
        found.append(f"«{match.group(0).strip()}» in …{text[start:end]}…")
    return found


def one_of_each_status(model, visible_pks) -> list:
    """A pk per status (per object for models without one) of what the curator may see."""
    objects = model._default_manager.filter(pk__in=visible_pks).order_by("pk")
    if not hasattr(model, "status"):
        return list(objects.values_list("pk", flat=True)[:2])
    chosen = {}
    for pk, status in objects.values_list("pk", "status"):
        chosen.setdefault(status, pk)
    return list(chosen.values())


class DemoFiller:
    """Ids of the demo's objects for the URLs of this app."""

    def __init__(self, client, user):
        scope = scope_for(user)
        self.pks = {}
        models = snippet_models()
        for name, model in models.items():
            visible = model._default_manager.all()
            fields = {field.name for field in model._meta.get_fields()}
            if model is Organization:
                visible = visible.filter(scope.q("pk"))
            elif "organization" in fields:  # else reference data every curator shares
                visible = visible.filter(scope.q("organization"))
            self.pks[name] = one_of_each_status(model, visible.values_list("pk", flat=True))
        self.roadmap = RoadmapPage.objects.first()
        self.uploads = {target: self.upload(client, user, target) for target in models}
        self.roadmap_upload = self.roadmap_table(user)
        self.prepared_files = self.prepared_files_of(user)
        self.answers_uploads = self.survey_answers(user)
        # The demo's survey links (issued again: only their hashes are kept) and the curator's
        # calendar feed: the public pages those tokens open read as Russian too.
        invitations = SurveyInvitation.objects.filter(round__organization__in=scope_orgs(user))
        self.tokens = [
            *(reissue(invitation).token for invitation in invitations[:2]),
            CalendarFeedToken.objects.issue(user),
        ]

    def upload(self, client, user, model_name):
        """A pending import of the model's own export, as a curator would upload it back."""
        from django.urls import reverse

        if model_name not in ("mentor", "mentee", "mentorshippair"):
            return None
        url = reverse(f"wagtailsnippets_wagtail_mentorship_{model_name}:base_export")
        content = b"".join(prepared(client, url).streaming_content)
        target = {"mentor": "mentors", "mentee": "mentees", "mentorshippair": "pairs"}[model_name]
        upload = SpreadsheetImport(target=target, filename="base.xlsx", user=user)
        upload.file.save("base.xlsx", ContentFile(content))
        upload.organization = user.mentorship_organizations.first()
        upload.save()
        return upload.pk

    def prepared_files_of(self, user) -> list:
        """The bases the curator downloaded above, ready, and a file waiting and one failed."""
        waiting = PreparedFile.objects.create(user=user, kind=kinds.MONITORING_XLSX)
        failed = PreparedFile.objects.create(
            user=user, kind=kinds.ANALYTIC_NOTE, status="failed", error=str(FAILURE_MESSAGE)
        )
        ready = PreparedFile.objects.filter(user=user, status="done")
        return [*ready.values_list("pk", flat=True), waiting.pk, failed.pk]

    def roadmap_table(self, user):
        upload = SpreadsheetImport(target="activities", filename="roadmap.csv", user=user)
        upload.page = self.roadmap
        upload.file.save(
            "roadmap.csv",
            ContentFile("Мероприятие;Сроки\nВстреча с наставниками;Сентябрь\n".encode()),
        )
        return upload.pk

    def survey_answers(self, user):
        """A pending import of answers for each round the curator sees: round id → upload."""
        uploads = {}
        for round_pk in self.pks.get("surveyround", []):
            upload = SpreadsheetImport(target="answers", filename="answers.csv", user=user)
            upload.survey_round_id = round_pk
            invited = SurveyInvitation.objects.filter(round_id=round_pk)
            emails = "\n".join([*(i.email or "" for i in invited), "nobody@example.org"])
            upload.file.save("answers.csv", ContentFile(f"E-mail\n{emails}\n".encode()))
            uploads[round_pk] = upload.pk
        return uploads

    def kwargs_for(self, url_name, names):
        namespace, _, view = url_name.rpartition(":")
        model_name = namespace.rpartition("_")[2]
        choices = []
        if "round_id" in names:  # a round's answers from a table, and their preview
            return [
                {"round_id": round_pk, **({"pk": upload} if "pk" in names else {})}
                for round_pk, upload in self.answers_uploads.items()
            ]
        if "page_id" in names:
            pk = [self.roadmap_upload] if "pk" in names else []
            return [{"page_id": self.roadmap.pk, **({"pk": pk[0]} if pk else {})}]
        if view == "import_preview":
            upload = self.uploads.get(model_name)
            return [{"pk": upload}] if upload else []
        if url_name.startswith("wagtail_mentorship_prepared_file"):
            return [{"pk": pk} for pk in self.prepared_files]
        if names == ["token"]:
            return [{"token": token} for token in self.tokens]
        if names == ["pk"] and model_name in self.pks:
            choices = [{"pk": pk} for pk in self.pks[model_name]]
        return choices


@pytest.fixture
def demo(db):
    call_command("load_demo_content")
    user = get_user_model().objects.get(username=CURATOR)
    client = Client()
    client.force_login(user)
    return client, user


def admin_urls(filler):
    """(url name, URL) of every page of this app's admin a curator can open."""
    for route, url_name, pattern in walk(get_resolver().url_patterns):
        if not is_ours(url_name) or url_name.rpartition(":")[2] in NOT_READ:
            continue
        names = parameters(route)
        combos = filler.kwargs_for(url_name, names) if names else [{}]
        assert combos or url_name.endswith("portrait"), f"{url_name}: the walk cannot fill {names}"
        for kwargs in combos:
            yield url_name, url_of(url_name, pattern, kwargs)
    # The dashboard's summary, and the reports a curator reaches by a link, with filters.
    yield "dashboard", "/admin/"
    mentees = "/admin/snippets/wagtail_mentorship/mentee/"
    yield "without mentor", mentees + "without-mentor/"
    yield "filtered", mentees + "?without_mentor=true&status=completed"
    yield "empty search", mentees + "?q=Ъъъ"


def test_every_admin_page_of_the_demo_reads_as_russian(demo):
    client, user = demo
    filler = DemoFiller(client, user)
    failures, read = [], 0
    for url_name, url in admin_urls(filler):
        response = client.get(url)
        if response.status_code in (302, 403, 404) or "html" not in response.get("Content-Type"):
            continue
        read += 1
        text = visible_text(response.content.decode())
        failures += [f"{url} ({url_name}): {offence}" for offence in offences(text)]
    assert read > 40, read
    assert not failures, f"{len(failures)} wordings:\n" + "\n".join(failures)


def test_the_page_editor_adds_activities_in_the_accusative(demo, admin_client):
    """The roadmap's stages are pages: their InlinePanel of activities says «Добавить
    мероприятие», not «Добавить Мероприятие»."""
    stage = StagePage.objects.first()
    text = visible_text(admin_client.get(f"/admin/pages/{stage.pk}/edit/").content.decode())
    # Wagtail's own default workflow, created with its English name by Wagtail's migration.
    text = text.replace('"Moderators approval"', "")
    assert "Добавить мероприятие" in text
    assert not offences(text), offences(text)


def test_a_curator_reads_each_sentence_in_the_right_case(demo):
    """The phrases of ``wording.py`` reach the pages: the button, the count, the question
    before deleting and the message after it."""
    client, user = demo
    mentees = "/admin/snippets/wagtail_mentorship/mentee/"
    listing = visible_text(client.get(mentees).content.decode())
    shown = Mentee.objects.filter(organization__in=user.mentorship_organizations.all())
    count = shown.count()
    assert "Добавить наставляемого" in listing
    assert f"{count} наставляем" in listing and f"{count} наставляемые" not in listing
    mentee = shown.filter(pairs__isnull=True).first() or shown.first()
    delete_url = f"{mentees}delete/{mentee.pk}/"
    assert "Удалить этого наставляемого?" in visible_text(client.get(delete_url).content.decode())
    after = visible_text(client.post(delete_url, follow=True).content.decode())
    assert f"Наставляемый «{mentee.full_name}» удалён." in after


def test_a_mentees_status_is_worded_for_a_person_not_a_pair():
    completed = Mentee(status=Mentee.Status.COMPLETED).get_status_display()
    withdrawn = Mentee(status=Mentee.Status.WITHDRAWN).get_status_display()
    pair = MentorshipPair(status=MentorshipPair.Status.COMPLETED).get_status_display()
    assert (completed, withdrawn, pair) == ("Завершил(а) программу", "Выбыл(а)", "Завершена")
