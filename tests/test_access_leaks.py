"""No door shows a person to a user who may not see them.

The URL patterns of the whole site are walked from the resolver, not listed by hand: each
argument is filled with the ids of real objects of the town's base (``access_world``), and
each user role requests every URL with and without a search for the people's names. The
test fails when a response holds the surname of someone the role may not see, when a URL of
this app raises, and when a new URL of this app takes an argument that the walk cannot fill.
"""

import io
import itertools
import json
import re
import traceback

import openpyxl
import pytest
from django.apps import apps
from django.test import Client, TestCase
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from wagtail.models import Revision, Site

from tests.access_world import SEARCH, SECRET, build_world
from wagtail_mentorship.downloads import kinds
from wagtail_mentorship.downloads.tasks import start

ROLES = ["anonymous", "editor", "curator_a", "curator_b", "coordinator", "superuser"]
APP_LABEL = "wagtail_mentorship"
PERSONAL_MODELS = ("mentor", "mentee", "mentorshippair")
# Wagtail's own arguments this walk does not fill: temporary upload ids, password-reset
# tokens, editing sessions, workflows and their tasks (no workflow runs in this base).
UNFILLED = {
    "uploaded_file_id",
    "uidb64",
    "token",
    "session_id",
    "task_id",
    "task_state_id",
    "workflow_pk",
    "workflow_state_id",
    "restriction_id",
    "page_view_restriction_id",
    "redirect_id",
}


# Logging out ends the session the rest of the walk needs (Wagtail logs out on any request).
NOT_WALKED = {"wagtailadmin_logout"}


def walk(patterns, prefix="", namespaces=()):
    """(route, full URL name, pattern) of every URL pattern below ``patterns``."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            spaces = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), spaces)
        elif pattern.name and ":".join((*namespaces, pattern.name)) not in NOT_WALKED:
            yield prefix + str(pattern.pattern), ":".join((*namespaces, pattern.name)), pattern


def parameters(route) -> list[str]:
    named = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    unnamed = len(re.findall(r"\((?!\?)", route))
    return named + [f"_{i}" for i in range(unnamed)]


SNIPPET_NAMESPACES = ("wagtailsnippets_", "wagtailsnippetchoosers_")


def is_ours(url_name) -> bool:
    return url_name.startswith(
        (*(f"{space}{APP_LABEL}_" for space in SNIPPET_NAMESPACES), APP_LABEL)
    )


class Filler:
    """Values for a URL's arguments, from the objects of the world."""

    def __init__(self, world):
        self.world = world
        board, person = world.board, world.people["Тайнова"]
        image = world.people["Публичная"].photo
        revisions = list(Revision.objects.filter(object_id=str(board.pk)).order_by("pk"))
        # A file prepared for the coordinator, with every school's pupils: theirs alone.
        with TestCase.captureOnCommitCallbacks(execute=True):  # queued on the commit
            self.prepared = start(world.users["coordinator"], kinds.BASE, {"target": "mentees"})
        self.prepared.refresh_from_db()
        assert self.prepared.status == "done", self.prepared.error
        self.by_parameter = {
            "page_id": [board.pk, world.roadmap.pk],
            "parent_page_id": [board.pk],
            "page_pk": [board.pk],
            "page_to_move_id": [board.pk],
            "destination_id": [board.get_parent().pk],
            "image_id": [image.pk],
            "document_id": [world.scan.pk],
            "doc_id": [world.scan.pk],
            "collection_id": [world.scan.collection_id],
            "revision_id": [revisions[-1].pk],
            "revision_id_a": [revisions[0].pk],
            "revision_id_b": [revisions[-1].pk],
            "filter_spec": ["fill-40x40"],
            "object_id": [person.pk],
            "token": world.tokens,
            "invitation_pk": [invitation.pk for invitation in world.invitations],
            "round_id": [world.survey_round.pk],
            "action_name": ["delete"],
            # Files, for the example site's media folder: public, private and sealed ones.
            "path": [
                world.scan.file.name,
                image.file.name,
                image.get_rendition("fill-40x40").file.name,
                *(p.portrait.name for p in world.people.values() if getattr(p, "portrait", "")),
                *(upload.file.name for upload in world.uploads.values()),
                self.prepared.file.name,
            ],
        }
        self.model_pairs = [(APP_LABEL, name) for name in PERSONAL_MODELS] + [
            ("wagtaildocs", "document"),
            ("wagtailimages", "image"),
        ]

    def objects_of(self, url_name):
        """The primary keys a URL about one object is tried with."""
        namespace, _, view = url_name.rpartition(":")
        space = next((s for s in SNIPPET_NAMESPACES if namespace.startswith(s)), None)
        if space:
            app_label, _, model_name = namespace[len(space) :].rpartition("_")
            model = apps.get_model(app_label, model_name)
            if view in ("import_preview",):
                return [self.world.uploads[u].pk for u in self.world.uploads if u != "activities"]
            return list(model._default_manager.values_list("pk", flat=True))
        if url_name.startswith(f"{APP_LABEL}_prepared_file"):
            return [self.prepared.pk]
        if url_name.startswith(f"{APP_LABEL}_roadmap_import:"):
            return [self.world.uploads["activities"].pk]
        if url_name.startswith(APP_LABEL):  # the portrait and the published mentors' chooser
            return [p.pk for p in self.world.people.values() if hasattr(p, "portrait")]
        found = {
            "wagtailimages": [self.world.people["Публичная"].photo.pk],
            "wagtaildocs": [self.world.scan.pk],
            "wagtailadmin_api:images": [self.world.people["Публичная"].photo.pk],
            "wagtailadmin_api:documents": [self.world.scan.pk],
            "wagtailadmin_api:pages": [self.world.board.pk],
            "wagtailsites": [Site.objects.get().pk],
            "wagtailadmin_pages": [self.world.board.pk],
            "wagtailusers_users": [self.world.users["curator_a"].pk],
            "wagtailusers_groups": [self.world.users["curator_a"].groups.get().pk],
            "wagtailadmin_collections": [self.world.scan.collection_id],
        }
        for prefix, values in found.items():
            if url_name.startswith(prefix):
                return values
        return None

    def kwargs_for(self, url_name, route, names):
        """Every combination of values to try, or None when an argument cannot be filled."""
        if {"app_label", "model_name"} <= set(names) or "content_type_app_name" in names:
            return self.per_model(names)
        if url_name == "wagtaildocs_serve":
            return [{"_0": self.world.scan.pk, "_1": self.world.scan.filename}]
        if url_name == "wagtail_serve":
            return [{"_0": self.world.board.url.strip("/") + "/"}]
        choices = {}
        for name in names:
            if name in ("pk", "id"):
                values = self.objects_of(url_name)
            elif name in ("page_id",) and url_name.startswith(APP_LABEL):
                values = [self.world.roadmap.pk]
            else:
                values = self.by_parameter.get(name)
            if not values:
                return None
            choices[name] = values
        return [
            dict(zip(choices, combo, strict=True)) for combo in itertools.product(*choices.values())
        ]

    def per_model(self, names):
        filled = []
        for app_label, model_name in self.model_pairs:
            values = {
                "app_label": app_label,
                "model_name": model_name,
                "content_type_app_name": app_label,
                "content_type_model_name": model_name,
                "app_name": app_label,
                "action": "delete",
                "action_name": "delete",
            }
            if "pk" in names:
                model = apps.get_model(app_label, model_name)
                for pk in model._default_manager.values_list("pk", flat=True):
                    filled.append({**{n: values[n] for n in names if n in values}, "pk": pk})
            elif all(n in values for n in names):
                filled.append({n: values[n] for n in names})
        return filled


def url_of(url_name, pattern, kwargs):
    if isinstance(pattern.pattern, RegexPattern) and any(k.startswith("_") for k in kwargs):
        return reverse(url_name, args=[kwargs[k] for k in sorted(kwargs)])
    return reverse(url_name, kwargs=kwargs)


def body_text(response) -> str:
    """What a user gets, as text: spreadsheets opened, JSON unescaped, files decoded."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    kind = response.get("Content-Type", "")
    headers = " ".join(f"{k}: {v}" for k, v in response.items())
    if "spreadsheetml" in kind:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        cells = (
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
        return headers + " ".join(cells)
    text = content.decode("utf-8", "replace")
    if "json" in kind:
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return headers + text


def clients(world):
    made = {"anonymous": Client()}
    for role, user in world.users.items():
        made[role] = Client()
        made[role].force_login(user)
    return made


# This app's views that answer a POST with messages, and the harmless data to post them:
# the walk must not delete or change the people it looks for.
POSTED = {
    "create_pair": lambda world: {"mentor": world.people["Скрытнов"].pk},
    "import_preview": lambda world: {"action": "map", "header": "ФИО", "field": ""},
    "pair_everyone": lambda world: {"action": "propose", "min_score": 0},
}


def requests_of(url_name, url, world):
    """The requests a URL gets: a plain GET, a search for every name, for a bulk action every
    record's id, and a POST where this app's view answers one with messages."""
    yield "get", url, {}
    yield "get", f"{url}?q={SEARCH}", {}
    if "/bulk/" in url:
        model = apps.get_model(*url.split("/bulk/")[1].split("/")[:2])
        every = "&".join(f"id={pk}" for pk in model._default_manager.values_list("pk", flat=True))
        yield "get", f"{url}?{every}", {}
    view = url_name.rpartition(":")[2]
    if is_ours(url_name) and view in POSTED:
        yield "post", url, POSTED[view](world)


@pytest.fixture
def world(db, django_user_model):
    return build_world(django_user_model)


def test_no_response_names_a_person_the_user_may_not_see(world, capsys):
    filler = Filler(world)
    browsers = clients(world)
    visited, unfilled, failures, errors = 0, set(), [], []
    for route, url_name, pattern in walk(get_resolver().url_patterns):
        names = parameters(route)
        combos = filler.kwargs_for(url_name, route, names) if names else [{}]
        if not combos:
            missing = [n for n in names if n not in UNFILLED]
            assert not is_ours(url_name), f"{url_name} ({route}): the walk cannot fill {names}"
            unfilled.add((url_name, tuple(missing)))
            continue
        for kwargs in combos:
            url = url_of(url_name, pattern, kwargs)
            for role in ROLES:
                hidden = world.hidden_surnames(role)
                for method, target, data in requests_of(url_name, url, world):
                    try:
                        response = getattr(browsers[role], method)(target, data)
                    except Exception:
                        trace = traceback.format_exc()
                        if APP_LABEL in trace or is_ours(url_name):
                            errors.append(f"{role} {method} {target}\n{trace[-1500:]}")
                        continue
                    visited += 1
                    text = body_text(response)
                    leaked = sorted(name for name in hidden if name in text)
                    if leaked:
                        failures.append(
                            f"{role} {method} {target} → {response.status_code}: {leaked}"
                        )
    with capsys.disabled():
        print(
            f"\naccess walk: {visited} responses checked over "
            f"{len(list(walk(get_resolver().url_patterns)))} URL patterns, "
            f"{len(failures)} leaks, "
            f"{len(unfilled)} of Wagtail's patterns not filled: {sorted(unfilled)}"
        )
    for role in ROLES[1:]:  # every role was still logged in at the end of the walk
        assert browsers[role].get(reverse("wagtailadmin_home")).status_code == 200, role
    assert not errors, "\n\n".join(errors[:5])
    assert not failures, "\n".join(failures)


def test_the_world_is_what_the_walk_assumes(world):
    """The oracle of the walk: each surname is a person of the school it says."""
    schools = {"A": world.school_a, "B": world.school_b}
    for surname, school in SECRET.items():
        assert world.people[surname].organization == schools[school]
