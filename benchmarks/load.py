"""The load test: `frontdoor serve` on PostgreSQL with the benchmark population, driven by locust
(`benchmarks/locustfile.py`) on 127.0.0.1 only, bounded in users, requests and time so it stops by itself.

Usage (PostgreSQL, a throwaway cluster):
  scripts/with-postgres.sh .venv/bin/python benchmarks/load.py [--users 50] [--time 120] [--max-requests 20000]
      [--people 300000] [--contacts 100000] [--workers 5]
  --users 10,25,50,100 runs one step after another against the same server (each its own locust run) and
  says at which step p95 or errors stop holding.

It loads the population as `benchmarks/run.py` does (bulk benchmark seeding), records through the real
services the contacts the users work on (contacts awaiting a manager's decision, checks for the police
partner), starts `frontdoor serve` with two-factor sign-in optional for the demo users, runs locust
headless and prints the p95 of each page with the machine's load average. Results: docs/PERFORMANCE.md.
"""

import argparse
import csv
import datetime
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def prepare(workable: int) -> None:
    """Contacts recorded through the services: half awaiting a decision, half with a police check."""
    from django.utils import timezone

    from frontdoor.accounts.models import User
    from frontdoor.contacts import services as cs
    from frontdoor.contacts.models import AgencyCheck, Contact, Status
    from frontdoor.contacts.services import ChildInput

    officer = User.objects.get(username="information_officer")
    have = Contact.objects.filter(status=Status.AWAITING_DECISION, recommendation="cfa").count()
    checks = AgencyCheck.objects.filter(responded_at__isnull=True, agency="police").count()
    for i in range(max(0, workable - min(have, checks))):
        contact = cs.contact_record(
            recorded_by=officer,
            children=[
                ChildInput(
                    given_names="Load",
                    family_name=f"Child{i}",
                    date_of_birth=datetime.date(2015, 1 + i % 12, 1 + i % 28),
                    sex="F",
                    postcode="CB1 2AB",
                    address="1 Mill Road, Cambridge",
                )
            ],
            received_at=timezone.now() - datetime.timedelta(minutes=5),
            channel="phone",
            referrer_kind="professional",
            referrer_name="Sam Teacher",
            referrer_agency="Oak School",
            reason="Bruise on arm.",
            initial_rating="green",
            consent_status="obtained",
            consent_given_by="Mum",
        )
        if i % 2:
            cs.agency_check_request(contact=contact, by=officer, agency="police", question="Any call-outs?")
            continue
        contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
        cs.contact_submit_for_decision(
            contact=contact, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(port: int, workers: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "FRONTDOOR_SECRET_KEY": "load-test-only-secret-key-0123456789-abcdefghijklmnop",
        "FRONTDOOR_TWO_FACTOR_OPTIONAL": "1",
        "FRONTDOOR_HTTPS": "0",  # plain HTTP on 127.0.0.1: no HTTPS redirect (docs/SECURITY.md)
        "FRONTDOOR_ACCESS_LOG_LEVEL": "WARNING",
        "FRONTDOOR_DEBUG": "0",
    }
    command = [str(ROOT / ".venv/bin/frontdoor"), "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"frontdoor serve did not become ready; see {log}")


TARGET_P95_MS = 150


def report(stats: Path, users: int, args: argparse.Namespace, load: tuple[float, float]) -> dict:
    rows = list(csv.DictReader(stats.open()))
    print(
        f"\n{users} users (spawn {args.spawn_rate}/s), {args.time} s or {args.max_requests:,} requests, "
        f"{args.workers} gunicorn workers; load average {load[0]:.2f} before, {load[1]:.2f} after\n"
    )
    print("| page | requests | errors | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|---:|")
    for row in rows:
        name = row["Name"] if row["Type"] else "**all**"
        print(
            f"| {row['Type']} {name} | {row['Request Count']} | {row['Failure Count']} | "
            f"{row['50%']} | {row['95%']} | {float(row['Max Response Time']):.0f} |"
        )
    total = next((row for row in rows if not row["Type"]), None)
    pages = [row for row in rows if row["Type"] and "sign-in" not in row["Name"]]
    worst = max(pages, key=lambda row: float(row["95%"] or 0), default=None)
    return {
        "users": users,
        "requests": int(total["Request Count"]) if total else 0,
        "errors": int(total["Failure Count"]) if total else 0,
        "p50": float(total["50%"] or 0) if total else 0.0,
        "p95": float(total["95%"] or 0) if total else 0.0,
        "worst": f"{worst['Type']} {worst['Name']} {float(worst['95%'] or 0):.0f}" if worst else "",
        "load": load,
    }


def run_step(users: int, port: int, args: argparse.Namespace, password: str) -> dict:
    out = args.out / f"users-{users}"
    out.mkdir(parents=True, exist_ok=True)
    before = os.getloadavg()[0]
    subprocess.run(  # noqa: S603
        [
            str(ROOT / ".venv/bin/locust"),
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(users),
            "--spawn-rate",
            str(args.spawn_rate),
            "--run-time",
            f"{args.time}s",
            "--stop-timeout",
            "10",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(out / "load"),
        ],
        env={**os.environ, "LOAD_PASSWORD": password, "LOAD_MAX_REQUESTS": str(args.max_requests)},
        check=False,
        timeout=args.time + 120,
        stdout=subprocess.DEVNULL,
        stderr=(out / "locust.log").open("wb"),
    )
    return report(out / "load_stats.csv", users, args, (before, os.getloadavg()[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="50", help="users, or steps of users: 10,25,50,100")
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--time", type=int, default=120, help="seconds")
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--workable", type=int, default=400, help="contacts recorded through the services")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "load")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Run it under scripts/with-postgres.sh (or with DATABASE_URL set to PostgreSQL).")
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from run import load, pass_out_of_hours

    call_command("migrate", verbosity=0)
    load(args.people, args.contacts)
    pass_out_of_hours()  # the worker's part, which the test does not run alongside the server
    started = time.perf_counter()
    prepare(args.workable)
    print(f"prepared {args.workable} contacts to work on in {time.perf_counter() - started:.1f} s", flush=True)
    connections.close_all()
    from frontdoor.demo.loader import DEMO_PASSWORD

    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = serve(port, args.workers, args.out / "server.log")
    steps = []
    try:
        for users in [int(step) for step in str(args.users).split(",")]:
            steps.append(run_step(users, port, args, DEMO_PASSWORD))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("\n| users | requests | errors | p50 ms (all) | p95 ms (all) | slowest page by p95 (ms) | holds |")
    print("|---:|---:|---:|---:|---:|---|:---:|")
    for step in steps:
        holds = step["errors"] == 0 and step["p95"] < TARGET_P95_MS
        print(
            f"| {step['users']} | {step['requests']:,} | {step['errors']} | {step['p50']:.0f} | {step['p95']:.0f} | "
            f"{step['worst']} | {'yes' if holds else 'no'} |"
        )
    broken = [s["users"] for s in steps if s["errors"] or s["p95"] >= TARGET_P95_MS]
    first = broken[0] if broken else "none"
    print(f"\nFirst step where errors appear or p95 (all pages) reaches {TARGET_P95_MS} ms: {first}")


if __name__ == "__main__":
    main()
