"""`frontdoor people import FILE.csv`: bulk-load the person index from another system's export."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.people.importer import ImportFileError, format_errors, people_import


class Command(BaseCommand):
    help = "Person index operations. `import FILE.csv` loads or updates people by person_id."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="Load people from a CSV file (UTF-8; see docs for the columns).")
        load.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        try:
            result = people_import(path=options["file"])
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Imported {result.created:,} new and updated {result.updated:,} people ({result.unchanged:,} unchanged)."
        )
        if result.errors:
            self.stderr.write(f"{len(result.errors):,} row(s) skipped:\n{format_errors(result)}")
