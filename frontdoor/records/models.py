"""The information governance officer's retention decisions. Nothing here, or anywhere in Front Door,
deletes a record: a record marked for deletion is deleted by the council's case system, by a person."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class RecordKind(models.TextChoices):
    CONTACT = "contact", "Contact that went no further"
    REFERRAL = "referral", "Referral"
    CONSULTATION = "consultation", "Professional consultation"
    STRATEGY_MEETING = "strategy_meeting", "Strategy meeting"
    AUDIT_MONTH = "audit_month", "Audit events of one month"


class Decision(models.TextChoices):
    KEEP = "keep", "Keep until a later date"
    DELETE = "delete", "Mark for deletion by the case system"


class RetentionReview(models.Model):
    """One review of one record past its retention period: keep it until a date, or mark it for deletion."""

    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    # The record's id, or the month ("2019-03") for the audit log.
    object_id = models.CharField(max_length=40)
    due_on = models.DateField("retention period ended")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    keep_until = models.DateField(null=True, blank=True)
    reason = models.TextField()
    reviewed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        indexes = [models.Index(fields=["kind", "object_id", "reviewed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="keep") | Q(keep_until__isnull=False),
                name="retention_keep_has_date",
                violation_error_message="Enter the date to keep it until.",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="retention_review_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}: {self.get_decision_display()}"
