"""The append-only audit log: every write and every view of a child's record leaves one row."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .actions import action_label


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ANN003, ANN201 - the log is append-only
        raise TypeError("Audit events are append-only.")

    def delete(self):  # noqa: ANN201
        raise TypeError("Audit events are append-only.")


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    detail = models.JSONField(default=dict, blank=True)
    # The hash chain (frontdoor.audit.chain): the event's place in the log, the previous event's hash and
    # this event's hash over all of the above. Written once by audit_record; checked by `frontdoor audit verify`.
    seq = models.PositiveBigIntegerField(unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"]),
            # The report of views without a link reads a range of days of one action (views), and only these
            # columns. Not a partial index: SQLite uses one only when the query spells out its condition.
            models.Index(fields=["action", "at", "actor", "object_type", "object_id"], name="audit_action_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        # Integrity, not business logic: an existing event can never be rewritten.
        if self.pk is not None:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise TypeError("Audit events are append-only.")

    @property
    def label(self) -> str:
        """What happened, in words for a page ("Sent for decision")."""
        return action_label(self.action)


class AuditChainHead(models.Model):
    """The one row naming the last event of the chain. Writers lock it, so events are chained in the order
    they are inserted even when several are written at once; `verify` compares it with the last event, so
    events removed from the end of the log are noticed too."""

    ROW = 1

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"audit chain at event {self.seq}"
