"""Delivering the outbox: what `frontdoor worker` does on each loop (docs/adr/0010).

Each message is claimed in its own short transaction (status "sending", the worker's name, the time),
then handed to the mail server with its fixed Message-ID, then recorded as sent. Just before the
message's content goes to the server the worker records `handed_over_at`; a message found still
"sending" from a worker that has stopped is put back to wait if it was never handed over, and held for
a person to check if it was, because the server may have it. So no message is ever sent twice.
"""

import datetime
import logging
import os
import random
import re
import smtplib
import socket
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxMessage, WorkerHeartbeat
from .rules import hold_reason

logger = logging.getLogger(__name__)

# A claim by a worker on another machine is taken as cut off when it is older than this.
CLAIM_LEASE = datetime.timedelta(minutes=10)
CUT_OFF_REASON = (
    "Sending this message was cut off after the mail server was given it, so it may or may not have "
    "arrived: check with the recipient, and send it another way if it did not"
)
PENDING, SENDING, HELD, SENT = (
    OutboxMessage.Status.PENDING,
    OutboxMessage.Status.SENDING,
    OutboxMessage.Status.HELD,
    OutboxMessage.Status.SENT,
)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Delivery:
    """What one pass over the outbox did."""

    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # still waiting, to be tried again after the back-off
    held: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class CutOff(Exception):
    """The connection failed after the message's content was handed to the server."""


class Refused(Exception):
    """The server answered no: permanently (5xx) or for now (4xx)."""

    def __init__(self, code: int, text: str, *, sender: bool = False) -> None:
        super().__init__(f"{code} {text}")
        self.code = code
        self.sender = sender  # refused at MAIL FROM: the server's setup, not this message; keep trying


def beat(name: str) -> None:
    """The worker's heartbeat: one row per running worker, written on every loop."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": now}, create_defaults={"started_at": now, "beat_at": now}
    )


def forget_old_heartbeats(days: int = 7) -> None:
    """Rows of workers that stopped long ago (one row per process that ever ran)."""
    WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - datetime.timedelta(days=days)).delete()


def last_heartbeat() -> datetime.datetime | None:
    """When a worker last went round its loop (None if none ever has): for the health check."""
    latest = WorkerHeartbeat.objects.order_by("-beat_at").first()
    return latest.beat_at if latest else None


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential back-off with jitter: from the first delay, doubling per attempt, never past the longest."""
    first = settings.FRONTDOOR_OUTBOX_RETRY_FIRST_SECONDS
    longest = settings.FRONTDOOR_OUTBOX_RETRY_LONGEST_SECONDS
    ceiling = min(longest, first * 2 ** max(0, min(attempts - 1, 30)))
    return datetime.timedelta(seconds=ceiling / 2 + random.uniform(0, ceiling / 2))  # noqa: S311 - jitter


def _claim_is_dead(claimed_by: str, claimed_at: datetime.datetime | None, now: datetime.datetime) -> bool:
    host, _, pid = claimed_by.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        if int(pid) == os.getpid():
            return True  # this process's own claim, left by a pass that stopped part way
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
    return claimed_at is None or claimed_at < now - CLAIM_LEASE


def recover_cut_off(now: datetime.datetime | None = None) -> int:
    """Messages left "sending" by a worker that stopped: back to wait if the server never had their
    content, held for a person to check if it may have. Returns how many were found."""
    now = now or timezone.now()
    found = 0
    for message in OutboxMessage.objects.filter(status=SENDING):
        if not _claim_is_dead(message.claimed_by, message.claimed_at, now):
            continue
        with transaction.atomic():
            locked = OutboxMessage.objects.select_for_update().filter(pk=message.pk, status=SENDING).first()
            if locked is None or locked.claimed_by != message.claimed_by:
                continue
            if locked.handed_over_at is None:
                locked.status, locked.next_attempt_at = PENDING, now
            else:
                locked.status, locked.held_reason = HELD, CUT_OFF_REASON
            locked.claimed_by = ""
            locked.save(update_fields=["status", "next_attempt_at", "held_reason", "claimed_by"])
            found += 1
    return found


def _claim(pk: int, name: str, now: datetime.datetime, every: bool) -> OutboxMessage | None:
    """Take one waiting message for this worker, committed before anything is sent."""
    with transaction.atomic():
        rows = OutboxMessage.objects.filter(pk=pk, status=PENDING)
        if not every:
            rows = rows.filter(next_attempt_at__lte=now)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        message = rows.first()
        if message is None:
            return None
        # R-CON-7 again at the last moment: the profile may have changed since the message was written.
        reason = hold_reason(message.to_address, who=message.recipient.display_name if message.recipient else "")
        if reason:
            message.status, message.held_reason = HELD, reason
            message.save(update_fields=["status", "held_reason"])
            return message
        message.status, message.claimed_by, message.claimed_at = SENDING, name, now
        message.handed_over_at = None
        message.attempts += 1
        message.save(update_fields=["status", "claimed_by", "claimed_at", "handed_over_at", "attempts"])
        return message


def _finish(message: OutboxMessage, **changes: object) -> None:
    """Record the end of an attempt, only if this worker still holds the claim."""
    changes.setdefault("claimed_by", "")
    with transaction.atomic():
        OutboxMessage.objects.filter(pk=message.pk, status=SENDING, claimed_by=message.claimed_by).update(**changes)
        if changes.get("status") == SENT and message.about_type_id:
            model = message.about_type.model_class() if message.about_type else None
            if model is not None and any(f.name == "emailed_at" for f in model._meta.get_fields()):
                model._default_manager.filter(pk=message.about_id, emailed_at__isnull=True).update(
                    emailed_at=changes["sent_at"]
                )


def _mark_handed_over(message: OutboxMessage) -> None:
    with transaction.atomic():
        OutboxMessage.objects.filter(pk=message.pk, claimed_by=message.claimed_by).update(handed_over_at=timezone.now())


def open_connection() -> smtplib.SMTP:
    """The mail server from the settings: plain SMTP, STARTTLS or TLS from the start, with a login if given."""
    host, port, timeout = settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT
    smtp: smtplib.SMTP
    if settings.EMAIL_USE_SSL:
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if settings.EMAIL_USE_TLS:
            smtp.starttls()
    if settings.EMAIL_HOST_USER:
        smtp.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
    return smtp


def _content(message: OutboxMessage) -> bytes:
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_address],
        headers={"Message-ID": message.message_id},
    )
    data = re.sub(rb"\r?\n", b"\r\n", email.message().as_bytes())  # SMTP's line ends
    data = re.sub(rb"(?m)^\.", b"..", data)  # RFC 5321 4.5.2: a line starting with a dot gets another
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _send(smtp: smtplib.SMTP, message: OutboxMessage) -> None:
    """One SMTP transaction. Everything before the content is safe to repeat; the content is not."""
    sender = settings.DEFAULT_FROM_EMAIL
    smtp.ehlo_or_helo_if_needed()
    code, text = smtp.mail(parseaddr(sender)[1] or sender)
    if code != 250:
        raise Refused(code, text.decode(errors="replace"), sender=True)
    code, text = smtp.rcpt(message.to_address)
    if code not in (250, 251):
        smtp.rset()
        raise Refused(code, text.decode(errors="replace"))
    smtp.putcmd("data")
    code, text = smtp.getreply()
    if code != 354:
        raise Refused(code, text.decode(errors="replace"))
    _mark_handed_over(message)
    try:
        smtp.send(_content(message))
        code, text = smtp.getreply()
    except (OSError, smtplib.SMTPException) as error:
        raise CutOff(str(error)) from error
    if code != 250:
        raise Refused(code, text.decode(errors="replace"))


def _due_ids(now: datetime.datetime, every: bool) -> list[int]:
    rows = OutboxMessage.objects.filter(status=PENDING)
    if not every:
        rows = rows.filter(next_attempt_at__lte=now)
    return list(rows.order_by("next_attempt_at", "id").values_list("pk", flat=True))


def _failed(message: OutboxMessage, error: str, result: Delivery) -> None:
    now = timezone.now()
    _finish(message, status=PENDING, last_error=error[:500], next_attempt_at=now + retry_delay(message.attempts))
    result.failed.append(message.pk)
    result.errors.append(error)


def _attempt(smtp: smtplib.SMTP, message: OutboxMessage, result: Delivery) -> bool:
    """Send one claimed message; False when the connection is no longer usable."""
    try:
        _send(smtp, message)
    except Refused as refused:
        if refused.code >= 500 and not refused.sender:
            reason = f"The mail server refused this message ({refused}): check the address, and send it another way"
            _finish(message, status=HELD, held_reason=reason[:300], last_error=str(refused)[:500])
            result.held.append(message.pk)
            return True
        _failed(message, f"The mail server said to try later: {refused}", result)
        return True
    except CutOff as error:
        _finish(message, status=HELD, held_reason=CUT_OFF_REASON, last_error=str(error)[:500])
        result.held.append(message.pk)
        return False
    except (OSError, smtplib.SMTPException) as error:
        _failed(message, f"The connection to the mail server failed: {error}", result)
        return False
    _finish(message, status=SENT, sent_at=timezone.now(), last_error="")
    result.sent.append(message.pk)
    return True


def deliver(*, every: bool = False, name: str | None = None, stop: object = None) -> Delivery:
    """One pass: every waiting message whose time has come (`every`: all of them now, whatever their
    back-off). One connection for the pass; when the server cannot be reached, each message gets its
    attempt recorded and waits its back-off. `stop()` returning True ends the pass between messages."""
    name = name or worker_name()
    result = Delivery()
    recover_cut_off()
    smtp: smtplib.SMTP | None = None
    unreachable = ""
    try:
        for pk in _due_ids(timezone.now(), every):
            if callable(stop) and stop():
                break
            message = _claim(pk, name, timezone.now(), every)
            if message is None:
                continue
            if message.status == HELD:
                result.held.append(pk)
                continue
            if unreachable:
                _failed(message, unreachable, result)
                continue
            if smtp is None:
                try:
                    smtp = open_connection()
                except (OSError, smtplib.SMTPException) as error:
                    where = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
                    unreachable = f"The mail server could not be reached ({where}): {error}"
                    _failed(message, unreachable, result)
                    continue
            if not _attempt(smtp, message, result):
                _close(smtp)
                smtp = None
    finally:
        if smtp is not None:
            _close(smtp)
    return result


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


def waiting_counts() -> dict[str, int]:
    """For the held messages page: how many are waiting, and how many of those have failed at least once."""
    waiting = OutboxMessage.objects.filter(Q(status=PENDING) | Q(status=SENDING))
    return {
        "waiting": waiting.count(),
        "failing": waiting.filter(attempts__gt=0).exclude(last_error="").count(),
        "held": OutboxMessage.objects.filter(status=HELD).count(),
    }
