"""Managers are warned once when a deadline is about to be missed: the worker looks, on every loop, at
what each manager can see falling due within the warning window (frontdoor.core.due) and writes one
email per item, with a key so the same item at the same due time is never warned about twice."""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frontdoor.access.policy import Can, can, can_authorise
from frontdoor.accounts.models import User
from frontdoor.core.due import DueItem, due_items

from .links import absolute
from .models import OutboxMessage
from .services import outbox_enqueue

KIND = "deadline_warning"


def warning_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.FRONTDOOR_DEADLINE_WARNING_MINUTES)


def managers() -> list[User]:
    """Who is warned: everyone who sees the dashboard or authorises threshold decisions."""
    users = User.objects.filter(is_active=True).prefetch_related("groups").order_by("username")
    return [u for u in users if can(u, Can.VIEW_DASHBOARD) or can_authorise(u, "threshold_decision")]


def _once_key(user: User, item: DueItem) -> str:
    what = f"{item.kind}|{item.url}|{item.label}|{item.due_at.isoformat()}"
    return f"{KIND}:{user.pk}:{hashlib.sha256(what.encode()).hexdigest()[:40]}"


def _words(item: DueItem, now: datetime.datetime) -> tuple[str, str]:
    """No child's name and nothing of the concern: the email says what kind of work is due and where;
    the page behind the link (signed in) says who it is about."""
    due = timezone.localtime(item.due_at)
    when = f"{due:%H:%M} on {due:%A} {due.day} {due:%B %Y}"
    late = item.due_at <= now
    subject = f"{'Overdue' if late else 'Due soon'}: {item.kind} by {due:%H:%M}"
    lines = [
        f"{item.kind} {'was' if late else 'is'} due by {when}.",
        "This is the only reminder you will get about it at this time.",
        f"Open it: {absolute(item.url)}",
    ]
    return subject, "\n".join(lines)


def warn_managers(now: datetime.datetime | None = None) -> list[OutboxMessage]:
    """One message per manager per item due within the window (overdue ones included), written once."""
    now = now or timezone.now()
    until = now + warning_window()
    written: list[OutboxMessage] = []
    for user in managers():
        for item in due_items(user, until):
            key = _once_key(user, item)
            if OutboxMessage.objects.filter(once_key=key).exists():
                continue
            subject, body = _words(item, now)
            with transaction.atomic():
                written.append(outbox_enqueue(to=user, subject=subject, body=body, kind=KIND, once_key=key))
    return written
