"""`frontdoor demo-data`: load synthetic demo data and print a login for each role."""

from django.core.management.base import BaseCommand

from frontdoor.accounts.models import Role
from frontdoor.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load synthetic demo data (no real people) and print the demo logins. Safe to run again."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--people", type=int, default=2000)
        parser.add_argument("--contacts", type=int, default=500)

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        result = load_demo(people=options["people"], contacts=options["contacts"])
        verb = "already loaded" if result.already else "loaded"
        self.stdout.write(f"Demo data {verb}: {result.people:,} people, {result.contacts:,} contacts.\n")
        self.stdout.write("Sign in at http://127.0.0.1:8000 as any of these, password: " + DEMO_PASSWORD)
        for role in Role:
            self.stdout.write(f"  {role.value:<24} {role.label}")
