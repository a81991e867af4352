"""Backups of the database (docs/OPERATIONS.md, "Backups and the restore drill").

SQLite: an online copy through SQLite's backup API, consistent while the server and worker keep
writing. PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore` into an empty database.
"""

import glob
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - runs pg_dump with a fixed argument list, never a shell
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone


class BackupError(Exception):
    """The backup could not be made; the message says why in plain words."""


def default_output(vendor: str) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if vendor == "sqlite" else "dump"
    return Path(settings.DATA_DIR) / "backups" / f"frontdoor-{stamp}.{suffix}"


def backup(output: Path | None = None, using: str = "default") -> Path:
    """Write a backup of the database to `output` (a new file) and return its path."""
    connection = connections[using]
    output = Path(output or default_output(connection.vendor))
    if output.exists():
        raise BackupError(f"{output} already exists: give a new file name.")
    output.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        sqlite_backup(using, output)
    elif connection.vendor == "postgresql":
        postgres_backup(using, output)
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    return output


def sqlite_backup(using: str, output: Path) -> None:
    connection = connections[using]
    connection.ensure_connection()
    target = sqlite3.connect(output)
    try:
        connection.connection.backup(target)
        # The copy in the journal mode the application opens it with (settings: WAL). Left in the
        # source's mode, the first connections to open it at once would race to switch it to WAL and
        # one would fail with "database is locked" (SQLite waits for no lock while switching).
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        target.close()


def postgres_bin(program: str) -> str:
    """The PostgreSQL program: FRONTDOOR_PG_BIN's, else the newest server's in /usr/lib/postgresql (a
    pg_dump at least as new as the server), else the one on the PATH."""
    folders = [os.environ.get("FRONTDOOR_PG_BIN", "")]
    folders += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    for folder in filter(None, folders):
        if os.access(Path(folder) / program, os.X_OK):
            return str(Path(folder) / program)
    found = shutil.which(program)
    if not found:
        raise BackupError(f"{program} was not found: install the PostgreSQL client or set FRONTDOOR_PG_BIN.")
    return found


def postgres_environment(using: str = "default") -> dict[str, str]:
    """libpq's environment variables for the database's settings (the password never on a command line)."""
    db = connections[using].settings_dict
    env = dict(os.environ)
    for key, name in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if db.get(name):
            env[key] = str(db[name])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def postgres_backup(using: str, output: Path) -> None:
    command = [postgres_bin("pg_dump"), "--format=custom", "--no-owner", "--file", str(output)]
    result = subprocess.run(command, env=postgres_environment(using), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        output.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
