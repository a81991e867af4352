"""R-ACC-1: the audit log is tamper-evident. Each event's hash covers its columns and the previous hash;
`frontdoor audit verify` names the first altered, inserted or missing event."""

import threading
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from frontdoor.audit.actions import AuditAction
from frontdoor.audit.chain import event_hash
from frontdoor.audit.models import AuditChainHead, AuditEvent
from frontdoor.audit.services import audit_record
from frontdoor.audit.verify import audit_verify

TABLE = AuditEvent._meta.db_table


def write_events(count: int, actor=None) -> list[AuditEvent]:  # noqa: ANN001
    with transaction.atomic():
        return [
            audit_record(
                actor=actor,
                action=AuditAction.VIEWED,
                object_type="people.person",
                object_id=str(n),
                detail={"n": n, "words": "Zoë's record", "nested": {"b": 1, "a": [1.5, None]}},
            )
            for n in range(count)
        ]


def tamper(sql: str, params: list | None = None) -> None:
    """Change the table behind the application's back, as someone with database access might."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the append-only trigger stops even the table's owner
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params or [])


def verify_fails(match: str) -> None:
    with pytest.raises(CommandError, match=match):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_r_acc_1_intact_chain_verifies_with_the_count(capsys) -> None:  # noqa: ANN001
    events = write_events(4)
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[0].prev_hash == ""
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    call_command("audit", "verify")
    assert "Checked 4 audit event(s): the chain is intact." in capsys.readouterr().out


@pytest.mark.django_db
def test_r_acc_1_hash_covers_every_column() -> None:
    event = write_events(1)[0]
    fields = {
        "seq": event.seq,
        "at": event.at,
        "actor_id": event.actor_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "detail": event.detail,
        "prev_hash": event.prev_hash,
    }
    assert event_hash(**fields) == event.hash
    for name, other in [
        ("seq", 9),
        ("at", timezone.now()),
        ("actor_id", 7),
        ("action", "x"),
        ("object_type", "x"),
        ("object_id", "x"),
        ("detail", {"n": 1}),
        ("prev_hash", "0" * 64),
    ]:
        assert event_hash(**{**fields, name: other}) != event.hash, name


@pytest.mark.django_db
def test_r_acc_1_altered_row_is_named() -> None:
    write_events(3)
    tamper(f"UPDATE {TABLE} SET object_id = '99' WHERE seq = 2")  # noqa: S608
    verify_fails(r"Altered event 2 \(id \d+, viewed")
    assert audit_verify().checked == 1


@pytest.mark.django_db
def test_r_acc_1_altered_detail_is_named() -> None:
    write_events(3)
    event = AuditEvent.objects.get(seq=3)
    tamper(f"UPDATE {TABLE} SET detail = %s WHERE id = %s", ['{"n": 2, "words": "changed"}', event.pk])  # noqa: S608
    verify_fails("Altered event 3")


@pytest.mark.django_db
def test_r_acc_1_deleted_middle_row_is_missing() -> None:
    write_events(4)
    tamper(f"DELETE FROM {TABLE} WHERE seq = 2")  # noqa: S608
    verify_fails("Missing event 2")


@pytest.mark.django_db
def test_r_acc_1_deleted_last_row_is_missing() -> None:
    write_events(3)
    tamper(f"DELETE FROM {TABLE} WHERE seq = 3")  # noqa: S608
    verify_fails("Missing event 3")


@pytest.mark.django_db
def test_r_acc_1_forged_row_is_inserted() -> None:
    events = write_events(3)
    at = timezone.now()
    # A forger who knows the hash recipe but not how to fit the row into the chain.
    fields = {
        "seq": 4,
        "at": at,
        "actor_id": None,
        "action": "viewed",
        "object_type": "people.person",
        "object_id": "5",
        "detail": {},
        "prev_hash": "0" * 64,
    }
    tamper(
        f"INSERT INTO {TABLE} (seq, at, actor_id, action, object_type, object_id, detail, prev_hash, hash) "  # noqa: S608
        "VALUES (%s, %s, NULL, 'viewed', 'people.person', '5', '{}', %s, %s)",
        [4, at, "0" * 64, event_hash(**fields)],
    )
    verify_fails("Inserted event 4")
    # Linked properly, it is still more than the chain head records.
    fields["prev_hash"] = events[-1].hash
    tamper(f"UPDATE {TABLE} SET prev_hash = %s, hash = %s WHERE seq = 4", [events[-1].hash, event_hash(**fields)])  # noqa: S608
    verify_fails("Inserted event 4: the chain head names event 3")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the test database on SQLite is one in-memory file")
@pytest.mark.django_db(transaction=True)
def test_r_acc_1_concurrent_writers_chain_in_insertion_order() -> None:
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(5):
                write_events(2)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    result = audit_verify()
    assert result.intact, result.problem
    assert result.checked == 30


only_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the protection is PostgreSQL's own")


@only_postgresql
@pytest.mark.django_db
def test_r_acc_1_application_role_cannot_update_or_delete_audit_events() -> None:
    event = write_events(2)[0]
    role = f"frontdoor_app_{uuid.uuid4().hex[:8]}"
    head = AuditChainHead._meta.db_table
    with connection.cursor() as cursor:
        # As an administrator would set up the application's role: no superuser, every privilege on the tables.
        cursor.execute(f"CREATE ROLE {role} NOLOGIN NOSUPERUSER")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {TABLE}, {head} TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
        for sql in [f"UPDATE {TABLE} SET object_id = 'x' WHERE id = %s", f"DELETE FROM {TABLE} WHERE id = %s"]:  # noqa: S608
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                cursor.execute(sql, [event.pk])
        with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
            cursor.execute(f"TRUNCATE {TABLE}")
        written = write_events(1)[0]  # the application's own writing still works
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == role
        cursor.execute("RESET ROLE")
        # Not even the table's owner may rewrite an event; and PUBLIC holds no such privilege.
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [written.pk])  # noqa: S608
        cursor.execute(f"SELECT has_table_privilege('public', '{TABLE}', 'UPDATE, DELETE, TRUNCATE')")
        assert cursor.fetchone()[0] is False
    assert written.seq == 3
    assert audit_verify().intact
