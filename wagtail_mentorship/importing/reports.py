"""An import report in words, for the command line and the admin's messages."""

from django.utils.translation import gettext as _


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
