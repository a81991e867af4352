"""/healthz and /readyz: open without signing in, one plain word, 503 naming what is missing."""

import datetime

import pytest
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from frontdoor.ops import health
from frontdoor.outbox.models import OutboxMessage, WorkerHeartbeat


@pytest.fixture(autouse=True)
def _check_migrations_each_time(monkeypatch):  # noqa: ANN001, ANN202
    monkeypatch.setattr(health, "_migrations_applied", False)


def _due_message(**fields: object) -> OutboxMessage:
    values = {"to_address": "duty@example.gov.uk", "subject": "S", "body": "B", "kind": "test", "message_id": "<1@x>"}
    values.update(fields)
    return OutboxMessage.objects.create(**values)


def test_healthz_answers_ok_without_signing_in_or_the_database(client):
    # No django_db mark: any query would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_readyz_new_installation_with_an_empty_outbox_is_ready(client):
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (200, b"ready\n")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reveals_nothing_but_one_word(client, officer, record):
    record()
    _due_message()
    WorkerHeartbeat.objects.create(name="host:1", beat_at=timezone.now())
    body = client.get("/readyz").content.decode()
    assert body == "ready\n"


@pytest.mark.django_db
def test_readyz_database_unreachable_is_503_database(client, monkeypatch):
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"database\n")


@pytest.mark.django_db
def test_readyz_migration_not_applied_is_503_migrations(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("contacts", "9999_new")])
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"migrations\n")


@pytest.mark.django_db
def test_readyz_due_email_and_no_worker_ever_is_503_worker(client):
    _due_message()
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"worker\n")


@pytest.mark.django_db
def test_readyz_due_email_and_a_silent_worker_is_503_worker(client):
    _due_message()
    WorkerHeartbeat.objects.create(name="host:1", beat_at=timezone.now() - datetime.timedelta(minutes=10))
    assert client.get("/readyz").status_code == 503


@pytest.mark.django_db
def test_readyz_due_email_and_a_recent_heartbeat_is_ready(client):
    _due_message()
    WorkerHeartbeat.objects.create(name="host:1", beat_at=timezone.now() - datetime.timedelta(seconds=30))
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_email_waiting_its_back_off_needs_no_worker(client):
    _due_message(next_attempt_at=timezone.now() + datetime.timedelta(minutes=5))
    _due_message(message_id="<2@x>", status=OutboxMessage.Status.SENT)
    assert client.get("/readyz").status_code == 200
