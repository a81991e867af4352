"""`make bench` (person index): accuracy and speed of the person search on two synthetic populations.

Usage: .venv/bin/python benchmarks/matching.py [--population {1,2,both}] [--people N] [--queries N] [--quick]
                                               [--seed N]

`--seed` draws another population and query set from each generator (their defaults: 7 for
population 1, 11 for population 2), so that a change can be checked on data it was not tuned on.

1. Population 1 (`population.py`) or population 2 (`population2.py`, made independently, with other
   names, families and corruptions) is written: a synthetic population and a corrupted query set, some
   queries for people who are not in the index. `--population both` (the default) measures each in
   its own process, one after the other.
2. The people are imported with `frontdoor people import` into a SQLite database of their own
   (data/match-<N>.sqlite3, data/match2-<N>.sqlite3; timed), and `frontdoor people train` is run
   after the import, as a council would (timed).
3. Every query runs through `people_search` (the search the contact form and the search page use)
   signed in as a team manager: p50/p95 per query, the process's memory before and after, recall@5,
   top-1, the share of not-in-index queries with no "likely" candidate, twins, the precision of "likely"
   and its recall when the query has a date of birth, and a reliability table (each candidate's
   predicted match probability, by tenth, against the share of those candidates who are the person).
4. `frontdoor people match` for the population's queries against 50,000 of its people, timed end to
   end as an operator runs it (start-up included).
5. A corrupted copy of some people is added as duplicate records to a copy of the database and
   `frontdoor people duplicates` runs over the whole index (timed; share of planted pairs found).
"""

import argparse
import csv
import datetime
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
FRONTDOOR = str(ROOT / ".venv" / "bin" / "frontdoor")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def frontdoor(db: Path, *args: str) -> tuple[float, str]:
    """Run the `frontdoor` command against `db`, as an operator would; returns (seconds, output)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    started = time.perf_counter()
    done = subprocess.run([FRONTDOOR, *args], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"frontdoor {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started, (done.stdout + done.stderr).strip()


def can_train() -> bool:
    """`frontdoor people train` exists in this version."""
    done = subprocess.run([FRONTDOOR, "people", "--help"], capture_output=True, text=True, check=False)  # noqa: S603
    return "train" in done.stdout


def build_db(db: Path, people_csv: Path, *, train: bool = True) -> list[str]:
    """Import the people into `db` (a database kept from an earlier run is reused, migrated), then run
    `people train` unless `train` is False and the database already holds a model."""
    notes = []
    if db.exists():
        frontdoor(db, "migrate", "--noinput", "-v0")  # a database kept from an earlier version
        notes.append(f"reused {db.name}")
    else:
        db.parent.mkdir(exist_ok=True)
        frontdoor(db, "migrate", "--noinput", "-v0")
        seconds, output = frontdoor(db, "people", "import", str(people_csv))
        print(f"  import: {seconds:.1f} s: {output.splitlines()[0]}", flush=True)
        notes.append(f"import {seconds:.1f} s ({' '.join(output.splitlines()[:2])})")
    if not train and has_model(db):
        notes.append("the model trained earlier in it kept (`--no-train`)")
    elif can_train():
        seconds, output = frontdoor(db, "people", "train")
        last = output.splitlines()[-1] if output else ""
        print(f"  train: {seconds:.1f} s: {last}", flush=True)
        notes.append(f"`people train` {seconds:.1f} s ({last})")
    else:
        notes.append("no `people train` in this version: the search used its built-in weights")
    return notes


def has_model(db: Path) -> bool:
    import sqlite3

    with sqlite3.connect(db) as connection:
        try:
            return bool(connection.execute("SELECT 1 FROM people_matchmodel LIMIT 1").fetchone())
        except sqlite3.OperationalError:
            return False


def read_queries(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def details(row: dict[str, str]):  # noqa: ANN201
    from frontdoor.people.matching import Details

    dob = datetime.date.fromisoformat(row["date_of_birth"]) if row["date_of_birth"] else None
    return Details(row["given_names"], row["family_name"], dob, row["postcode"], row["nhs_number"], row["sex"])


def run_queries(queries: list[dict[str, str]]) -> dict:
    """Each query through `people_search`; an answer is [(person_id, band, score)]; a query the search
    refuses (an error a user would be shown) is counted and answered with nobody."""
    from frontdoor.accounts.models import User
    from frontdoor.core.errors import ServiceError
    from frontdoor.demo.loader import ensure_users
    from frontdoor.people.selectors import people_search

    ensure_users()
    user = User.objects.get(username="team_manager")
    refused = 0

    def search(q: dict[str, str]) -> list:
        nonlocal refused
        try:
            return people_search(user=user, **vars(details(q)), limit=5)
        except (ServiceError, ValueError):
            refused += 1
            return []

    for q in queries[:20]:
        search(q)  # warm-up: connection, caches, first pages of the indexes
    gc.collect()
    gc.freeze()  # as the server does after start-up (frontdoor/wsgi.py)
    refused = 0
    before = rss_mb()
    times, cpu, answers = [], [], []
    for q in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        found = search(q)
        cpu.append((time.process_time() - started_cpu) * 1000)
        times.append((time.perf_counter() - started) * 1000)
        answers.append([(c.person.source_id, c.band, c.score) for c in found])
    return {
        "times": sorted(times),
        "cpu": sorted(cpu),
        "answers": answers,
        "rss_before": before,
        "rss_after": rss_mb(),
        "refused": refused,
        "load": os.getloadavg()[0],
    }


def http_run(db: Path, queries: list[dict[str, str]]) -> dict:
    """The same searches as a person makes them: the search page of a running server over HTTP,
    signed in as a team manager; the server process's memory is read from /proc before and after."""
    import http.cookiejar
    import socket
    import urllib.parse
    import urllib.request

    from frontdoor.demo.loader import DEMO_PASSWORD

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "FRONTDOOR_DEBUG": "1"}
    env["FRONTDOOR_TWO_FACTOR_OPTIONAL"] = "1"  # signed in with the password alone (docs/SECURITY.md)
    server = subprocess.Popen(  # noqa: S603
        [FRONTDOOR, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        for _ in range(100):
            try:
                opener.open(f"{base}/accounts/sign-in/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        token = next(c.value for c in jar if c.name == "csrftoken")
        form = {"username": "team_manager", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
        opener.open(f"{base}/accounts/sign-in/", urllib.parse.urlencode(form).encode(), timeout=10).read()
        token = next(c.value for c in jar if c.name == "csrftoken")  # a new one after signing in

        def get(q: dict[str, str]) -> None:
            dob = q["date_of_birth"].split("-") if q["date_of_birth"] else ["", "", ""]
            params = {
                "given_names": q["given_names"],
                "family_name": q["family_name"],
                "date_of_birth_2": dob[0],
                "date_of_birth_1": dob[1].lstrip("0"),
                "date_of_birth_0": dob[2].lstrip("0"),
                "postcode": q["postcode"],
                "csrfmiddlewaretoken": token,
            }
            # the search is POSTed: names never in the address (docs/SECURITY.md)
            with opener.open(f"{base}/people/", urllib.parse.urlencode(params).encode(), timeout=30) as response:
                assert response.status == 200
                response.read()

        for q in queries[:20]:
            get(q)
        before = server_rss_mb(server.pid)
        times = []
        for q in queries:
            started = time.perf_counter()
            get(q)
            times.append((time.perf_counter() - started) * 1000)
        return {"times": sorted(times), "rss_before": before, "rss_after": server_rss_mb(server.pid)}
    finally:
        server.terminate()
        server.wait(timeout=10)


def server_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


GIVEN_CHANGED_1 = ("given_typo", "nickname", "transliteration", "placeholder_named")  # population 1's kinds


def twin_counted(q: dict[str, str], kinds: list[str]) -> bool:
    """A query about a twin that names the twin it is about: not when the given name was changed, cut to
    an initial, or is a "Baby" placeholder (population 2 marks these "twin_named")."""
    if "categories" in q:
        return "twin_named" in q["categories"].split(";")
    given = q["given_names"].split()[0].lower() if q["given_names"].split() else ""
    return (
        bool(q.get("twin_person_id"))
        and not any(k in kinds for k in GIVEN_CHANGED_1)
        and given
        not in (
            "baby",
            "unborn",
        )
    )


def accuracy(queries: list[dict[str, str]], answers: list[list[tuple[str, str, float]]]) -> dict:  # noqa: C901
    stats: Counter = Counter()
    by_kind: dict[str, Counter] = defaultdict(Counter)
    by_category: dict[str, Counter] = defaultdict(Counter)
    deciles: dict[int, Counter] = defaultdict(Counter)
    misses = []
    for q, found in zip(queries, answers, strict=True):
        ids = [pid for pid, _, _ in found]
        expected = q["expected_person_id"]
        for pid, band, score in found:
            right = bool(expected) and pid == expected
            if band == "likely":
                stats["likely_called"] += 1
                stats["likely_right"] += right
            tenth = min(9, max(0, int(score * 10)))
            deciles[tenth]["n"] += 1
            deciles[tenth]["right"] += right
            deciles[tenth]["sum"] += score
        categories = q["categories"].split(";") if q.get("categories") else []
        if not expected:
            stats["absent"] += 1
            no_likely = all(band != "likely" for _, band, _ in found)
            stats["absent_no_likely"] += no_likely
            for cat in categories:
                if cat.startswith("absent"):
                    by_category[cat]["n"] += 1
                    by_category[cat]["no_likely"] += no_likely
            continue
        kinds = q["corruptions"].split(";") if q["corruptions"] else ["none"]
        hit5, hit1 = expected in ids, bool(ids) and ids[0] == expected
        likely = any(pid == expected and band == "likely" for pid, band, _ in found)
        stats["present"] += 1
        stats["recall5"] += hit5
        stats["top1"] += hit1
        if q["date_of_birth"]:
            stats["present_dob"] += 1
            stats["present_dob_likely"] += likely
        for kind in kinds:
            by_kind[kind]["n"] += 1
            by_kind[kind]["recall5"] += hit5
            by_kind[kind]["top1"] += hit1
        for cat in categories:
            by_category[cat]["n"] += 1
            by_category[cat]["recall5"] += hit5
            by_category[cat]["top1"] += hit1
            by_category[cat]["likely"] += likely
        if not hit1:
            misses.append((q, found))
        twin = q.get("twin_person_id")
        if twin and twin_counted(q, kinds):
            stats["twin_queries"] += 1
            stats["twin_wrong_first"] += not hit1
            stats["twin_above"] += twin in ids and (expected not in ids or ids.index(twin) < ids.index(expected))
    return {"stats": stats, "by_kind": by_kind, "by_category": by_category, "deciles": deciles, "misses": misses}


def duplicates_run(db: Path, queries: list[dict[str, str]], plant: int) -> dict:
    """Plant corrupted copies of `plant` people in a copy of the database, then list duplicates."""
    copy = db.with_name(db.stem + "-dups.sqlite3")
    today = datetime.date.today().isoformat()  # noqa: DTZ011
    planted = [q for q in queries if q["expected_person_id"] and "" < q["date_of_birth"] <= today][:plant]
    if not copy.exists():
        shutil.copy(db, copy)
        extra = copy.with_suffix(".csv")
        with extra.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["person_id", "given_names", "family_name", "date_of_birth", "sex", "postcode", "address"])
            for q in planted:
                writer.writerow(
                    [
                        f"DUP-{q['query_id']}",
                        q["given_names"],
                        q["family_name"],
                        q["date_of_birth"],
                        "U",
                        q["postcode"],
                        "",
                    ]
                )
        frontdoor(copy, "people", "import", str(extra))
    out = copy.with_name(copy.stem + "-pairs.csv")
    seconds, output = frontdoor(copy, "people", "duplicates", "--out", str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        pairs = {frozenset((r["person_id_1"], r["person_id_2"])) for r in csv.DictReader(handle)}
    truth = {frozenset((f"DUP-{q['query_id']}", q["expected_person_id"])) for q in planted}
    return {
        "seconds": seconds,
        "output": output,
        "pairs": len(pairs),
        "found": len(truth & pairs),
        "planted": len(truth),
    }


def p95(times: list[float]) -> float:
    return times[max(0, round(len(times) * 0.95) - 1)]


def db_path(population: int, people: int, seed: int | None) -> Path:
    """The database of a population: one per population, size and seed (the default seed unnamed)."""
    stem = f"match2-{people}" if population == 2 else f"match-{people}"
    return ROOT / "data" / (f"{stem}-seed{seed}.sqlite3" if seed is not None else f"{stem}.sqlite3")


def batch_match_run(population: int, people: int, queries: int, seed: int | None = None, *, train: bool = True) -> dict:
    """`frontdoor people match` for `queries` queries against `people` people of the population, timed
    end to end as an operator runs it: the process's start-up, reading the model, every search, writing."""
    people_csv, queries_csv = write_population(population, people, queries, seed)
    db = db_path(population, people, seed)
    build_db(db, people_csv, train=train)
    out = db.with_name(db.stem + "-matched.csv")
    seconds, output = frontdoor(db, "people", "match", str(queries_csv), "--out", str(out))
    return {"seconds": seconds, "output": output.splitlines()[0] if output else "", "people": people}


def reliability(deciles: dict[int, Counter]) -> list[str]:
    lines = ["| predicted probability | candidates | mean predicted | observed share right |", "|---|---:|---:|---:|"]
    for tenth in range(10):
        c = deciles.get(tenth, Counter())
        if c["n"]:
            lines.append(
                f"| {tenth / 10:.1f}–{(tenth + 1) / 10:.1f} | {c['n']:,} | {c['sum'] / c['n']:.3f} | "
                f"{c['right'] / c['n']:.3f} |"
            )
        else:
            lines.append(f"| {tenth / 10:.1f}–{(tenth + 1) / 10:.1f} | 0 | — | — |")
    return lines


def share(part: int, whole: int) -> str:
    return f"{part / whole:.4f}" if whole else "—"


def report(  # noqa: PLR0913
    population: int, n_people: int, run: dict, http: dict | None, acc: dict, dups: dict | None, batch: dict | None,
    notes: list[str],
) -> None:  # fmt: skip
    times, s = run["times"], acc["stats"]
    print(f"\n### Population {population}: person search over {n_people:,} synthetic people, {len(times):,} queries\n")
    print(f"{datetime.date.today():%d %B %Y}; {platform.node() or 'this machine'}: {os.cpu_count()} cores; ", end="")  # noqa: DTZ011
    print("; ".join(notes))
    print()
    print("| measure | figure | target |")
    print("|---|---:|---:|")
    print(
        f"| `people_search` p50 / p95 / max (ms), wall time | {statistics.median(times):.1f} / {p95(times):.1f} / "
        f"{times[-1]:.1f} | p95 ≤ 25 |"
    )
    cpu = run["cpu"]
    print(
        f"| `people_search` p50 / p95 / max (ms), CPU time of the process | {statistics.median(cpu):.1f} / "
        f"{p95(cpu):.1f} / {cpu[-1]:.1f} | — |"
    )
    print(f"| load average (1 minute) at the end of the searches | {run['load']:.1f} | — |")
    if http:
        page = http["times"]
        print(
            f"| search page over HTTP, p50 / p95 / max (ms) | {statistics.median(page):.1f} / {p95(page):.1f} / "
            f"{page[-1]:.1f} | — |"
        )
        print(
            f"| server memory: {http['rss_before']:.0f} MB after warm-up, growth over the queries (MB) | "
            f"{http['rss_after'] - http['rss_before']:.1f} | ≤ 200 |"
        )
    print(
        f"| measuring process memory: {run['rss_before']:.0f} MB after warm-up, growth (MB) | "
        f"{run['rss_after'] - run['rss_before']:.1f} | — |"
    )
    print(f"| queries refused by the search | {run['refused']} | 0 |")
    print(f"| recall@5 (in index, n={s['present']}) | {share(s['recall5'], s['present'])} | ≥ 0.995 |")
    print(f"| top-1 (in index) | {share(s['top1'], s['present'])} | ≥ 0.98 |")
    print(
        f"| no likely candidate (not in index, n={s['absent']}) | "
        f"{share(s['absent_no_likely'], s['absent'])} | ≥ 0.98 |"
    )
    print(
        f"| twin queries with anyone but the right twin first (n={s['twin_queries']}) | "
        f"{share(s['twin_wrong_first'], s['twin_queries'])} ({s['twin_wrong_first']}; the other twin above: "
        f"{s['twin_above']}) | ≤ 0.01 |"
    )
    print(
        f"| likely precision (candidates called likely, n={s['likely_called']}) | "
        f"{share(s['likely_right'], s['likely_called'])} | ≥ 0.995 |"
    )
    print(
        f"| likely recall (in index with a date of birth, n={s['present_dob']}) | "
        f"{share(s['present_dob_likely'], s['present_dob'])} | ≥ 0.95 |"
    )
    if batch:
        print(
            f"| `people match`, {len(times):,} queries against {batch['people']:,} people, start-up included (s) | "
            f"{batch['seconds']:.1f} | < 50 |"
        )
    if dups:
        print(f"| `people duplicates` (s) | {dups['seconds']:.1f} | ≤ 180 |")
        print(f"| planted duplicates found | {dups['found']} of {dups['planted']} ({dups['pairs']} pairs listed) | — |")
    print("\nReliability (every candidate shown, top 5 of each query):\n")
    print("\n".join(reliability(acc["deciles"])))
    print("\n| corruption | queries | recall@5 | top-1 |\n|---|---:|---:|---:|")
    for kind, c in sorted(acc["by_kind"].items()):
        print(f"| {kind} | {c['n']} | {c['recall5'] / c['n']:.3f} | {c['top1'] / c['n']:.3f} |")
    if acc["by_category"]:
        print("\n| category | queries | recall@5 | top-1 | likely (in index) / no likely (absent) |")
        print("|---|---:|---:|---:|---:|")
        for cat, c in sorted(acc["by_category"].items()):
            if cat.startswith("absent"):
                print(f"| {cat} | {c['n']} | — | — | {c['no_likely'] / c['n']:.3f} |")
            else:
                print(
                    f"| {cat} | {c['n']} | {c['recall5'] / c['n']:.3f} | {c['top1'] / c['n']:.3f} | "
                    f"{c['likely'] / c['n']:.3f} |"
                )


def write_population(population: int, people: int, queries: int, seed: int | None = None) -> tuple[Path, Path]:
    """The population's files; `seed` None: the generator's own default seed."""
    if population == 2:
        from population2 import generate

        if seed is None:
            return generate(ROOT / "data" / "population2", people, queries)
        return generate(ROOT / "data" / "population2", people, queries, seed)
    from population import write_population as write_first

    if seed is None:
        return write_first(ROOT / "data" / "population", people, queries)
    return write_first(ROOT / "data" / "population", people, queries, seed)


def measure(population: int, args: argparse.Namespace, n_people: int, n_queries: int) -> None:
    started = time.perf_counter()
    people_csv, queries_csv = write_population(population, n_people, n_queries, args.seed)
    notes = [f"population written in {time.perf_counter() - started:.1f} s"]
    if args.seed is not None:
        notes.insert(0, f"seed {args.seed}")
    db = db_path(population, n_people, args.seed)
    notes += build_db(db, people_csv, train=not args.no_train)
    batch = (
        batch_match_run(population, args.match_people, n_queries, args.seed, train=not args.no_train)
        if args.match_people
        else None
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    import django

    django.setup()
    queries = read_queries(queries_csv)
    run = run_queries(queries)
    acc = accuracy(queries, run["answers"])
    for q, found in acc["misses"][: args.misses]:
        print(
            "MISS",
            {k: q[k] for k in ("given_names", "family_name", "date_of_birth", "postcode", "corruptions")},
            q["expected_person_id"],
            found,
        )
    http = None if args.no_http else http_run(db, queries)
    dups = duplicates_run(db, queries, args.plant) if args.plant else None
    report(population, n_people, run, http, acc, dups, batch, notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", choices=["1", "2", "both"], default="both")
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--quick", action="store_true", help="20,000 people, 1,000 queries, `people match` on 20,000")
    parser.add_argument("--plant", type=int, default=1_000, help="duplicate records planted (0: skip)")
    parser.add_argument("--misses", type=int, default=0, help="print this many top-1 misses")
    parser.add_argument("--match-people", type=int, default=50_000, help="people for the `people match` run (0: skip)")
    parser.add_argument("--no-http", action="store_true", help="skip the searches over HTTP")
    parser.add_argument("--no-train", action="store_true", help="a database kept from a run before keeps its model")
    parser.add_argument("--seed", type=int, default=None, help="the generators' seed (default: each one's own)")
    args = parser.parse_args()
    n_people, n_queries = (20_000, 1_000) if args.quick else (args.people, args.queries)
    if args.quick and args.match_people == 50_000:
        args.match_people = 20_000
    if args.population == "both":
        for population in ("1", "2"):  # each in a process of its own: one database per process
            command = [sys.executable, __file__, *sys.argv[1:]]
            if "--population" in command:
                at = command.index("--population")
                del command[at : at + 2]
            subprocess.run([*command, "--population", population], check=True)  # noqa: S603
        return
    measure(int(args.population), args, n_people, n_queries)


if __name__ == "__main__":
    main()
