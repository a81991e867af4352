"""`frontdoor demo-data`: load synthetic demo data and print a login for each role.

Django names commands after their module, so `demo-data.py` (not importable by name) re-exports
this Command to make `frontdoor demo-data` work as well as `frontdoor demo_data`."""

import time

from django.core.management.base import BaseCommand

from frontdoor.accounts.models import Role
from frontdoor.demo.loader import DEMO_PASSWORD, load_demo
from frontdoor.demo.outbox import outbox_summary
from frontdoor.procedures.loader import get_profile

URL = "http://127.0.0.1:8000"
# (people, contacts): "small" is quick to load (tests, screenshots); "standard" is a busy front door.
SIZES = {"small": (150, 40), "standard": (2000, 500)}


class Command(BaseCommand):
    help = "Load synthetic demo data (Faker, seeded; no real people) and print the demo logins. Safe to run again."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument(
            "--size",
            choices=sorted(SIZES),
            default="standard",
            help="small: 150 people and 40 contacts; standard (default): 2,000 and 500",
        )
        parser.add_argument("--people", type=int, help="people in the index (overrides --size)")
        parser.add_argument("--contacts", type=int, help="contacts (overrides --size)")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        started = time.perf_counter()
        people, contacts = SIZES[options["size"]]
        result = load_demo(
            people=people if options["people"] is None else options["people"],
            contacts=contacts if options["contacts"] is None else options["contacts"],
        )
        if result.already:
            self.stdout.write(f"Demo data already loaded: {result.people:,} people, {result.contacts:,} contacts.")
        else:
            self.stdout.write(
                f"Demo data loaded: {result.people:,} people, {result.contacts:,} contacts "
                f"in {time.perf_counter() - started:.1f} s."
            )
        self.stdout.write(f"\nSign in at {URL} with password: {DEMO_PASSWORD}\n")
        self.stdout.write(f"  {'role':<26} username")
        for role in Role:
            self.stdout.write(f"  {role.label:<26} {role.value}")
        if result.staff is None:
            return
        self.stdout.write("\nTheir colleagues in the duty team and the partner agencies (same password):")
        for key, users in result.staff.by_role.items():
            for user in users[1:]:
                self.stdout.write(f"  {Role(key).label:<26} {user.username}")
        profile = get_profile()
        for agency, user in result.staff.partners.items():
            if user.username != Role.MASH_PARTNER:
                self.stdout.write(f"  {profile.check_agency(agency).name:<26} {user.username}")
        self.stdout.write("\n" + outbox_summary())
