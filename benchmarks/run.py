"""`make bench`: p50/p95 of the duty queue, a contact's page and recording a contact, with
300,000 people and 100,000 contacts in a SQLite database of its own (data/bench.sqlite3).

Usage: .venv/bin/python benchmarks/run.py [--quick]
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(db: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed_contacts(n: int, people_ids: list[int], manager) -> None:  # noqa: ANN001
    """Benchmark seeding: contacts written in bulk (not through the services) for speed."""
    import datetime

    from django.utils import timezone

    from frontdoor.contacts.deadlines import refresh_deadlines
    from frontdoor.contacts.models import Contact
    from frontdoor.procedures.loader import get_profile

    profile, rng, now = get_profile(), random.Random(7), timezone.now()
    ratings = [r.key for r in profile.ratings]
    statuses = ["received", "screening", "awaiting_decision", "decided", "closed", "closed", "closed"]
    start = Contact.objects.count()
    batch = []
    for i in range(start, start + n):
        status = statuses[i % len(statuses)]
        c = Contact(
            reference=f"FD-B-{i:07d}",
            status=status,
            channel="phone",
            referrer_kind="professional",
            referrer_name="Bench Referrer",
            referrer_agency="School",
            reason="Benchmark contact",
            received_at=now - datetime.timedelta(minutes=rng.randint(5, 60 * 24 * 60)),
            initial_rating=ratings[i % 4],
            team_key=profile.duty_team().key,
            created_by=manager,
            closed_at=now if status == "closed" else None,
        )
        refresh_deadlines(c)
        batch.append(c)
        if len(batch) == 5000:
            _flush(batch, people_ids, rng)
    _flush(batch, people_ids, rng)


def _flush(batch, people_ids, rng) -> None:  # noqa: ANN001
    from frontdoor.contacts.models import Contact, ContactPerson

    Contact.objects.bulk_create(batch)
    refs = [c.reference for c in batch]
    ids = Contact.objects.filter(reference__in=refs).values_list("pk", flat=True)
    ContactPerson.objects.bulk_create(
        [ContactPerson(contact_id=pk, person_id=rng.choice(people_ids), matched_existing=True) for pk in ids]
    )
    batch.clear()


def load(people: int, contacts: int) -> None:
    from frontdoor.contacts.models import Contact
    from frontdoor.demo.loader import ensure_users, load_people
    from frontdoor.people.models import Person

    users = ensure_users()
    t = time.perf_counter()
    if Person.objects.count() < people:
        load_people(people - Person.objects.count(), seed=people)
        print(f"loaded people in {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    if Contact.objects.count() < contacts:
        ids = list(Person.objects.values_list("pk", flat=True))
        seed_contacts(contacts - Contact.objects.count(), ids, users["team_manager"])
        print(f"loaded contacts in {time.perf_counter() - t:.0f} s")


def measure(name: str, n: int, call) -> tuple[str, float, float, int]:  # noqa: ANN001
    times = []
    for i in range(n):
        t = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return name, statistics.median(times), times[int(len(times) * 0.95) - 1], n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="20,000 people, 5,000 contacts, 50 requests")
    args = parser.parse_args()
    people, contacts, n = (20_000, 5_000, 50) if args.quick else (300_000, 100_000, 200)
    db = ROOT / "data" / ("bench-quick.sqlite3" if args.quick else "bench.sqlite3")
    db.parent.mkdir(exist_ok=True)
    setup(db)
    load(people, contacts)

    from django.test import Client

    from frontdoor.accounts.models import User
    from frontdoor.contacts.models import Contact
    from frontdoor.contacts.testing import contact_form_data

    client = Client()
    client.force_login(User.objects.get(username="team_manager"))
    refs = list(Contact.objects.values_list("reference", flat=True)[:: max(1, contacts // 1000)])
    rng = random.Random(1)

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, url

    def record(_: int) -> None:
        response = client.post("/contacts/new/", contact_form_data(**{"child-0-family_name": "Benchmark"}))
        assert response.status_code == 302

    results = [
        measure("duty queue, page 1", n, lambda i: get("/contacts/?queue=duty")),
        measure("duty queue, page 50", n, lambda i: get("/contacts/?queue=duty&page=50")),
        measure("duty queue, overdue only", n, lambda i: get("/contacts/?queue=duty&overdue=on")),
        measure("a contact's page", n, lambda i: get(f"/contacts/{rng.choice(refs)}/")),
        measure("recording a contact", n, record),
    ]
    print(f"\n{Person_count()} people, {Contact.objects.count():,} contacts, SQLite, {n} requests each\n")
    print("| measure | p50 ms | p95 ms |\n|---|---:|---:|")
    for name, p50, p95, _ in results:
        print(f"| {name} | {p50:.1f} | {p95:.1f} |")


def Person_count() -> str:  # noqa: N802
    from frontdoor.people.models import Person

    return f"{Person.objects.count():,}"


if __name__ == "__main__":
    main()
