"""A roadmap's table, as the seed documents lay it out, into its stages and activities.

Stage rows are rows whose only text is the stage («Этап №1. Подготовка условий…»), or rows
where a «Этап» column changes. Numbers («1.», «1.1.») are dropped: the roadmap derives them
from the order. Stages are saved as new draft revisions for the editor to publish.
"""

import re
from dataclasses import dataclass, field

from anyascii import anyascii
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..people.identity import normalize_name
from ..spreadsheets.columns import Column, header_match
from ..spreadsheets.values import text
from .reports import Problem

ACTIVITY_COLUMNS = (
    Column("number", "№", "No.", ("№ п/п", "Номер", "N")),
    Column("stage", "Этап", "Stage", ("Наименование этапа", "Этапы")),
    Column(
        "title",
        "Мероприятие",
        "Activity",
        (
            "Мероприятия",
            "Наименование мероприятия",
            "Наименование этапов и мероприятий",
            "Этап / мероприятие",
            "Содержание мероприятия",
        ),
        required=True,
    ),
    Column("content", "Содержание", "Content", ("Содержание деятельности",)),
    Column("timing", "Сроки", "Timing", ("Срок", "Сроки выполнения", "Сроки проведения")),
    Column(
        "responsible",
        "Ответственные",
        "Responsible",
        ("Ответственный", "Ответственный исполнитель", "Ответственные исполнители"),
    ),
    Column(
        "result",
        "Результат",
        "Result",
        ("Результат, вид документа", "Результат / документ", "Вид документа"),
    ),
)
STAGE_NUMBER = re.compile(r"^\s*(этап\s*№?\s*\d+\s*[.):]?|\d+\s*[.)])\s*", re.IGNORECASE)
ACTIVITY_NUMBER = re.compile(r"^\s*\d+(\.\d+)+\.?\s*")
ACTIVITY_FIELDS = ("title", "content", "timing", "responsible", "result")


@dataclass
class ParsedStage:
    title: str
    row: int
    activities: list = field(default_factory=list)


def _cells(row, match) -> dict:
    return {
        column.field: text(row[i]) if i < len(row) else "" for i, column in match.fields.items()
    }


def _column(match, field_name) -> str:
    return match.written.get(field_name, field_name)


def parse_roadmap_table(sheet) -> tuple[list[ParsedStage], list[Problem]]:
    """The stages with their activities, and a problem for each row that fits neither."""
    match, numbered_rows = header_match(sheet, ACTIVITY_COLUMNS)
    stages, problems = [], []
    for offset, row in numbered_rows:
        cells = _cells(row, match)
        filled = [value for value in (text(cell) for cell in row) if value]
        if not filled:
            continue
        stage_title = cells.get("stage", "")
        if len(set(filled)) == 1 and not stage_title:  # a merged stage row, as in the seeds
            stage_title = filled[0]
        if stage_title and (
            not stages or normalize_name(stage_title) != normalize_name(stages[-1].title)
        ):
            stages.append(ParsedStage(STAGE_NUMBER.sub("", stage_title).strip(), offset))
            if len(set(filled)) == 1:
                continue
        if not cells["title"]:
            problems.append(Problem(offset, _column(match, "title"), _("The activity is empty.")))
            continue
        if not stages:
            problems.append(
                Problem(
                    offset, "", _("An activity before the first stage: add the stage row above it.")
                )
            )
            continue
        activity = {name: cells.get(name, "") for name in ACTIVITY_FIELDS}
        activity["title"] = ACTIVITY_NUMBER.sub("", activity["title"]).strip()
        stages[-1].activities.append(activity)
    if not stages and not problems:
        problems.append(
            Problem(None, "", _("No stage or activity was found below the header row."))
        )
    return stages, problems


def free_slug(title: str, taken: set) -> str:
    """A readable Latin slug («podgotovka-uslovii»), unique among the roadmap's stages."""
    base = slugify(anyascii(title))[:80].strip("-") or "stage"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


@transaction.atomic
def save_as_drafts(roadmap, stages, user) -> dict:
    """Each stage as a new draft revision: the live roadmap changes only when it is published.

    The stages and activities are of the roadmap's own models (``get_stage_model()`` and the
    stage model's ``get_activity_model()``), so a site's subclassed roadmap gets its own.
    """
    stage_model = roadmap.get_stage_model()
    activity_model = stage_model.get_activity_model()
    existing = {normalize_name(page.title): page for page in stage_model.objects.child_of(roadmap)}
    slugs = set(roadmap.get_children().values_list("slug", flat=True))
    counts = {"stages_new": 0, "stages_updated": 0, "activities": 0}
    for parsed in stages:
        page = existing.get(normalize_name(parsed.title))
        if page is None:
            page = stage_model(title=parsed.title, slug=free_slug(parsed.title, slugs), live=False)
            roadmap.add_child(instance=page)
            counts["stages_new"] += 1
        else:
            page = page.get_latest_revision_as_object()
            counts["stages_updated"] += 1
        page.activities = [activity_model(**activity) for activity in parsed.activities]
        page.save_revision(user=user, log_action=True)
        counts["activities"] += len(parsed.activities)
    return counts
