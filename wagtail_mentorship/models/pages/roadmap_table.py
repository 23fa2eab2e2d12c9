"""Numbers and rows of a roadmap, derived from the order of its stages and activities.

The page table, the stage pages, the summary block and the xlsx download all read
their numbers («1.1», «1.2») and rows from here, so they always agree.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Activity columns in the seeds' order; a column that no activity fills is left out.
ACTIVITY_COLUMNS = (
    ("title", _("Activity")),
    ("content", _("Content")),
    ("timing", _("Timing")),
    ("responsible", _("Responsible")),
    ("result", _("Result / document")),
)


@dataclass(frozen=True)
class NumberedActivity:
    number: str
    activity: object

    def cells(self, columns) -> list[str]:
        return [getattr(self.activity, key) for key, _label in columns]


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


def number_stage(number: int, page, activities: Iterable) -> NumberedStage:
    return NumberedStage(
        number=number,
        page=page,
        activities=tuple(
            NumberedActivity(f"{number}.{index}", activity)
            for index, activity in enumerate(activities, start=1)
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
            if key == "title" or any(getattr(activity, key) for activity in activities)
        ]

    @property
    def header(self) -> list[str]:
        return [gettext("No."), *(str(label) for _key, label in self.columns)]

    def sections(self):
        """(stage, [(number, cells), …]) for each stage: what the page table shows."""
        for stage in self.stages:
            yield stage, [(item.number, item.cells(self.columns)) for item in stage.activities]

    def rows(self) -> list[list[str]]:
        """The table as plain rows, header first: what the xlsx download holds."""
        rows = [self.header]
        for stage, activity_rows in self.sections():
            rows.append([stage.row_text])
            rows.extend([number, *cells] for number, cells in activity_rows)
        return rows
