"""Work that is not a contact: requests for checks from other professionals (R-CHK-2, 002 s2)."""

from django.conf import settings
from django.db import models

from frontdoor.core.models import TrackedModel


class ChecksRequest(TrackedModel):
    """A professional asked what is known about a child or family; what was shared, and on what basis."""

    received_at = models.DateTimeField()
    agency = models.CharField(max_length=200)
    caller_name = models.CharField(max_length=120)
    caller_phone = models.CharField("switchboard number called back", max_length=40, blank=True)
    about = models.CharField("child or family asked about", max_length=200)
    identity_verified = models.BooleanField(default=False)
    active_involvement_confirmed = models.BooleanField(default=False)
    information_shared = models.TextField()
    # A detailed request: in writing, with its purpose and the consent of the adults or the attempts made.
    detailed = models.BooleanField(default=False)
    in_writing = models.BooleanField(default=False)
    purpose = models.TextField(blank=True)
    consent_obtained = models.BooleanField(default=False)
    consent_attempts = models.TextField(blank=True)
    assists_s47 = models.BooleanField("to assist a section 47 enquiry", default=False)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"Request for checks from {self.agency} about {self.about}"
