from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wagtail_mentorship.access.photos import withdraw_lapsed_photos
from wagtail_mentorship.models import Mentee, Mentor, PreparedFile
from wagtail_mentorship.privacy.anonymise import anonymise, expired


class Command(BaseCommand):
    help = (
        "Anonymises the mentors and mentees whose consent to processing is withdrawn or whose "
        "programme ended longer ago than WAGTAIL_MENTORSHIP_RETENTION_DAYS, and takes down "
        "published photos whose consent has lapsed, and deletes the prepared files («Мои "
        "файлы») older than WAGTAIL_MENTORSHIP_PREPARED_FILE_DAYS. For a daily cron; it "
        "cannot be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the people whose retention period is over; change nothing.",
        )

    def handle(self, dry_run=False, **options):
        # The neutral names («Обезличенный наставник №…») in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            for model in (Mentor, Mentee):
                people = expired(model)
                if dry_run:
                    message = _("%(model)s: %(count)s to anonymise (dry run, nothing changed).")
                    count = people.count()
                else:
                    message = _("%(model)s: %(count)s anonymised.")
                    count = anonymise(people, user=None)
                name = model._meta.verbose_name_plural
                self.stdout.write(message % {"model": capfirst(name), "count": count})
            if not dry_run:
                withdrawn = withdraw_lapsed_photos(Mentor.objects.select_related("photo"))
                self.stdout.write(
                    _("Published photos withdrawn: %(count)s.") % {"count": withdrawn}
                )
                # Files of personal data wait for no one's visit to «Мои файлы» to go.
                purged = PreparedFile.purge_old()
                self.stdout.write(_("Old prepared files deleted: %(count)s.") % {"count": purged})
