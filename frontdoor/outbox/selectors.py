"""Reads for the held messages page (R-CON-7): who may see the outbox, and what is held."""

from django.db.models import QuerySet
from django.http import Http404

from frontdoor.access.policy import Can, can
from frontdoor.accounts.models import User

from .models import OutboxMessage


def held_messages_visible_to(user: User) -> QuerySet[OutboxMessage]:
    """Held messages, for the roles that send them another way (team managers and business support)."""
    if not can(user, Can.MANAGE_OUTBOX):
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.HELD).select_related("recipient")


def access_held_message(user: User, message_id: int) -> OutboxMessage:
    """One held message, or "not found" alike for missing, forbidden and already dealt with."""
    message = held_messages_visible_to(user).filter(pk=message_id).first()
    if message is None:
        raise Http404("Not found")
    return message


def recently_sent_another_way(user: User, limit: int = 10) -> QuerySet[OutboxMessage]:
    if not can(user, Can.MANAGE_OUTBOX):
        return OutboxMessage.objects.none()
    return (
        OutboxMessage.objects.filter(sent_another_way_by__isnull=False)
        .select_related("sent_another_way_by", "recipient")
        .order_by("-sent_at")[:limit]
    )
