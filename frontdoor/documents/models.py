"""Documents attached to a contact: referral forms, DASH risk assessments, police notifications."""

import uuid

from django.db import models

from frontdoor.contacts.models import Contact
from frontdoor.core.models import TrackedModel


class DocumentKind(models.TextChoices):
    REFERRAL_FORM = "referral_form", "Referral form"
    DASH = "dash", "DASH risk assessment"
    POLICE_NOTIFICATION = "police_notification", "Police notification"
    OTHER = "other", "Other"


def document_path(instance: "ContactDocument", filename: str) -> str:
    """Stored under a random name: the name the sender gave is kept in `name`, never in a path."""
    return f"contacts/{instance.contact_id}/{uuid.uuid4().hex}"


class ContactDocument(TrackedModel):
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=24, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_path, max_length=200)
    name = models.CharField("file name", max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="document_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.contact}"
