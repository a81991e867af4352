"""`make bench`: p50/p95 of every page a duty worker, a manager, a partner and an information governance
officer use, with 300,000 people and 100,000 contacts, in a SQLite database of its own
(data/bench.sqlite3), or in PostgreSQL with --postgres (DATABASE_URL; `make bench` runs it under
scripts/with-postgres.sh).

Usage: .venv/bin/python benchmarks/run.py [--quick] [--requests N] [--postgres] [--load-only] [--only WORDS]
The people come from the demo loader (Faker, seeded, synthetic); the contacts are benchmark seeding written
in bulk (`frontdoor.demo.loader.seed_contacts_bulk`), loaded once into the SQLite file and reused. On
PostgreSQL the same rows are copied from that file with COPY, the tables' indexes dropped first and built
again after, then VACUUM ANALYZE: the same data on both databases, loaded in a minute or two.
"""

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SKIPPED_TABLES = {"django_migrations", "django_session", "sqlite_sequence"}


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


def sqlite_file(quick: bool) -> Path:
    return ROOT / "data" / ("bench-quick.sqlite3" if quick else "bench.sqlite3")


def load_sqlite(people: int, contacts: int) -> list[str]:
    """Load what is missing into the SQLite file Django is on; returns lines describing the load times."""
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
    return notes


def copy_into_postgres(source: Path) -> list[str]:
    """Every table of the loaded SQLite file into the (empty) PostgreSQL database Django is on: the tables
    emptied, their secondary indexes dropped, the rows sent with COPY, the indexes built again, the
    sequences moved past the copied ids, then VACUUM ANALYZE for the planner's statistics."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import DatabaseError, connection

    started = time.perf_counter()
    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    tables = [
        name
        for (name,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if name not in SKIPPED_TABLES and lite.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone()  # noqa: S608
    ]
    rows = 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = 'public' AND tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [tables],
        )
        indexes = cursor.fetchall()
        cursor.execute("TRUNCATE " + ", ".join(f'"{name}"' for name in tables) + " CASCADE")
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        try:  # foreign keys are not checked row by row (the rows come from a consistent database)
            cursor.execute("SET session_replication_role = replica")
        except DatabaseError:  # not a superuser: each row checked as it comes, slower
            pass
        raw = cursor.cursor
        for table in tables:
            columns = [row[1] for row in lite.execute(f'PRAGMA table_info("{table}")')]
            names = ", ".join(f'"{column}"' for column in columns)
            with raw.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in lite.execute(f'SELECT {names} FROM "{table}"'):  # noqa: S608
                    copy.write_row(row)
                    rows += 1
        copied = time.perf_counter()
        cursor.execute("SET session_replication_role = DEFAULT")
        for _, definition in indexes:
            cursor.execute(definition)
        indexed = time.perf_counter()
        models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in tables]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    lite.close()
    connection.close()  # VACUUM cannot run inside the connection's transaction block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return [
        f"copied {rows:,} rows of {len(tables)} tables from {source.name} in {copied - started:.1f} s, "
        f"built {len(indexes)} indexes in {indexed - copied:.1f} s, "
        f"VACUUM ANALYZE in {time.perf_counter() - indexed:.1f} s"
    ]


def load(people: int, contacts: int) -> list[str]:
    """Load what is missing; returns lines describing the load times. PostgreSQL is copied from the
    SQLite file of the same size (loaded first, by another run of this script, if it is not yet)."""
    from django.db import connection

    from frontdoor.contacts.models import Contact
    from frontdoor.people.models import Person

    if connection.vendor != "postgresql":
        notes = load_sqlite(people, contacts) or ["data already loaded"]
    elif Person.objects.count() >= people and Contact.objects.count() >= contacts:
        notes = ["data already loaded"]
    else:
        quick = people < 300_000
        command = [sys.executable, __file__, "--load-only", *(["--quick"] if quick else [])]
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        subprocess.run(command, check=True, env=env)  # noqa: S603  # this script, on its SQLite file
        notes = copy_into_postgres(sqlite_file(quick))
    for line in notes:
        print(line, flush=True)
    return notes


def pass_out_of_hours() -> list[str]:
    """Out of hours, the contacts due to pass handed over before measuring, as the worker does on its
    passes: the pages then measure what they do themselves, not a backlog taken a few at a time."""
    from frontdoor.contacts.alerts import out_of_hours_sweep

    started = time.perf_counter()
    handed = len(out_of_hours_sweep())
    if not handed:
        return []
    note = f"{handed:,} contacts passed out of hours before measuring, in {time.perf_counter() - started:.1f} s"
    print(note, flush=True)
    return [note]


def measure(name: str, n: int, call: Callable[[int], None]) -> tuple[str, float, float, float, float]:
    """p50, p95 and max of the wall-clock time, and the p50 of this process's CPU time (on SQLite that
    includes the database's work; on a busy machine it shows what a request costs, waiting aside)."""
    call(-1)  # warm-up, not counted
    times, cpu = [], []
    for i in range(n):
        t, c = time.perf_counter(), time.process_time()
        call(i)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    times.sort()
    p95 = times[max(0, round(len(times) * 0.95) - 1)]
    p50, cpu50 = statistics.median(times), statistics.median(cpu)
    print(f"  {name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (CPU p50 {cpu50:.1f} ms)", flush=True)
    return name, p50, p95, times[-1], cpu50


class Pages:
    """The pages, each as the user who uses it, signed in through the test client."""

    def __init__(self) -> None:
        from django.test import Client

        from frontdoor.accounts.models import User
        from frontdoor.contacts.models import Contact, Status
        from frontdoor.people.models import Person

        self.clients: dict[str, Client] = {}
        for role in ("team_manager", "duty_social_worker", "mash_partner", "information_governance"):
            self.clients[role] = Client()
            self.clients[role].force_login(User.objects.get(username=role))
        self.rng = random.Random(1)
        self.refs = list(Contact.objects.values_list("reference", flat=True))
        self.awaiting = list(
            Contact.objects.filter(status=Status.AWAITING_DECISION).values_list("reference", flat=True)[:2000]
        )
        self.people = list(Person.objects.filter(merged_into__isnull=True).values_list("pk", flat=True)[::50])
        self.names = list(
            Person.objects.filter(is_unborn=False).values_list("given_names", "family_name", "date_of_birth")[::97]
        )

    def get(self, role: str, url: str) -> None:
        response = self.clients[role].get(url)
        assert response.status_code == 200, (url, response.status_code)

    def search(self, _: int) -> None:
        given, family, born = self.rng.choice(self.names)
        data = {
            "given_names": given,
            "family_name": family,
            "date_of_birth_0": str(born.day),
            "date_of_birth_1": str(born.month),
            "date_of_birth_2": str(born.year),
        }
        response = self.clients["duty_social_worker"].post("/people/", data)
        assert response.status_code == 200, response.status_code
        assert b"govuk-error-summary" not in response.content, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 people, 5,000 contacts, 50 requests")
    parser.add_argument("--requests", type=int, help="requests per measure (default 200, quick 50)")
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL), loaded if empty")
    parser.add_argument("--load-only", action="store_true", help="load the data and stop")
    parser.add_argument("--only", help="measure only the pages whose name contains one of these words (comma)")
    args = parser.parse_args()
    people, contacts, n = (20_000, 5_000, 50) if args.quick else (300_000, 100_000, 200)
    n = args.requests or n
    db = sqlite_file(args.quick)
    db.parent.mkdir(exist_ok=True)
    if args.postgres and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("--postgres needs DATABASE_URL: run it under scripts/with-postgres.sh")
    setup(None if args.postgres else db)
    notes = load(people, contacts)
    if args.load_only:
        return

    from django.db import connection
    from faker import Faker

    from frontdoor.accounts.models import User
    from frontdoor.contacts.models import Contact
    from frontdoor.contacts.selectors import queue_page
    from frontdoor.contacts.testing import contact_form_data
    from frontdoor.people.models import Person

    notes += pass_out_of_hours()
    pages = Pages()
    manager = User.objects.get(username="team_manager")
    # Page 50 as a person reaches it: 49 "Next" links on (keyset paging carries a cursor, not a number).
    page_50 = ""
    for _ in range(49):
        page_50 = queue_page(user=manager, queue="duty", filters={}, cursor=page_50).next
    fake = Faker("en_GB")
    fake.seed_instance(3)
    rng = pages.rng

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
        response = pages.clients["duty_social_worker"].post("/contacts/new/", data)
        assert response.status_code == 302, (
            response.status_code,
            response.context and response.context.get("forms_with_errors"),
        )

    def page(role: str, url: str) -> Callable[[int], None]:
        return lambda i: pages.get(role, url)

    def contact(role: str, suffix: str = "", among: list[str] | None = None) -> Callable[[int], None]:
        return lambda i: pages.get(role, f"/contacts/{rng.choice(among or pages.refs)}/{suffix}")

    duty, worker = "/contacts/?queue=duty", "duty_social_worker"
    measures: list[tuple[str, Callable[[int], None]]] = [
        ("duty queue, page 1 (duty worker)", page("duty_social_worker", "/contacts/?queue=duty")),
        ("duty queue, page 50 by its Next links (manager)", page("team_manager", f"{duty}&cursor={page_50}")),
        ("duty queue, overdue only (manager)", page("team_manager", "/contacts/?queue=duty&overdue=on")),
        ("awaiting my authorisation (manager)", page("team_manager", "/contacts/?queue=authorise")),
        ("my team's queue (duty worker)", page("duty_social_worker", "/contacts/?queue=team")),
        ("my contacts (duty worker)", page("duty_social_worker", "/contacts/?queue=mine")),
        ("the manager's dashboard", page("team_manager", "/dashboard/")),
        ("a contact's page (duty worker)", contact("duty_social_worker")),
        ("a contact's screening form (duty worker)", contact("duty_social_worker", "screening/")),
        ("a contact's decision page (manager)", contact("team_manager", "decide/", pages.awaiting)),
        ("a contact's changes (manager)", contact("team_manager", "changes/")),
        ("a person's page (duty worker)", lambda i: pages.get(worker, f"/people/{rng.choice(pages.people)}/")),
        ("the person search, POST (duty worker)", pages.search),
        ("checks register (duty worker)", page("duty_social_worker", "/registers/checks/")),
        ("consultations register (duty worker)", page("duty_social_worker", "/registers/consultations/")),
        ("transfers in register (duty worker)", page("duty_social_worker", "/registers/transfers/")),
        ("strategy meetings (duty worker)", page("duty_social_worker", "/strategy-meetings/")),
        ("a partner's checks (police partner)", page("mash_partner", "/checks/")),
        ("emails held back (manager)", page("team_manager", "/outbox/")),
        ("views without a link, last 7 days (manager)", page("team_manager", "/audit/views-without-a-link/")),
        ("retention review (information governance)", page("information_governance", "/records/retention/")),
        ("recording a contact (POST /contacts/new/, duty worker)", record),
    ]
    if args.only:
        words = [word.strip() for word in args.only.split(",")]
        measures = [(name, call) for name, call in measures if any(word in name for word in words)]
    print(f"measuring, {n} requests each; load average {os.getloadavg()[0]:.2f}", flush=True)
    results = [measure(name, n, call) for name, call in measures]
    load_after = os.getloadavg()
    if connection.vendor == "sqlite":
        database = f"SQLite {connection.Database.sqlite_version}"
    else:
        database = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"  # type: ignore[attr-defined]
    print()
    print(
        f"{Person.objects.count():,} people, {Contact.objects.count():,} contacts, {database}, {n} requests each; "
        f"load average at the end {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}"
    )
    print("; ".join(notes))
    print()
    print("| page | p50 ms | p95 ms | max ms | CPU p50 ms | p95 < 150 ms |")
    print("|---|---:|---:|---:|---:|:---:|")
    for name, p50, p95, worst, cpu in results:
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {cpu:.1f} | {'yes' if p95 < 150 else 'no'} |")


if __name__ == "__main__":
    main()
