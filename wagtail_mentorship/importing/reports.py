"""An import's report, the same for every kind of import: its counts, its problems (row,
column, what is wrong), and the report in words for the command line and the admin."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy


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
    shown: list = field(default_factory=list)  # (label, old, new) as the curator reads them


@dataclass
class ColumnUse:
    """A column of the file and what the import does with it: fills a ``field`` (its
    ``label``), keeps it with the questionnaire answers, or ignores it."""

    FIELD = "field"
    ANSWER = "answer"
    IGNORED = "ignored"

    header: str
    kind: str
    label: str = ""


@dataclass
class PreviewRow:
    """A row as it will be saved: (label, value as the curator reads it) of each field."""

    row: int
    state: str  # new, updated, unchanged
    values: list


@dataclass
class Caution:
    """What the curator decides on before confirming (no organisation, no consent…): its
    ``kind``, and the rows it concerns."""

    ORGANIZATION = "organization"  # new people or pairs with no organisation
    REPRESENTATIVE = "representative"  # minors with no legal representative
    CONSENT = "consent"  # people with no consent to processing in force
    KINDS = (ORGANIZATION, REPRESENTATIVE, CONSENT)  # in the order the preview lists them

    kind: str
    rows: list


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
    columns: list = field(default_factory=list)  # ColumnUse of each column, in the file's order
    rows: list = field(default_factory=list)  # PreviewRow of the first rows
    cautions: list = field(default_factory=list)  # Caution of each kind found
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: str) -> int:
        return self.counts.get(kind, 0)

    def caution(self, kind: str):
        return next((caution for caution in self.cautions if caution.kind == kind), None)


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


ROWS_NAMED = 15  # row numbers a caution lists before «…»
CAUTION_MESSAGES = {
    Caution.ORGANIZATION: ngettext_lazy(
        "%(count)s new record has no organisation (rows %(rows)s).",
        "%(count)s new records have no organisation (rows %(rows)s).",
        "count",
    ),
    Caution.REPRESENTATIVE: ngettext_lazy(
        "%(count)s minor has no legal representative (rows %(rows)s).",
        "%(count)s minors have no legal representative (rows %(rows)s).",
        "count",
    ),
    Caution.CONSENT: ngettext_lazy(
        "%(count)s person has no consent to the processing of personal data (rows %(rows)s).",
        "%(count)s people have no consent to the processing of personal data (rows %(rows)s).",
        "count",
    ),
}


def caution_lines(report) -> list[tuple[str, str]]:
    """(kind, what to decide on, in words) of each caution of the report."""
    lines = []
    for caution in report.cautions:
        rows = ", ".join(str(row) for row in caution.rows[:ROWS_NAMED])
        if len(caution.rows) > ROWS_NAMED:
            rows += ", …"
        message = CAUTION_MESSAGES[caution.kind] % {"count": len(caution.rows), "rows": rows}
        lines.append((caution.kind, message))
    return lines
