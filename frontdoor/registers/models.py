"""Work beside contacts that is not a contact (002 s2, s3, s8):

- professional consultations, a confidential log kept apart from children's records (R-CONS-1);
- requests for checks from other professionals, what was shared and on what basis (R-CHK-2);
- notifications of a family with a child protection plan moving in from another authority (R-TRF-1).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.audit.history import case_history
from frontdoor.core.models import TrackedModel


class Consultation(TrackedModel):
    """R-CONS-1 (002 s3): a professional asks for advice without committing to a referral.

    Held in a confidential log, not on the child's record: the child is named in text fields here and
    never linked to the person index, so a consultation never shows in a person search or on a page
    about a child. Converting it into a contact carries the details over and links the two.
    """

    consulted_at = models.DateTimeField("when they consulted us")
    professional_name = models.CharField("professional's name", max_length=120)
    professional_role = models.CharField("professional's role", max_length=120, blank=True)
    agency = models.CharField("agency or organisation", max_length=200)
    phone = models.CharField("phone number", max_length=40, blank=True)
    email = models.EmailField("email address", blank=True)
    child_given_names = models.CharField("child's given names", max_length=100, blank=True)
    child_family_name = models.CharField("child's family name", max_length=100)
    child_date_of_birth = models.DateField("child's date of birth", null=True, blank=True)
    family_details = models.TextField("others in the family and where they live", blank=True)
    concern = models.TextField("what they are worried about")
    # 002 s3: "confirm with the caller that information is not being recorded onto Social Care records".
    caller_told_not_recorded = models.BooleanField(default=False)
    advice = models.TextField("advice given", blank=True)
    advice_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    advice_at = models.DateTimeField(null=True, blank=True)
    contact = models.OneToOneField(
        "contacts.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="from_consultation"
    )
    converted_at = models.DateTimeField(null=True, blank=True)
    converted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = case_history()

    class Meta:
        ordering = ["-consulted_at", "-pk"]

    def __str__(self) -> str:
        return f"Consultation with {self.professional_name} ({self.agency})"

    @property
    def child_name(self) -> str:
        return " ".join(n for n in (self.child_given_names, self.child_family_name) if n)


class ChecksStatus(models.TextChoices):
    REFUSED = "refused", "Refused"
    OPEN = "open", "To answer"
    ANSWERED = "answered", "Answered"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Awaiting a manager"
    AUTHORISED = "authorised", "Authorised"
    NOT_AUTHORISED = "not_authorised", "Not authorised"


class Verification(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed during the call"
    CALLED_BACK = "called_back", "Confirmed by calling them back on their organisation's switchboard number"
    NOT_CONFIRMED = "not_confirmed", "Could not be confirmed"


class Fact(models.TextChoices):
    """R-CHK-2 (002 s2): the only facts a basic check may share, each looked up from the person index."""

    KNOWN = "known", "Whether the child is known to children's services"
    OPEN = "open", "Whether the case is open or closed"
    WORKER = "worker", "The allocated social worker"
    MANAGER = "manager", "The allocated team's manager"
    SIBLINGS = "siblings", "Siblings, and whether their cases are open"


class ChecksRequest(TrackedModel):
    """A professional asked what is known about a child or family; what was shared, and on what basis."""

    received_at = models.DateTimeField()
    status = models.CharField(max_length=30, choices=ChecksStatus.choices, default=ChecksStatus.OPEN)
    agency = models.CharField(max_length=200)
    agency_on_list = models.BooleanField(default=False)
    caller_name = models.CharField(max_length=120)
    caller_role = models.CharField(max_length=120, blank=True)
    caller_phone = models.CharField("switchboard number called back", max_length=40, blank=True)
    verification = models.CharField(max_length=20, choices=Verification.choices, blank=True)
    called_back_at = models.DateTimeField(null=True, blank=True)
    active_involvement_confirmed = models.BooleanField(default=False)
    child_given_names = models.CharField(max_length=100, blank=True)
    child_family_name = models.CharField(max_length=100, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    refused_reason = models.TextField(blank=True)
    # The answer to a basic check: the child found in the person index (None: not known), and the facts
    # told to the caller, as data ({fact: value}), never free text.
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    facts_shared = models.JSONField(default=dict, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # A detailed request: in writing, with its purpose and the consent of the adults or the attempts made.
    detailed = models.BooleanField(default=False)
    in_writing = models.BooleanField(default=False)
    very_urgent = models.BooleanField(default=False)
    legal_advice = models.TextField(blank=True)
    purpose = models.TextField(blank=True)
    consent_obtained = models.BooleanField(default=False)
    consent_attempts = models.TextField(blank=True)
    assists_s47 = models.BooleanField("to assist a section 47 enquiry", default=False)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorisation_note = models.TextField(blank=True)
    history = case_history()

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refused_reason=""), name="checks_refused_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Request for checks from {self.agency} about {self.child_name}"

    @property
    def child_name(self) -> str:
        return " ".join(n for n in (self.child_given_names, self.child_family_name) if n) or "a child"

    @property
    def facts_list(self) -> list[tuple[str, str]]:
        """What was shared, in the order of the rule, each with its words."""
        return [(Fact(key).label, str(self.facts_shared[key])) for key in Fact.values if key in self.facts_shared]


class Residence(models.TextChoices):
    PERMANENT = "permanent", "Permanent: the family is settling here"
    TEMPORARY = "temporary", "Temporary, or the family is moving about and not settling"


class TransferStatus(models.TextChoices):
    AWAITING_FORM = "awaiting_form", "Waiting for the form"
    RECORDED = "recorded", "Details recorded"
    FORWARDED = "forwarded", "Forwarded for a transfer-in conference"


class TransferIn(TrackedModel):
    """R-TRF-1 (002 s8): another authority tells us a family with a child protection plan is moving in.

    Nothing about the family is recorded until the authority's form is received (the profile's
    `transfer_in_form`); then a permanent move creates the family's records, opens an involvement and
    is forwarded for a transfer-in conference, and a temporary one records the details.
    """

    notified_at = models.DateTimeField()
    authority = models.CharField("notifying authority", max_length=200)
    notifier_name = models.CharField(max_length=120)
    notifier_contact = models.CharField(max_length=200, blank=True)
    conference_requested = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=TransferStatus.choices, default=TransferStatus.AWAITING_FORM)
    form_name = models.CharField(max_length=80)
    form_received_at = models.DateTimeField(null=True, blank=True)
    form_document = models.FileField(upload_to="transfers/%Y/%m/", blank=True)
    form_document_name = models.CharField(max_length=200, blank=True)
    residence = models.CharField(max_length=20, choices=Residence.choices, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    plan_details = models.TextField(blank=True)
    people = models.ManyToManyField("people.Person", blank=True, related_name="+")
    involvement_opened_at = models.DateTimeField(null=True, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forwarded_to = models.CharField(max_length=200, blank=True)
    responsibility_disputed = models.BooleanField(default=False)
    history = case_history()

    class Meta:
        ordering = ["-notified_at", "-pk"]

    def __str__(self) -> str:
        return f"Transfer in from {self.authority}"


class EscalationLevel(models.TextChoices):
    CP_MANAGERS = "cp_managers", "Both authorities' child protection managers"
    SENIOR_MANAGERS = "senior_managers", "More senior managers"


class TransferEscalation(TrackedModel):
    """R-TRF-1 (002 s8): responsibility for the case is disputed; who it went to, why, and how urgently."""

    transfer = models.ForeignKey(TransferIn, on_delete=models.CASCADE, related_name="escalations")
    level = models.CharField(max_length=20, choices=EscalationLevel.choices)
    escalated_at = models.DateTimeField()
    escalated_to = models.CharField(max_length=200)
    reason = models.TextField()
    urgent = models.BooleanField(default=False)
    respond_by = models.DateTimeField(null=True, blank=True)
    history = case_history()

    class Meta:
        ordering = ["escalated_at", "pk"]

    def __str__(self) -> str:
        return f"Escalated to {self.escalated_to}"
