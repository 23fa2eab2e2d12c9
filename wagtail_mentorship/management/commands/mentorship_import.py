import dataclasses
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail_mentorship.importing.pipeline import TARGETS, run_import
from wagtail_mentorship.importing.reports import problem_lines, summary_line
from wagtail_mentorship.models import Organization


class Command(BaseCommand):
    help = (
        "Imports a questionnaire spreadsheet (xlsx, ods, csv) into a base, all or nothing: "
        "prints the counts, or every problem with its row and column and writes nothing. "
        "Run by the site's administrator, it acts for every organisation."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", choices=sorted(TARGETS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--sheet", help="The sheet to read (the first visible one by default).")
        parser.add_argument(
            "--organization",
            metavar="NAME_OR_ID",
            help="The organisation new records go to, unless their row names one.",
        )

    def handle(self, target, file, dry_run=False, sheet=None, organization=None, **options):
        organization = self.find_organization(organization) if organization else None
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
            ) from error
        # No user: the command acts for every organisation.
        report = run_import(
            data, file.name, target, dry_run=dry_run, sheet=sheet, organization=organization
        )
        if not report.ok:
            for line in problem_lines(report):
                self.stderr.write(line)
            raise CommandError(_("Nothing was imported: the file has problems (see above)."))
        for line in problem_lines(dataclasses.replace(report, problems=report.notes)):
            self.stdout.write(line)
        self.stdout.write(summary_line(report, dry_run))

    @staticmethod
    def find_organization(value: str) -> Organization:
        """An organisation by its id, its official name or its short name."""
        lookup = Q(name__iexact=value) | Q(short_name__iexact=value)
        if value.isdigit():
            lookup |= Q(pk=int(value))
        found = list(Organization.objects.filter(lookup))
        if len(found) != 1:
            raise CommandError(
                _("No single organisation is called «%(organization)s»: give its name or its id.")
                % {"organization": value}
            )
        return found[0]
