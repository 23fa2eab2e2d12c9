import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from home.demo_content import load_demo_content


class Command(BaseCommand):
    help = "Loads the demo roadmaps and best practices; running it again creates nothing new."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Also give the local-only 'admin' account a new random password and print it.",
        )

    def handle(self, *args, admin=False, **options):
        counts = load_demo_content()
        self.stdout.write(
            f"Demo content: {counts['roadmaps_created']} roadmaps, "
            f"{counts['practices_created']} best practices and "
            f"{counts['people_created']} people created."
        )
        if admin:
            password = secrets.token_urlsafe(12)
            user, _created = get_user_model().objects.get_or_create(
                username="admin", defaults={"email": "admin@example.com"}
            )
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            self.stdout.write(
                self.style.SUCCESS(f"Admin (this machine only): login admin, password {password}")
            )
