from django.core.management.base import BaseCommand

from home.demo_content import load_demo_content
from home.demo_users import reset_passwords


class Command(BaseCommand):
    help = "Loads the demo roadmaps, practices and people; running it again creates nothing new."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Also give the local-only admin, coordinator and curators new random "
            "passwords and print them.",
        )

    def handle(self, *args, admin=False, **options):
        counts = load_demo_content()
        self.stdout.write(
            f"Demo content: {counts['roadmaps_created']} roadmaps, "
            f"{counts['practices_created']} best practices and "
            f"{counts['people_created']} people created."
        )
        if admin:
            self.stdout.write(self.style.SUCCESS("Logins (this machine only):"))
            for login, role, password in reset_passwords():
                self.stdout.write(
                    self.style.SUCCESS(f"  {login:<16} password {password}   ({role})")
                )
