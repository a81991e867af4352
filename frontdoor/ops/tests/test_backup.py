"""`frontdoor backup` and the restore drill of docs/OPERATIONS.md: back up, restore into a new database,
and find the recorded contact and its audit events there."""

import sqlite3
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact
from frontdoor.ops.backup import postgres_bin, postgres_environment


def _restored_sqlite(path: Path, sql: str) -> list[tuple]:
    """SQLite's restore: the backup file is the database; open it (or copy it into place)."""
    restored = sqlite3.connect(path)
    try:
        return restored.execute(sql).fetchall()
    finally:
        restored.close()


def _restored_postgres(path: Path, sql: str) -> list[tuple]:
    """PostgreSQL's restore: createdb a new database, pg_restore into it, read it, drop it."""
    env = postgres_environment()
    name = f"restore_{uuid.uuid4().hex[:12]}"
    subprocess.run([postgres_bin("createdb"), name], env=env, check=True)  # noqa: S603
    try:
        subprocess.run(  # noqa: S603
            [postgres_bin("pg_restore"), "--no-owner", "--exit-on-error", "--dbname", name, str(path)],
            env=env,
            check=True,
        )
        with psycopg.connect(dbname=name, host=env.get("PGHOST"), port=env.get("PGPORT"), user=env.get("PGUSER"),
                             password=env.get("PGPASSWORD")) as restored:
            return restored.execute(sql).fetchall()
    finally:
        subprocess.run([postgres_bin("dropdb"), name], env=env, check=True)  # noqa: S603


@pytest.mark.django_db(transaction=True)  # committed, so pg_dump's own connection sees it
def test_backup_then_restore_into_a_fresh_database_keeps_the_contact_and_its_audit_events(record, tmp_path):
    if connection.vendor not in ("sqlite", "postgresql"):
        pytest.skip(f"no backup for {connection.vendor}")
    contact = record()
    events = AuditEvent.objects.count()
    assert events >= 1
    output = tmp_path / "frontdoor.backup"
    call_command("backup", "--output", str(output), stdout=open("/dev/null", "w"))  # noqa: SIM115
    restore = _restored_sqlite if connection.vendor == "sqlite" else _restored_postgres
    contacts = restore(output, f"SELECT reference, reason FROM {Contact._meta.db_table}")  # noqa: S608
    assert contacts == [(contact.reference, contact.reason)]
    assert restore(output, f"SELECT count(*) FROM {AuditEvent._meta.db_table}") == [(events,)]  # noqa: S608
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--output", str(output))


@pytest.mark.django_db(transaction=True)  # SQLite's backup waits for no open transaction on the source
def test_a_sqlite_backup_is_written_in_wal_mode_so_workers_opening_it_at_once_do_not_race(tmp_path):
    """Opened by two connections at once, a copy left in another journal mode has both switch it to
    WAL (the settings' init_command) and one fails "database is locked": the copy is written in WAL."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's backup file")
    from frontdoor.ops.backup import sqlite_backup

    sqlite_backup("default", tmp_path / "copy.sqlite3")
    assert _restored_sqlite(tmp_path / "copy.sqlite3", "PRAGMA journal_mode") == [("wal",)]
