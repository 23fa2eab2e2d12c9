from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_mentorship.spreadsheets.importing import TARGETS, run_import
from wagtail_mentorship.spreadsheets.reports import problem_lines, summary_line


class Command(BaseCommand):
    help = (
        "Imports a questionnaire spreadsheet (xlsx, ods, csv) into a base, all or nothing: "
        "prints the counts, or every problem with its row and column and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", choices=sorted(TARGETS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--sheet", help="The sheet to read (the first visible one by default).")

    def handle(self, target, file, dry_run=False, sheet=None, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
            ) from error
        report = run_import(data, file.name, target, dry_run=dry_run, sheet=sheet)
        if not report.ok:
            for line in problem_lines(report):
                self.stderr.write(line)
            raise CommandError(_("Nothing was imported: the file has problems (see above)."))
        self.stdout.write(summary_line(report, dry_run))
