"""An import's report, the same for every kind of import: its counts, its problems (row,
column, what is wrong), and the report in words for the command line and the admin."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class Problem:
    row: int | None
    column: str
    message: str


@dataclass
class Change:
    row: int
    name: str
    fields: list  # (label, old, new)


@dataclass
class ImportReport:
    target: str
    filename: str
    sheet: str = ""
    sheet_names: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # Problem-shaped, but nothing to fix
    changes: list = field(default_factory=list)
    matched: dict = field(default_factory=dict)  # field → its header as the file writes it
    unmatched: list = field(default_factory=list)  # headers kept in the questionnaire answers
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: str) -> int:
        return self.counts.get(kind, 0)


def summary_line(report, dry_run=False) -> str:
    counts = {key: report.count(key) for key in ("new", "updated", "unchanged", "invalid")}
    line = _("New: %(new)s, updated: %(updated)s, unchanged: %(unchanged)s.") % counts
    return _("Check only, nothing written. %(line)s") % {"line": line} if dry_run else line


def problem_lines(report) -> list[str]:
    lines = []
    for problem in report.problems:
        if problem.row is None:
            lines.append(problem.message)
        elif problem.column:
            lines.append(
                _("Row %(row)s, column «%(column)s»: %(message)s")
                % {"row": problem.row, "column": problem.column, "message": problem.message}
            )
        else:
            lines.append(
                _("Row %(row)s: %(message)s") % {"row": problem.row, "message": problem.message}
            )
    return lines
