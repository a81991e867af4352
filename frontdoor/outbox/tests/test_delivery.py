"""Delivery by `frontdoor worker` against a real SMTP server on loopback: back-off while the server is
down, the fixed Message-ID, R-CON-7 held messages never sent, and nothing sent twice (docs/adr/0010)."""

import datetime
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from frontdoor.outbox.delivery import CUT_OFF_REASON, deliver, last_heartbeat, recover_cut_off, retry_delay
from frontdoor.outbox.management.commands.worker import TRY_AGAIN_LATER
from frontdoor.outbox.models import OutboxMessage, WorkerHeartbeat
from frontdoor.outbox.services import outbox_enqueue

from .conftest import shared_database

FRONTDOOR = Path(sys.executable).with_name("frontdoor")
S = OutboxMessage.Status


def _enqueue(to: str = "duty@nhs.net", subject: str = "Contact passed to your team", **extra: str) -> OutboxMessage:
    with transaction.atomic():
        return outbox_enqueue(to=to, subject=subject, body=extra.pop("body", "Open the contact."), kind="test", **extra)


def _dead_pid() -> int:
    finished = subprocess.run(["true"], check=True)  # noqa: S607 - a process that has ended, for its pid
    del finished
    probe = subprocess.Popen(["true"])  # noqa: S607
    probe.wait()
    return probe.pid


@pytest.mark.django_db
def test_the_server_down_then_back_the_message_is_delivered_once(mail_server) -> None:  # noqa: ANN001
    message = _enqueue()
    down = deliver()
    assert down.failed == [message.pk]
    message.refresh_from_db()
    assert message.status == S.PENDING
    assert message.attempts == 1
    assert "could not be reached" in message.last_error
    assert message.next_attempt_at > timezone.now()
    # Its back-off is respected by the loop...
    assert deliver().failed == []
    assert OutboxMessage.objects.get().attempts == 1
    # ...and once the pause is over, with the server back, it is sent once.
    mail_server.start()
    with time_machine.travel(message.next_attempt_at + datetime.timedelta(seconds=1), tick=True):
        back = deliver()
    assert back.sent == [message.pk]
    assert deliver(every=True).sent == []
    assert mail_server.recorder.message_ids() == {message.message_id: 1}
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (S.SENT, 2, "")
    assert message.sent_at is not None


@pytest.mark.django_db
def test_the_message_carries_its_fixed_message_id_as_plain_text(mail_server, settings) -> None:  # noqa: ANN001
    settings.DEFAULT_FROM_EMAIL = "Front Door <frontdoor@cambridgeshire.gov.uk>"
    message = _enqueue(subject="Due soon: Decision: C-1", body="A line.\n.A line starting with a dot.")
    mail_server.start()
    deliver()
    received = mail_server.recorder.messages[0]
    assert received["Message-ID"] == message.message_id
    assert received["Subject"] == "Due soon: Decision: C-1"
    assert received["To"] == "duty@nhs.net"
    assert received.get_content_type() == "text/plain"
    assert received.get_payload(decode=True).decode().splitlines() == ["A line.", ".A line starting with a dot."]
    assert mail_server.recorder.envelopes[0].mail_from == "frontdoor@cambridgeshire.gov.uk"


def test_the_back_off_doubles_with_jitter_and_stops_growing_at_the_longest(settings) -> None:  # noqa: ANN001
    settings.FRONTDOOR_OUTBOX_RETRY_FIRST_SECONDS = 30
    settings.FRONTDOOR_OUTBOX_RETRY_LONGEST_SECONDS = 600
    for attempts, ceiling in [(1, 30), (2, 60), (3, 120), (5, 480), (6, 600), (40, 600)]:
        delays = [retry_delay(attempts).total_seconds() for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays), (attempts, min(delays), max(delays))
        assert len(set(delays)) > 1  # jitter: workers retrying together spread out


@pytest.mark.django_db
def test_r_con_7_held_messages_never_reach_the_server(mail_server, make_user) -> None:  # noqa: ANN001
    from frontdoor.accounts.models import Role

    secure = _enqueue("duty@nhs.net")
    held = [_enqueue("parent@gmail.com"), _enqueue(make_user(Role.DUTY_SOCIAL_WORKER, email=""))]  # type: ignore[arg-type]
    mail_server.start()
    result = deliver(every=True)
    assert result.sent == [secure.pk]
    assert mail_server.recorder.message_ids() == {secure.message_id: 1}
    assert {m.status for m in OutboxMessage.objects.filter(pk__in=[h.pk for h in held])} == {S.HELD}


@pytest.mark.django_db
def test_r_con_7_a_domain_no_longer_secure_when_sending_is_held(mail_server, settings) -> None:  # noqa: ANN001
    from frontdoor.procedures.loader import clear_profile_cache

    message = _enqueue("duty@cambridgeshire.gov.uk")
    settings.FRONTDOOR_PROFILE = "kent"
    clear_profile_cache()
    try:
        mail_server.start()
        assert deliver().held == [message.pk]
    finally:
        settings.FRONTDOOR_PROFILE = "cambridgeshire"
        clear_profile_cache()
    assert mail_server.recorder.messages == []
    message.refresh_from_db()
    assert message.held_reason.startswith("cambridgeshire.gov.uk is not a secure address")


@pytest.mark.django_db
def test_a_refusal_for_good_is_held_and_try_later_waits(mail_server) -> None:  # noqa: ANN001
    gone = _enqueue("left@nhs.net")
    busy = _enqueue("busy@nhs.net")
    fine = _enqueue("duty@nhs.net")
    mail_server.recorder.refuse = {"left@nhs.net": "550 No such mailbox", "busy@nhs.net": "451 Try again later"}
    mail_server.start()
    result = deliver()
    assert (result.held, result.failed, result.sent) == ([gone.pk], [busy.pk], [fine.pk])
    gone.refresh_from_db()
    busy.refresh_from_db()
    assert gone.status == S.HELD
    assert "The mail server refused this message (550 No such mailbox)" in gone.held_reason
    assert busy.status == S.PENDING
    assert busy.next_attempt_at > timezone.now()


@pytest.mark.django_db
def test_once_exit_codes(mail_server, capsys) -> None:  # noqa: ANN001
    _enqueue("parent@gmail.com")
    call_command("worker", "--once")  # only a held message: not a failure, exit 0
    waiting = _enqueue()
    with pytest.raises(SystemExit) as stopped:
        call_command("worker", "--once")  # the server cannot be reached
    assert stopped.value.code == TRY_AGAIN_LATER
    assert "could not be reached" in capsys.readouterr().err
    waiting.refresh_from_db()
    assert waiting.next_attempt_at > timezone.now()
    mail_server.start()
    call_command("worker", "--once")  # whatever its back-off, tried now, and sent
    waiting.refresh_from_db()
    assert waiting.status == S.SENT
    assert mail_server.recorder.message_ids() == {waiting.message_id: 1}
    assert last_heartbeat() is not None


@pytest.mark.django_db
def test_a_cut_off_message_waits_again_unless_the_server_may_have_it() -> None:
    dead = f"{socket.gethostname()}:{_dead_pid()}"
    never_handed, handed, alive = _enqueue(), _enqueue(), _enqueue()
    now = timezone.now()
    OutboxMessage.objects.filter(pk__in=[never_handed.pk, handed.pk]).update(
        status=S.SENDING, claimed_by=dead, claimed_at=now
    )
    OutboxMessage.objects.filter(pk=handed.pk).update(handed_over_at=now)
    OutboxMessage.objects.filter(pk=alive.pk).update(
        status=S.SENDING,
        claimed_by=f"{socket.gethostname()}:1",
        claimed_at=now,  # pid 1 is alive
    )
    assert recover_cut_off() == 2
    statuses = dict(OutboxMessage.objects.values_list("pk", "status"))
    assert statuses == {never_handed.pk: S.PENDING, handed.pk: S.HELD, alive.pk: S.SENDING}
    assert OutboxMessage.objects.get(pk=handed.pk).held_reason == CUT_OFF_REASON
    # A claim from another machine is taken as cut off only after its lease.
    OutboxMessage.objects.filter(pk=alive.pk).update(claimed_by="elsewhere:1")
    assert recover_cut_off() == 0
    assert recover_cut_off(now + datetime.timedelta(minutes=11)) == 1


def _env(database: dict[str, str], port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    env.update(database)
    env.update(
        FRONTDOOR_EMAIL_HOST="127.0.0.1",
        FRONTDOOR_EMAIL_PORT=str(port),
        FRONTDOOR_EMAIL_TIMEOUT="10",
        FRONTDOOR_WORKER_POLL_SECONDS="0.2",
        FRONTDOOR_PROFILE=os.environ.get("FRONTDOOR_PROFILE", "cambridgeshire"),
    )
    return env


@pytest.mark.django_db(transaction=True)
def test_the_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(mail_server, tmp_path) -> None:  # noqa: ANN001
    messages = [_enqueue(subject=f"Message {n}") for n in range(6)]
    mail_server.recorder.hang_on = 3  # the server keeps the third message and never answers
    mail_server.start()
    with shared_database(tmp_path) as database:
        worker = subprocess.Popen(  # noqa: S603 - our own console script
            [str(FRONTDOOR), "worker"],
            env=_env(database, mail_server.port),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            mail_server.recorder.wait_for(3)
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.communicate(timeout=30)
    statuses = dict(OutboxMessage.objects.values_list("pk", "status"))
    assert list(statuses.values()).count(S.SENT) == 2
    assert list(statuses.values()).count(S.SENDING) == 1
    # Run again, in this process: the cut-off message is held for a person, the rest are sent.
    mail_server.recorder.hang_on = None
    result = deliver(every=True)
    assert len(result.sent) == 3
    assert mail_server.recorder.message_ids() == {m.message_id: 1 for m in messages}  # nothing twice
    final = {m.message_id: (m.status, m.held_reason) for m in OutboxMessage.objects.all()}
    assert sum(1 for status, _ in final.values() if status == S.SENT) == 5
    assert [reason for status, reason in final.values() if status == S.HELD] == [CUT_OFF_REASON]  # nothing lost


@pytest.mark.django_db(transaction=True)
def test_the_worker_stops_when_told_after_the_message_it_is_sending(mail_server, tmp_path) -> None:  # noqa: ANN001
    messages = [_enqueue(subject=f"Message {n}") for n in range(3)]
    mail_server.start()
    with shared_database(tmp_path) as database:
        worker = subprocess.Popen(  # noqa: S603 - our own console script
            [str(FRONTDOOR), "worker"],
            env=_env(database, mail_server.port),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            mail_server.recorder.wait_for(3)
        finally:
            worker.send_signal(signal.SIGTERM)
            out, err = worker.communicate(timeout=30)
    assert worker.returncode == 0, err
    assert "Sent 3" in out
    assert mail_server.recorder.message_ids() == {m.message_id: 1 for m in messages}
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {S.SENT}
    assert WorkerHeartbeat.objects.filter(name__endswith=f":{worker.pid}").exists()
