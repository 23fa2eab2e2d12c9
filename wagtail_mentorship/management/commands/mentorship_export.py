from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_mentorship.importing.exporting import LAYOUTS, export_table
from wagtail_mentorship.spreadsheets.writing import write_csv, write_xlsx

from ...importing import audit


class Command(BaseCommand):
    help = "Exports a base to .xlsx or .csv (chosen by the file's extension), formula-safe."

    def add_arguments(self, parser):
        parser.add_argument("target", choices=sorted(LAYOUTS))
        parser.add_argument("file", type=Path)

    def handle(self, target, file, **options):
        suffix = file.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise CommandError(_("The file must end in .xlsx or .csv."))
        queryset = LAYOUTS[target].queryset()
        title, headers, rows = export_table(target, queryset)
        rows = list(rows)
        # From the command line too, each exported person's trail says so (no user: the site's
        # administrator ran it).
        audit.log_for_each(
            queryset, audit.EXPORT_ACTION, None, data={"format": suffix[1:], "layout": target}
        )
        with file.open("wb") as stream:
            if suffix == ".xlsx":
                write_xlsx(title, headers, rows, stream)
            else:
                write_csv(headers, rows, stream)
        self.stdout.write(
            _("%(count)s rows written to %(file)s.") % {"count": len(rows), "file": file}
        )
