"""Notices to members of staff: shown in the app now, shaped so an outbox can also email them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from frontdoor.contacts.models import Contact


class Notice(models.Model):
    """One message to one member of staff about a contact (R-ROUTE-1: the allocated worker and their
    manager are told). `subject` and `body` are plain text, complete in themselves, so an outbox can
    send them as an email and record `emailed_at`; nothing in them names a non-professional referrer.
    """

    class Kind(models.TextChoices):
        PASSED_ON = "passed_on", "Contact passed to your team"
        ALLOCATED_WORKER = "allocated_worker", "Decision: passed to the allocated worker"

    class Why(models.TextChoices):
        ALLOCATED_WORKER = "allocated_worker", "You are the allocated worker"
        TEAM_MANAGER = "team_manager", "You manage the allocated team"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notices")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    why = models.CharField("why you were told", max_length=20, choices=Why.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"
