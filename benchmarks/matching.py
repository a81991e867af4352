"""`make bench` (person index): accuracy and speed of the person search on a synthetic population.

Usage: .venv/bin/python benchmarks/matching.py [--people N] [--queries N] [--quick]

1. `population.py` writes a synthetic UK population with families (siblings, twins, half-siblings,
   changed and double-barrelled names, "Baby" records) and a corrupted query set, some queries for
   people who are not in the index.
2. The people are imported with `frontdoor people import` into a SQLite database of their own
   (data/match-<N>.sqlite3; timed).
3. Every query runs through `people_search` (the search the contact form and the search page use)
   signed in as a team manager: p50/p95 per query, the process's memory before and after, recall@5,
   top-1, the share of not-in-index queries with no "likely" candidate, and twins.
4. A corrupted copy of some people is added as duplicate records to a copy of the database and
   `frontdoor people duplicates` runs over the whole index (timed; share of planted pairs found).
"""

import argparse
import csv
import datetime
import os
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


def build_db(db: Path, people_csv: Path) -> list[str]:
    if db.exists():
        frontdoor(db, "migrate", "--noinput", "-v0")  # a database kept from an earlier version
        return [f"reused {db.name}"]
    db.parent.mkdir(exist_ok=True)
    frontdoor(db, "migrate", "--noinput", "-v0")
    seconds, output = frontdoor(db, "people", "import", str(people_csv))
    print(f"  import: {seconds:.1f} s: {output.splitlines()[0]}", flush=True)
    return [f"import {seconds:.1f} s ({output.splitlines()[0]})"]


def read_queries(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def details(row: dict[str, str]):  # noqa: ANN201
    from frontdoor.people.matching import Details

    dob = datetime.date.fromisoformat(row["date_of_birth"]) if row["date_of_birth"] else None
    return Details(row["given_names"], row["family_name"], dob, row["postcode"], row["nhs_number"], row["sex"])


def run_queries(queries: list[dict[str, str]]) -> dict:
    from frontdoor.accounts.models import User
    from frontdoor.demo.loader import ensure_users
    from frontdoor.people.selectors import people_search

    ensure_users()
    user = User.objects.get(username="team_manager")
    search = lambda q: people_search(user=user, **vars(details(q)), limit=5)  # noqa: E731
    for q in queries[:20]:
        search(q)  # warm-up: connection, caches, first pages of the indexes
    before = rss_mb()
    times, answers = [], []
    for q in queries:
        started = time.perf_counter()
        found = search(q)
        times.append((time.perf_counter() - started) * 1000)
        answers.append([(c.person.source_id, c.band) for c in found])
    return {"times": sorted(times), "answers": answers, "rss_before": before, "rss_after": rss_mb()}


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


def accuracy(queries: list[dict[str, str]], answers: list[list[tuple[str, str]]]) -> dict:
    stats: Counter = Counter()
    by_kind: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for q, found in zip(queries, answers, strict=True):
        ids = [pid for pid, _ in found]
        expected = q["expected_person_id"]
        if not expected:
            stats["absent"] += 1
            stats["absent_no_likely"] += all(band != "likely" for _, band in found)
            continue
        kinds = q["corruptions"].split(";") if q["corruptions"] else ["none"]
        hit5, hit1 = expected in ids, bool(ids) and ids[0] == expected
        stats["present"] += 1
        stats["recall5"] += hit5
        stats["top1"] += hit1
        for kind in kinds:
            by_kind[kind]["n"] += 1
            by_kind[kind]["recall5"] += hit5
            by_kind[kind]["top1"] += hit1
        if not hit1:
            misses.append((q, found))
        twin = q.get("twin_person_id")
        # "When the given name is right": not when it was changed, nor when it is a "Baby" placeholder.
        given_right = not any(k in kinds for k in ("given_typo", "nickname", "transliteration", "placeholder_named"))
        if twin and given_right and q["given_names"].split()[0].lower() not in ("baby", "unborn"):
            stats["twin_queries"] += 1
            stats["twin_above"] += twin in ids and (expected not in ids or ids.index(twin) < ids.index(expected))
    return {"stats": stats, "by_kind": by_kind, "misses": misses}


def duplicates_run(db: Path, queries: list[dict[str, str]], plant: int) -> dict:
    """Plant corrupted copies of `plant` people in a copy of the database, then list duplicates."""
    copy = db.with_name(db.stem + "-dups.sqlite3")
    planted = [q for q in queries if q["expected_person_id"] and q["date_of_birth"]][:plant]
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


def report(n_people: int, run: dict, http: dict, acc: dict, dups: dict | None, notes: list[str]) -> None:  # noqa: PLR0913
    times, s = run["times"], acc["stats"]
    print(f"\n### Person search over {n_people:,} synthetic people, {len(times):,} queries\n")
    print("; ".join(notes))
    print()
    print("| measure | figure | target |")
    print("|---|---:|---:|")
    print(
        f"| `people_search` p50 / p95 / max (ms) | {statistics.median(times):.1f} / {p95(times):.1f} / "
        f"{times[-1]:.1f} | p95 ≤ 25 |"
    )
    page = http["times"]
    print(
        f"| search page over HTTP, p50 / p95 / max (ms) | {statistics.median(page):.1f} / {p95(page):.1f} / "
        f"{page[-1]:.1f} | — |"
    )
    print(
        f"| server memory: {http['rss_before']:.0f} MB after warm-up, growth over the queries (MB) | "
        f"{http['rss_after'] - http['rss_before']:.1f} | ≤ 200 |"
    )
    print(f"| memory growth in the measuring process (MB) | {run['rss_after'] - run['rss_before']:.1f} | — |")
    print(f"| recall@5 (in index, n={s['present']}) | {s['recall5'] / max(1, s['present']):.4f} | ≥ 0.995 |")
    print(f"| top-1 (in index) | {s['top1'] / max(1, s['present']):.4f} | ≥ 0.98 |")
    absent = s["absent_no_likely"] / max(1, s["absent"])
    print(f"| no likely candidate (not in index, n={s['absent']}) | {absent:.4f} | ≥ 0.98 |")
    print(f"| twin ranked above the right twin (n={s['twin_queries']}) | {s['twin_above']} | 0 |")
    if dups:
        print(f"| `people duplicates` (s) | {dups['seconds']:.1f} | ≤ 180 |")
        print(f"| planted duplicates found | {dups['found']} of {dups['planted']} ({dups['pairs']} pairs listed) | — |")
    print("\n| corruption | queries | recall@5 | top-1 |\n|---|---:|---:|---:|")
    for kind, c in sorted(acc["by_kind"].items()):
        print(f"| {kind} | {c['n']} | {c['recall5'] / c['n']:.3f} | {c['top1'] / c['n']:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--quick", action="store_true", help="20,000 people, 1,000 queries")
    parser.add_argument("--plant", type=int, default=1_000, help="duplicate records planted (0: skip)")
    parser.add_argument("--misses", type=int, default=0, help="print this many top-1 misses")
    args = parser.parse_args()
    n_people, n_queries = (20_000, 1_000) if args.quick else (args.people, args.queries)

    from population import write_population

    started = time.perf_counter()
    people_csv, queries_csv = write_population(ROOT / "data" / "population", n_people, n_queries)
    notes = [f"population written in {time.perf_counter() - started:.1f} s"]
    db = ROOT / "data" / f"match-{n_people}.sqlite3"
    notes += build_db(db, people_csv)
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
            {k: q[k] for k in ("given_names", "family_name", "date_of_birth", "corruptions")},
            q["expected_person_id"],
            found,
        )
    http = http_run(db, queries)
    dups = duplicates_run(db, queries, args.plant) if args.plant else None
    report(n_people, run, http, acc, dups, notes)


if __name__ == "__main__":
    main()
