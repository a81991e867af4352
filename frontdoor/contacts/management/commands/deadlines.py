"""`frontdoor deadlines sweep`: pass urgent contacts out of hours when they are due to go (R-TIME-1).

`frontdoor worker` runs the same sweep on each pass; run this from a scheduler every few minutes (cron,
a systemd timer) where no worker runs. The queues and contact pages run it too, a few contacts at a time,
so a handover never waits for someone to remember it.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from frontdoor.contacts.alerts import out_of_hours_sweep


class Command(BaseCommand):
    help = "frontdoor deadlines sweep: hand urgent contacts to the out-of-hours team when due"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("sweep", help="record the out-of-hours handover of every contact now due to pass")

    def handle(self, *args: Any, **options: Any) -> None:
        done = out_of_hours_sweep()
        for handover in done:
            self.stdout.write(f"{handover.contact.reference} passed to {handover.team}")
        self.stdout.write(f"{len(done)} contact{'s' if len(done) != 1 else ''} passed out of hours.")
