"""`frontdoor people import FILE.csv`: bulk-load the person index from another system's export."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.people.batch_match import people_match
from frontdoor.people.importer import ImportFileError, format_errors, people_import


class Command(BaseCommand):
    help = (
        "Person index: `import FILE.csv` loads or updates people by person_id; "
        "`match QUERIES.csv --out RESULTS.csv` ranks candidates for each query."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="Load people from a CSV file (UTF-8; see docs for the columns).")
        load.add_argument("file", type=Path)
        match = sub.add_parser("match", help="Rank candidates for each query of a CSV file.")
        match.add_argument("queries", type=Path)
        match.add_argument("--top", type=int, default=5)
        match.add_argument("--out", type=Path, required=True)

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        if options["action"] == "match":
            self._match(options)
            return
        try:
            result = people_import(path=options["file"])
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Imported {result.created:,} new and updated {result.updated:,} people ({result.unchanged:,} unchanged)."
        )
        if result.errors:
            self.stderr.write(f"{len(result.errors):,} row(s) skipped:\n{format_errors(result)}")

    def _match(self, options: dict) -> None:
        try:
            result = people_match(queries=options["queries"], out=options["out"], top=options["top"])
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Matched {result.created:,} queries into {options['out']}.")
        if result.errors:
            self.stderr.write(f"{len(result.errors):,} query row(s) skipped:\n{format_errors(result)}")
