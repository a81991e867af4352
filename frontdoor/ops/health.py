"""What the health checks look at (docs/OPERATIONS.md, "Health checks").

`/healthz` says only that the process answers. `/readyz` says whether it can do its work: the database
answers, every migration this code needs has been applied, and, while emails are due to be sent, a
worker has been round its loop recently. A new installation with nothing to send is ready without a
worker. Each answer is one word, so the checks reveal nothing about the records or the software.
"""

import datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from frontdoor.outbox.delivery import last_heartbeat
from frontdoor.outbox.models import OutboxMessage

# Migrations are only ever applied while a process runs, never undone: once none is missing, the answer
# holds for the life of the process, and later checks skip loading the migration graph.
_migrations_applied = False


def worker_silent_after() -> datetime.timedelta:
    """A worker that has not been round its loop for this long is taken as stopped."""
    return datetime.timedelta(seconds=max(120.0, 10 * settings.FRONTDOOR_WORKER_POLL_SECONDS))


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def migrations_applied() -> bool:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


def worker_keeping_up(now: datetime.datetime | None = None) -> bool:
    """True when no email is due, or a worker has beaten recently."""
    now = now or timezone.now()
    due = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING], next_attempt_at__lte=now
    ).exists()
    if not due:
        return True
    beat = last_heartbeat()
    return beat is not None and beat >= now - worker_silent_after()


def not_ready_reason() -> str:
    """The first thing that stops this process being ready, in one word; empty when it is ready."""
    if not database_answers():
        return "database"
    try:
        if not migrations_applied():
            return "migrations"
        if not worker_keeping_up():
            return "worker"
    except DatabaseError:  # the database went away between the checks, or a table is missing
        return "database"
    return ""
