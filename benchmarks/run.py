"""`make bench`: p50/p95 of the duty queue, a contact's page and recording a contact, with
300,000 people and 100,000 contacts in a SQLite database of its own (data/bench.sqlite3), or in
PostgreSQL with --postgres (DATABASE_URL; `make bench` runs it under scripts/with-postgres.sh).

Usage: .venv/bin/python benchmarks/run.py [--quick] [--requests N] [--postgres]
The people come from the demo loader (Faker, seeded, synthetic); the contacts are benchmark
seeding written in bulk (`frontdoor.demo.loader.seed_contacts_bulk`), loaded once and reused.
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(db: Path | None) -> None:
    """Django on the benchmark's SQLite file, or (db None) on DATABASE_URL as it is."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings"
    os.environ.setdefault("FRONTDOOR_ACCESS_LOG_LEVEL", "WARNING")  # no access line per measured request
    if db is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    # Measured through the test client over plain HTTP, signed in without the second step (docs/SECURITY.md).
    os.environ.setdefault("FRONTDOOR_SSL_REDIRECT", "0")
    os.environ.setdefault("FRONTDOOR_TWO_FACTOR_OPTIONAL", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load(people: int, contacts: int) -> list[str]:
    """Load what is missing; returns lines describing the load times."""
    from django.db import transaction
    from django.utils import timezone

    from frontdoor.contacts.models import Contact
    from frontdoor.demo.loader import ensure_users, load_people, seed_contacts_bulk
    from frontdoor.people.models import Person

    notes = []
    users = ensure_users()
    have = Person.objects.count()
    if have < people:
        t = time.perf_counter()
        with transaction.atomic():
            load_people(people - have, seed=people)
        notes.append(f"loaded {Person.objects.count() - have:,} people in {time.perf_counter() - t:.1f} s")
    have = Contact.objects.count()
    if have < contacts:
        t = time.perf_counter()
        today = timezone.localdate()
        children = list(
            Person.objects.filter(is_unborn=False, date_of_birth__gt=today.replace(year=today.year - 18)).values_list(
                "pk", flat=True
            )
        )
        with transaction.atomic():
            seed_contacts_bulk(contacts - have, children, users["team_manager"])
        notes.append(f"loaded {contacts - have:,} contacts in {time.perf_counter() - t:.1f} s")
    if not notes:
        notes.append("data already loaded")
    else:
        from django.db import connection

        if connection.vendor == "postgresql":  # planner statistics after a bulk load, as a DBA would
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    for line in notes:
        print(line, flush=True)
    return notes


def measure(name: str, n: int, call: Callable[[int], None]) -> tuple[str, float, float, float]:
    call(-1)  # warm-up, not counted
    times = []
    for i in range(n):
        t = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[max(0, round(len(times) * 0.95) - 1)]
    print(f"  {name}: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms", flush=True)
    return name, statistics.median(times), p95, times[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 people, 5,000 contacts, 50 requests")
    parser.add_argument("--requests", type=int, help="requests per measure (default 200, quick 50)")
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL), loaded if empty")
    args = parser.parse_args()
    people, contacts, n = (20_000, 5_000, 50) if args.quick else (300_000, 100_000, 200)
    n = args.requests or n
    db = ROOT / "data" / ("bench-quick.sqlite3" if args.quick else "bench.sqlite3")
    db.parent.mkdir(exist_ok=True)
    if args.postgres and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("--postgres needs DATABASE_URL: run it under scripts/with-postgres.sh")
    setup(None if args.postgres else db)
    notes = load(people, contacts)

    from django.db import connection
    from django.test import Client
    from faker import Faker

    from frontdoor.accounts.models import User
    from frontdoor.contacts.models import Contact
    from frontdoor.contacts.selectors import queue_page
    from frontdoor.contacts.testing import contact_form_data
    from frontdoor.people.models import Person

    client = Client()
    manager = User.objects.get(username="team_manager")
    client.force_login(manager)
    # Page 50 as a person reaches it: 49 "Next" links on (keyset paging carries a cursor, not a number).
    page_50 = ""
    for _ in range(49):
        page_50 = queue_page(user=manager, queue="duty", filters={}, cursor=page_50).next
    rng = random.Random(1)
    refs = list(Contact.objects.values_list("reference", flat=True))

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    fake = Faker("en_GB")
    fake.seed_instance(3)

    def record(_: int) -> None:
        # A new child each time (synthetic name and date of birth): the form searches the index
        # for them first. contact_form_data gives a fresh idempotency_key uuid on every call.
        dob = fake.date_between(start_date="-17y", end_date="-1y")
        data = contact_form_data(
            **{
                "child-0-given_names": fake.first_name(),
                "child-0-family_name": fake.last_name(),
                "child-0-date_of_birth_0": str(dob.day),
                "child-0-date_of_birth_1": str(dob.month),
                "child-0-date_of_birth_2": str(dob.year),
                "child-0-not_same_reason": "Benchmark: a different child of the same name.",
            }
        )
        response = client.post("/contacts/new/", data)
        assert response.status_code == 302, (
            response.status_code,
            response.context and response.context.get("forms_with_errors"),
        )

    print(f"measuring, {n} requests each", flush=True)
    results = [
        measure("duty queue, page 1", n, lambda i: get("/contacts/?queue=duty")),
        measure("duty queue, page 50", n, lambda i: get(f"/contacts/?queue=duty&cursor={page_50}")),
        measure("duty queue, overdue only", n, lambda i: get("/contacts/?queue=duty&overdue=on")),
        measure("the manager's dashboard (/dashboard/)", n, lambda i: get("/dashboard/")),
        measure("a contact's page (random contact)", n, lambda i: get(f"/contacts/{rng.choice(refs)}/")),
        measure("recording a contact (POST /contacts/new/)", n, record),
    ]
    if connection.vendor == "sqlite":
        database = f"SQLite {connection.Database.sqlite_version}"
    else:
        database = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"  # type: ignore[attr-defined]
    print()
    print(
        f"{Person.objects.count():,} people, {Contact.objects.count():,} contacts, {database}, {n} requests each"
    )
    print("; ".join(notes))
    print()
    print("| measure | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|")
    for name, p50, p95, worst in results:
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {worst:.1f} |")


if __name__ == "__main__":
    main()
