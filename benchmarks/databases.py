"""`make bench` (the person search on both databases): the same people and queries through SQLite and
through PostgreSQL, compared answer by answer, with each one's import time and search p50/p95.

Usage: .venv/bin/python benchmarks/databases.py [--people N] [--seed N]

PostgreSQL is a throwaway cluster from scripts/with-postgres.sh (or DATABASE_URL if set to one).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def answer(people_csv: Path, queries_csv: Path, out: Path) -> None:
    """In the configured database: import, then each query's top five (ids, scores, bands)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from matching import details, read_queries

    from frontdoor.people.importer import people_import
    from frontdoor.people.models import Person
    from frontdoor.people.selectors import rank_candidates

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    people_import(path=people_csv)
    imported = time.perf_counter() - started
    answers, times = [], []
    for query in read_queries(queries_csv):
        started = time.perf_counter()
        found = rank_candidates(people=Person.objects.all(), query=details(query), limit=5)
        times.append((time.perf_counter() - started) * 1000)
        answers.append([(c.person.source_id, c.score, c.band) for c in found])
    times.sort()
    result = {
        "import_s": imported,
        "p50": statistics.median(times),
        "p95": times[max(0, round(len(times) * 0.95) - 1)],
        "answers": answers,
    }
    out.write_text(json.dumps(result), encoding="utf-8")


def run(env: dict[str, str], prefix: list[str], people_csv: Path, queries_csv: Path, out: Path) -> dict:
    args = [sys.executable, __file__, "--answer", str(people_csv), str(queries_csv), str(out)]
    subprocess.run([*prefix, *args], env={**os.environ, **env}, check=True)  # noqa: S603
    return json.loads(out.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--answer", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.answer:
        answer(*args.answer)
        return
    from population import write_population

    people_csv, queries_csv = write_population(ROOT / "data" / "population", args.people, seed=args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sqlite = run({"DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}"}, [], people_csv, queries_csv, work / "s.json")
        postgres = run({}, [str(ROOT / "scripts" / "with-postgres.sh")], people_csv, queries_csv, work / "p.json")
    same = sum(a == b for a, b in zip(sqlite["answers"], postgres["answers"], strict=True))
    print(
        f"\n### The same search on both databases: {args.people:,} people (seed {args.seed}), "
        f"{len(sqlite['answers']):,} queries\n"
    )
    print("| database | import (s) | search p50 / p95 (ms) |\n|---|---:|---:|")
    for name, r in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        print(f"| {name} | {r['import_s']:.1f} | {r['p50']:.1f} / {r['p95']:.1f} |")
    print(f"\nIdentical top five (people, order, scores and bands): {same:,} of {len(sqlite['answers']):,} queries.")


if __name__ == "__main__":
    main()
