"""The outbox: every email Front Door sends is first a row here, written in the same transaction as the
event it tells of, and then delivered by `frontdoor worker` (see docs/adr/0010)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    """One plain-text email to one address. `message_id` is fixed when the row is written, so every
    attempt to deliver it carries the same Message-ID header."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        HELD = "held", "Held: send it another way"
        SENT = "sent", "Sent"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="outbox_messages"
    )
    to_address = models.CharField("to", max_length=254, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    kind = models.CharField(max_length=40)
    # What the message is about: any record, named in plain words for the held messages page.
    about_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    about_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    about_label = models.CharField("about", max_length=200, blank=True)
    message_id = models.CharField(max_length=255, unique=True)
    # Non-empty: there is never a second message with this key (a deadline warning is sent once).
    once_key = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    held_reason = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=500, blank=True)
    # Which worker claimed it for sending and when (status "sending"); see docs/adr/0010.
    claimed_by = models.CharField(max_length=200, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # When the worker began giving the server the message's content: from then on the server may have it.
    handed_over_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set when a member of staff sent a held message another way and said so.
    sent_another_way_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_another_way_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["once_key"], condition=~Q(once_key=""), name="outbox_once_key_unique"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_address or self.recipient}"


class WorkerHeartbeat(models.Model):
    """Each running `frontdoor worker` writes its row on every loop, so a health check can tell whether
    email is being delivered at all."""

    name = models.CharField(max_length=200, primary_key=True)  # host:pid
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
