"""`frontdoor people import FILE.csv`: bulk-load the person index from another system's export;
`frontdoor people status FILE.csv`: apply the case-management system's daily delta."""

import gc
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from frontdoor.people.batch_match import people_match
from frontdoor.people.case_status import people_status_apply
from frontdoor.people.duplicates import people_duplicates
from frontdoor.people.importer import ImportFileError, format_errors, people_import
from frontdoor.people.keys import people_reindex
from frontdoor.people.training import SEED, people_train


class Command(BaseCommand):
    help = (
        "Person index: `import FILE.csv` loads or updates people by person_id; "
        "`status FILE.csv` applies the case system's open case, allocation, plan and restriction columns; "
        "`match QUERIES.csv --out RESULTS.csv` ranks candidates for each query; "
        "`duplicates --out PAIRS.csv` lists likely duplicate records; `reindex` rebuilds the search keys; "
        "`train` re-estimates the matching model from the index and the labelled pairs."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="Load people from a CSV file (UTF-8; see docs for the columns).")
        load.add_argument("file", type=Path)
        status = sub.add_parser(
            "status",
            help="Apply a delta of open_case, allocated_worker, allocated_team, cp_plan, looked_after, "
            "restricted keyed by person_id (an empty cell changes nothing).",
        )
        status.add_argument("file", type=Path)
        match = sub.add_parser("match", help="Rank candidates for each query of a CSV file.")
        match.add_argument("queries", type=Path)
        match.add_argument("--top", type=int, default=5)
        match.add_argument("--out", type=Path, required=True)
        dupes = sub.add_parser("duplicates", help="List likely duplicate pairs in the whole index.")
        dupes.add_argument("--out", type=Path, required=True)
        dupes.add_argument("--min-band", choices=["likely", "possible"], default="likely")
        sub.add_parser("reindex", help="Rebuild every person's search keys (after a restore or a bulk change).")
        train = sub.add_parser(
            "train", help="Re-estimate the matching model from the index and labelled pairs (docs/MATCHING.md)."
        )
        train.add_argument("--seed", type=int, default=SEED, help="the random sample's seed")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        handler = {
            "match": self._match,
            "duplicates": self._duplicates,
            "reindex": self._reindex,
            "train": self._train,
            "status": self._status,
        }.get(options["action"])
        if handler:
            handler(options)
            return
        try:
            result = people_import(path=options["file"])
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        unborn = f" {result.unborn:,} loaded as unborn (an expected date of birth)." if result.unborn else ""
        self.stdout.write(
            f"Imported {result.created:,} new and updated {result.updated:,} people "
            f"({result.unchanged:,} unchanged).{unborn}"
        )
        if result.errors:
            self.stderr.write(f"{len(result.errors):,} row(s) skipped:\n{format_errors(result)}")
        if result.created or result.updated:
            self.stdout.write(
                "Run `frontdoor people train` to re-estimate the matching model from the index as it is now."
            )

    def _status(self, options: dict) -> None:
        started = time.perf_counter()
        try:
            result = people_status_apply(path=options["file"])
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        # "skipped" is said only of rows that were not applied.
        skipped = f", {len(result.errors):,} skipped" if result.errors else ""
        self.stdout.write(
            f"Read {result.rows:,} row(s): updated {result.updated:,} people, {result.unchanged:,} unchanged"
            f"{skipped}, in {time.perf_counter() - started:.1f} s."
        )
        if result.errors:
            self.stderr.write(f"{len(result.errors):,} row(s) skipped:\n{format_errors(result)}")

    def _match(self, options: dict) -> None:
        gc.collect()
        gc.freeze()  # start-up's objects out of the collector's full passes over thousands of searches
        try:
            result = people_match(queries=options["queries"], out=options["out"], top=options["top"])
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Matched {result.created:,} queries into {options['out']}.")
        if result.errors:
            self.stderr.write(f"{len(result.errors):,} query row(s) skipped:\n{format_errors(result)}")

    def _duplicates(self, options: dict) -> None:
        started = time.perf_counter()
        try:
            result = people_duplicates(out=options["out"], min_band=options["min_band"])
        except OSError as error:
            raise CommandError(f"{options['out']}: {error.strerror}") from None
        self.stdout.write(
            f"Compared {result.pairs_compared:,} candidate pairs among {result.people:,} people in "
            f"{time.perf_counter() - started:.1f} s; {result.pairs_found:,} {options['min_band']} duplicate pair(s) "
            f"written to {options['out']}."
        )

    def _reindex(self, options: dict) -> None:
        with transaction.atomic():
            keys = people_reindex()
        self.stdout.write(f"Rebuilt {keys:,} search keys.")

    def _train(self, options: dict) -> None:
        result = people_train(seed=options["seed"])
        summary = result.model.summary
        labels = summary["labels"]
        rules = "; ".join(
            f"{name}: {r['pairs']:,} pairs, {r['iterations']} rounds" for name, r in summary["rules"].items()
        )
        self.stdout.write(
            f"Trained matching model version {result.model.version} on {summary['people']:,} people "
            f"({summary['random_pairs']:,} random pairs; {rules}; {labels['same']:,} labelled same, "
            f"{labels['different']:,} labelled different) in {result.seconds:.1f} s."
        )
