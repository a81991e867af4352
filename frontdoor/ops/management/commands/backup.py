"""`frontdoor backup`: a consistent copy of the database while Front Door keeps running."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database while Front Door runs: SQLite through its online backup, PostgreSQL with "
        "pg_dump's custom format. Restoring is described in docs/OPERATIONS.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="The new file to write (default: backups/ in FRONTDOOR_DATA_DIR, dated)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            written = backup(options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the database to {written}")
