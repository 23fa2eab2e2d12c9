"""Numbers and rows of a roadmap, derived from the order of its stages and activities.

The page table, the stage pages, the summary block and the xlsx download all read
their numbers («1.1», «1.2») and rows from here, so they always agree. An activity keeps
the number its approved document prints («4.3.1»); one without continues from the activity
before it at that one's depth (4.3.1 → 4.3.2), so numbering follows the document to any depth.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.core.validators import RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A number as documents print it: «3», «1.2», «4.3.1», with or without a final dot.
PRINTED_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")
ACTIVITY_NUMBER_VALIDATOR = RegexValidator(
    PRINTED_NUMBER, _("Write the number as the document does: digits and dots, like «4.3.1».")
)

# Activity columns in the seeds' order; a column that no activity fills is left out.
ACTIVITY_COLUMNS = (
    ("title", _("Activity")),
    ("content", _("Content")),
    ("timing", _("Timing")),
    ("responsible", _("Responsible")),
    ("result", _("Result / document")),
    ("status", _("Status")),
)


def fills(activity, key) -> bool:
    """The cell says something: neither empty nor the field's default («planned»)."""
    value = getattr(activity, key)
    return bool(value) and value != activity._meta.get_field(key).get_default()


@dataclass(frozen=True)
class NumberedActivity:
    number: str
    activity: object

    def cells(self, columns) -> list[str]:
        return [self.cell(key) for key, _label in columns]

    def cell(self, key) -> str:
        # A choice shows its label («Выполнено»), as the stage page does.
        display = getattr(self.activity, f"get_{key}_display", None)
        return str(display()) if display else getattr(self.activity, key)


@dataclass(frozen=True)
class NumberedStage:
    number: int
    page: object
    activities: tuple[NumberedActivity, ...]

    @property
    def heading(self) -> str:
        return gettext("Stage %(number)s. %(title)s") % {
            "number": self.number,
            "title": self.page.title,
        }

    @property
    def timing_text(self) -> str:
        if not self.page.timing:
            return ""
        return gettext("Timing: %(timing)s") % {"timing": self.page.timing}

    @property
    def row_text(self) -> str:
        """The stage's row in the table: its heading, and its timing when it has one."""
        return f"{self.heading} {self.timing_text}".strip()

    @property
    def anchor(self) -> str:
        return f"stage-{self.number}"

    @cached_property
    def done_count(self) -> int:
        return sum(1 for item in self.activities if item.activity.is_done)

    @property
    def percent_done(self) -> int:
        if not self.activities:
            return 0
        return round(100 * self.done_count / len(self.activities))


def activity_numbers(stage_number: int, activities: Iterable) -> list[str]:
    """The printed number of each activity that has one; the next one at the same depth as
    the number before for the others (the first of a stage: «stage.1»)."""
    numbers, last = [], [stage_number, 0]
    for activity in activities:
        printed = activity.number.strip().rstrip(".")
        if PRINTED_NUMBER.match(printed):
            last = [int(part) for part in printed.split(".")]
        else:
            last = [*last[:-1], last[-1] + 1]
            printed = ".".join(str(part) for part in last)
        numbers.append(printed)
    return numbers


def number_stage(number: int, page, activities: Iterable) -> NumberedStage:
    activities = list(activities)
    return NumberedStage(
        number=number,
        page=page,
        activities=tuple(
            NumberedActivity(activity_number, activity)
            for activity_number, activity in zip(
                activity_numbers(number, activities), activities, strict=True
            )
        ),
    )


def numbered_stages(stage_pages: Iterable) -> list[NumberedStage]:
    """Stages in order with their activities; reads ``page.activities.all()`` (prefetch it)."""
    return [
        number_stage(number, page, page.activities.all())
        for number, page in enumerate(stage_pages, start=1)
    ]


@dataclass
class RoadmapTable:
    stages: list[NumberedStage]

    @cached_property
    def columns(self) -> list[tuple[str, str]]:
        activities = [item.activity for stage in self.stages for item in stage.activities]
        return [
            (key, label)
            for key, label in ACTIVITY_COLUMNS
            if key == "title" or any(fills(activity, key) for activity in activities)
        ]

    @property
    def header(self) -> list[str]:
        return [gettext("No."), *(str(label) for _key, label in self.columns)]

    def sections(self):
        """(stage, [(number, cells), …]) for each stage: what the page table shows."""
        for stage in self.stages:
            yield stage, [(item.number, item.cells(self.columns)) for item in stage.activities]

    def labelled_sections(self):
        """``sections`` with each cell beside its column's label: a phone shows the label
        once the table reflows into a card per activity."""
        labels = self.header[1:]
        for stage, rows in self.sections():
            yield stage, [(number, list(zip(labels, cells, strict=True))) for number, cells in rows]

    def rows(self) -> list[list[str]]:
        """The table as plain rows, header first: what the xlsx download holds."""
        rows = [self.header]
        for stage, activity_rows in self.sections():
            rows.append([stage.row_text])
            rows.extend([number, *cells] for number, cells in activity_rows)
        return rows
