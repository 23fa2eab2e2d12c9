"""A roadmap's table, as the seed documents lay it out, into its stages and activities.

A stage row is a row whose «№» is a whole number («1», «1.», «II»), a row whose only text
is merged across it («Этап №1. Подготовка условий…»), or a row where a «Этап» column
changes (merged down its activities). A stage row's own content and timing become the
stage's description and timing. An activity keeps the number the document prints («4.3.1»,
in «№» or at the start of its title); the roadmap numbers the others after it. Stages are
saved as new draft revisions for the editor to publish.
"""

import re
from dataclasses import dataclass, field

from anyascii import anyascii
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..people.identity import normalize_name
from ..spreadsheets.columns import ROADMAP_COLUMNS, header_match
from ..spreadsheets.values import text
from .reports import Problem

STAGE_NUMBER = re.compile(
    r"^\s*(этап\s*№?\s*(\d+|[IVXLC]+)\s*[.):]?|(\d+|[IVXLC]+)\s*[.)])\s*", re.IGNORECASE
)
WHOLE_NUMBER = re.compile(r"^(этап\s*№?\s*)?(\d+|[IVXLC]+)\.?$", re.IGNORECASE)
SUB_NUMBER = re.compile(r"^\d+(\.\d+)+\.?$")  # «1.2», «4.3.1.»: an activity's number
LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)+)\.?\s*")  # «1.1. Формирование…»
ACTIVITY_FIELDS = ("title", "content", "timing", "responsible", "result")
SHORT_TEXT_MAX = 255  # a stage's title and timing, an activity's timing: one-line fields


@dataclass
class ParsedStage:
    title: str
    row: int
    description: str = ""
    timing: str = ""
    activities: list = field(default_factory=list)


def _cells(row, match) -> dict:
    cells = {column.field: "" for column in ROADMAP_COLUMNS}
    for i, column in match.fields.items():
        cells[column.field] = text(row[i]) if i < len(row) else ""
    return cells


def _column(match, field_name) -> str:
    return match.written.get(field_name, field_name)


def _is_new_stage(stages, title: str) -> bool:
    """A stage merged down its rows repeats on each: it is new only where it changes."""
    return not stages or normalize_name(_stage_title(title)) != normalize_name(stages[-1].title)


def _stage_title(value: str) -> str:
    return " ".join(STAGE_NUMBER.sub("", value).split())


def _is_numbered_stage_row(cells) -> bool:
    """«№» a whole number, and nobody responsible and no result of the row's own: a merged
    stage name repeats in those cells, an activity numbered 1, 2, 3 fills them."""
    if not WHOLE_NUMBER.match(cells["number"]):
        return False
    own = {cells["responsible"], cells["result"]} - {"", cells["title"]}
    return not own


def _numbered_stage(cells, filled, offset) -> ParsedStage:
    """The stage of a row numbered as one: its title, and its content and timing if any."""
    title = cells["title"] or next(value for value in filled if value != cells["number"])

    def own(name):
        return "" if cells[name] == title else cells[name]

    return ParsedStage(_stage_title(title), offset, own("content"), own("timing"))


def _activity(cells) -> dict:
    """The activity's fields, with its printed number from «№» or from its title."""
    activity = {name: cells[name] for name in ACTIVITY_FIELDS}
    leading = LEADING_NUMBER.match(activity["title"])
    if leading:
        activity["title"] = activity["title"][leading.end() :].strip()
    number = cells["number"] if SUB_NUMBER.match(cells["number"]) else ""
    if not number and leading:
        number = leading.group(1)
    activity["number"] = number.rstrip(".")
    return activity


def _too_long(offset, column, value) -> list[Problem]:
    if len(value) <= SHORT_TEXT_MAX:
        return []
    message = ngettext(
        "The cell has %(count)s character; at most %(limit)s fit here.",
        "The cell has %(count)s characters; at most %(limit)s fit here.",
        len(value),
    )
    return [Problem(offset, column, message % {"count": len(value), "limit": SHORT_TEXT_MAX})]


def _add_stage(stages, problems, stage, column) -> None:
    """The stage, unless it is the one before repeated by a merge down its rows."""
    if _is_new_stage(stages, stage.title):
        problems.extend(_too_long(stage.row, column, stage.title))
        stages.append(stage)


def parse_roadmap_table(sheet) -> tuple[list[ParsedStage], list[Problem]]:
    """The stages with their activities, and a problem for each row that fits neither."""
    match, numbered_rows = header_match(sheet, ROADMAP_COLUMNS)
    stages, problems = [], []
    for offset, row in numbered_rows:
        filled = [value for value in (text(cell) for cell in row) if value]
        if not filled:
            continue
        cells = _cells(row, match)
        if len(set(filled)) == 1 and not LEADING_NUMBER.match(filled[0]):  # merged across
            _add_stage(stages, problems, ParsedStage(_stage_title(filled[0]), offset), "")
            continue
        if cells["stage"]:  # a «Этап» column: the row may hold the stage's first activity too
            stage = ParsedStage(_stage_title(cells["stage"]), offset)
            _add_stage(stages, problems, stage, _column(match, "stage"))
            if not any(cells[name] for name in ACTIVITY_FIELDS):
                continue
        elif _is_numbered_stage_row(cells):
            stage = _numbered_stage(cells, filled, offset)
            _add_stage(stages, problems, stage, _column(match, "title"))
            problems.extend(_too_long(offset, _column(match, "timing"), stage.timing))
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
        activity = _activity(cells)
        problems.extend(_too_long(offset, _column(match, "timing"), activity["timing"]))
        stages[-1].activities.append(activity)
    if not stages and not problems:
        problems.append(
            Problem(None, "", _("No stage or activity was found below the header row."))
        )
    return stages, problems


def description_html(content: str) -> str:
    """A stage row's content as the rich text of the stage's description: a paragraph a line."""
    return "".join(f"<p>{escape(line)}</p>" for line in content.splitlines() if line.strip())


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
        if parsed.timing:
            page.timing = parsed.timing
        if parsed.description:
            page.description = description_html(parsed.description)
        # The table's order, kept: modelcluster leaves sort_order to the admin's formset, and
        # PostgreSQL returns rows without one in any order.
        page.activities = [
            activity_model(sort_order=index, **activity)
            for index, activity in enumerate(parsed.activities)
        ]
        page.save_revision(user=user, log_action=True)
        counts["activities"] += len(parsed.activities)
    return counts
