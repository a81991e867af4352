"""`make bench` (person matching learning from use): how accuracy moves as a duty team's judgements accrue.

Usage: .venv/bin/python benchmarks/labels.py [--population {1,2}] [--people N] [--labels 0,100,500,2000] [--quick]

1. A synthetic population (population 1 by default; `--population 2` for the other) with 4,500 queries,
   split in two disjoint parts: the training part (2,500) stands for the searches a duty team makes,
   the test part (2,000) is only ever measured.
2. The people are imported into data/labels<P>-<N>.sqlite3 and `frontdoor people train` is run with no
   labels (the cold start). The training part is searched with `frontdoor people match`, and a worker's
   judgement on each is simulated from the truth: when the person is among the five shown, the worker
   picks them (a "picked" label, the same person); when the person is not in the index and a candidate
   was shown as likely or possible, the worker records a new person despite it (a "not_picked" label,
   different people). Nothing else is judged.
3. For each number of labels (0, 100, 500, 2,000 by default): the first that many judgements (in a fixed
   shuffled order) are stored as `people.MatchLabel` rows, in place of any earlier ones; `frontdoor
   people train` is run (timed), and the test part is searched with `frontdoor people match`: top-1,
   recall@5, the precision of "likely", its recall among queries about people in the index that give a
   date of birth, and the share of queries about people not in the index with no "likely" candidate.

Without `frontdoor people train` (a version before the model) every row is the same built-in matcher.
"""

import argparse
import csv
import datetime
import os
import random
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from matching import can_train, frontdoor  # noqa: E402 - after the path above

QUERY_FIELDS = ("given_names", "family_name", "date_of_birth", "postcode", "nhs_number", "sex", "upn")


def write_population(population: int, people: int, queries: int) -> tuple[Path, Path]:
    """In a folder of its own: population.py names its files by the number of people only."""
    out = ROOT / "data" / f"labels-population{population}"
    if population == 2:
        from population2 import generate

        return generate(out, people, queries)
    from population import write_population as write_first

    return write_first(out, people, queries)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_queries(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def match(db: Path, queries: Path) -> dict[str, list[tuple[str, str, float]]]:
    """`frontdoor people match`: per query id, its candidates [(person_id, band, score)], best first."""
    out = queries.with_name(queries.stem + "-matched.csv")
    frontdoor(db, "people", "match", str(queries), "--out", str(out))
    found: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for row in read_csv(out):
        found[row["query_id"]].append((row["person_id"], row["band"], float(row["score"])))
    return found


def judgements(train: list[dict[str, str]], found: dict[str, list[tuple[str, str, float]]], seed: int) -> list[dict]:
    """What a worker would record for each training query, from the truth; in a fixed shuffled order."""
    out = []
    for q in train:
        candidates = found.get(q["query_id"], [])
        expected = q["expected_person_id"]
        details = {k: q.get(k, "") for k in QUERY_FIELDS}
        if expected and any(pid == expected for pid, _, _ in candidates):
            out.append({"source": "picked", "same": True, "query": details, "person": expected})
        elif not expected and candidates and candidates[0][1] in ("likely", "possible"):
            out.append({"source": "not_picked", "same": False, "query": details, "person": candidates[0][0]})
    random.Random(seed).shuffle(out)
    return out


def store_labels(chosen: list[dict]) -> None:
    """The chosen judgements as the only MatchLabel rows (in this process's database)."""
    from django.db import connections, transaction
    from django.utils import timezone

    from frontdoor.people.models import MatchLabel, Person

    ids = dict(Person.objects.filter(source_id__in={j["person"] for j in chosen}).values_list("source_id", "pk"))
    now = timezone.now()
    with transaction.atomic():
        MatchLabel.objects.all().delete()
        MatchLabel.objects.bulk_create(
            MatchLabel(
                source=j["source"],
                same=j["same"],
                query=j["query"],
                person_id=ids[j["person"]],
                recorded_at=now - datetime.timedelta(minutes=i),
            )
            for i, j in enumerate(chosen)
            if j["person"] in ids
        )
    connections.close_all()  # the training command writes to the same file


def measure(test: list[dict[str, str]], found: dict[str, list[tuple[str, str, float]]]) -> dict[str, float]:
    n = defaultdict(int)
    for q in test:
        candidates = found.get(q["query_id"], [])
        expected = q["expected_person_id"]
        ids = [pid for pid, _, _ in candidates]
        for pid, band, _ in candidates:
            if band == "likely":
                n["likely"] += 1
                n["likely_right"] += bool(expected) and pid == expected
        if not expected:
            n["absent"] += 1
            n["absent_clear"] += all(band != "likely" for _, band, _ in candidates)
            continue
        n["present"] += 1
        n["top1"] += bool(ids) and ids[0] == expected
        n["recall5"] += expected in ids
        if q["date_of_birth"]:
            n["dob"] += 1
            n["dob_likely"] += any(pid == expected and band == "likely" for pid, band, _ in candidates)

    def rate(part: str, whole: str) -> float:
        return n[part] / n[whole] if n[whole] else float("nan")

    return {
        "top1": rate("top1", "present"),
        "recall5": rate("recall5", "present"),
        "precision": rate("likely_right", "likely"),
        "likely_recall": rate("dob_likely", "dob"),
        "absent_clear": rate("absent_clear", "absent"),
        "present": n["present"],
        "absent": n["absent"],
        "likely": n["likely"],
    }


def main() -> None:  # noqa: PLR0915
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", choices=["1", "2"], default="1")
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--train", type=int, default=2_500, help="queries the simulated judgements come from")
    parser.add_argument("--test", type=int, default=2_000, help="queries measured")
    parser.add_argument("--labels", default="0,100,500,2000", help="numbers of labels, comma-separated")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="10,000 people, 700 + 600 queries, 0,100,500 labels")
    args = parser.parse_args()
    population = int(args.population)
    people, n_train, n_test = args.people, args.train, args.test
    counts = [int(x) for x in args.labels.split(",")]
    if args.quick:
        people, n_train, n_test, counts = 10_000, 700, 600, [0, 100, 500]
    started = time.perf_counter()
    people_csv, queries_csv = write_population(population, people, n_train + n_test)
    rows = read_csv(queries_csv)  # in random order: the two parts are disjoint samples
    train, test = rows[:n_train], rows[n_train : n_train + n_test]
    base = ROOT / "data" / f"labels{population}-{people}-base.sqlite3"
    db = base.with_name(f"labels{population}-{people}.sqlite3")
    if not base.exists():
        base.parent.mkdir(exist_ok=True)
        frontdoor(base, "migrate", "--noinput", "-v0")
        seconds, output = frontdoor(base, "people", "import", str(people_csv))
        print(f"  import: {seconds:.1f} s: {output.splitlines()[0]}", flush=True)
    shutil.copy(base, db)
    frontdoor(db, "migrate", "--noinput", "-v0")
    trains = can_train()
    notes = [f"population {population}: {people:,} people; {len(train):,} training and {len(test):,} test queries"]
    if not trains:
        notes.append("no `people train` in this version: every row is the built-in matcher")
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    import django

    django.setup()
    store_labels([])
    if trains:
        frontdoor(db, "people", "train")
    train_csv = write_queries(db.with_name(db.stem + "-train.csv"), train)
    test_csv = write_queries(db.with_name(db.stem + "-test.csv"), test)
    judged = judgements(train, match(db, train_csv), args.seed)
    notes.append(
        f"{len(judged):,} judgements simulated from the training part "
        f"({sum(j['same'] for j in judged):,} picked, {sum(not j['same'] for j in judged):,} not picked)"
    )
    results = []
    for count in counts:
        chosen = judged[:count]
        store_labels(chosen)
        seconds = 0.0
        if trains:
            seconds, _ = frontdoor(db, "people", "train")
        results.append((len(chosen), seconds, measure(test, match(db, test_csv))))
        print(f"  {len(chosen):,} labels: {results[-1][2]}", flush=True)
    today = datetime.datetime.now(datetime.UTC).date()
    print(f"\n### {today} — accuracy as labels accrue (`benchmarks/labels.py {' '.join(sys.argv[1:])}`)\n")
    print("; ".join(notes) + f"; {time.perf_counter() - started:.0f} s in all.\n")
    print("| labels | `people train` (s) | top-1 | recall@5 | likely precision | likely recall (with a date of birth) "
          "| no likely (not in index) |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for count, seconds, m in results:
        print(
            f"| {count:,} | {seconds:.1f} | {m['top1']:.4f} | {m['recall5']:.4f} | {m['precision']:.4f} "
            f"(n={m['likely']:,}) | {m['likely_recall']:.4f} | {m['absent_clear']:.4f} |"
        )


if __name__ == "__main__":
    main()
