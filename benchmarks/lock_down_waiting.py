"""What a new person record pays for lock-down requests waiting for a record (R-ACC-2, ADR 0016): the CPU time
of `lock_down_requests_check` for one record, with no request waiting, then one, then two.

Usage: .venv/bin/python benchmarks/lock_down_waiting.py --db data/bench.sqlite3 [--records 30]

The database (for example the one `benchmarks/run.py` builds, 300,000 people) is migrated first; the waiting
requests are written in a transaction rolled back at the end, so the database is left as it was. The first
describes a child no record is held for (a rare name), the second a common one (Jack Smith): records of other
children are scored alone against each description, and the search runs only for a description one of them
could match. CPU time (`time.process_time`), which a shared machine inflates far less than wall time.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DESCRIBED = [("Wren", "Ashdown-Keble", datetime.date(2026, 11, 13)), ("Jack", "Smith", datetime.date(2014, 5, 2))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--records", type=int, default=30)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{args.db.resolve()}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from frontdoor.access.models import LockDownRequest
    from frontdoor.access.services import lock_down_requests_check
    from frontdoor.accounts.models import User
    from frontdoor.people.models import Person

    call_command("migrate", verbosity=0)
    people = Person.objects.filter(merged_into__isnull=True)
    step = max(1, people.count() // args.records)
    ids = list(people.order_by("pk").values_list("pk", flat=True)[::step][: args.records])
    print(f"{people.count():,} people; {len(ids)} records checked, one at a time")

    def run(label: str) -> None:
        cpu = []
        for pk in ids:
            started = time.process_time()
            lock_down_requests_check([pk])
            cpu.append((time.process_time() - started) * 1000)
        cpu.sort()
        p95 = cpu[max(0, round(len(cpu) * 0.95) - 1)]
        print(f"{label}: CPU per record p50 {statistics.median(cpu):.2f} ms, p95 {p95:.2f} ms, max {cpu[-1]:.2f} ms")

    with transaction.atomic():
        run("no request waiting")
        user = User.objects.filter(is_active=True).order_by("pk").first()
        for given, family, born in DESCRIBED:
            LockDownRequest.objects.create(
                described_given_names=given,
                described_family_name=family,
                described_date_of_birth=born,
                requested_by=user,
                requested_at=datetime.datetime.now(datetime.UTC),
                reason="benchmark",
                status=LockDownRequest.Status.WAITING,
                decided_by=user,
            )
            run(f"{LockDownRequest.objects.filter(status=LockDownRequest.Status.WAITING).count()} waiting (+ {family})")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
