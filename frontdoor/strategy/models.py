"""Strategy discussions and meetings after a threshold decision (R-STRAT-1, 002 s6).

A manager allocates a social worker; the worker's request (its time, the meeting's time, the
chronology and an initial analysis) goes to business support, who invite the partners, record their
replies and minute the meeting; the manager chairs it and signs off the minutes; the meeting's
decision on each child (a section 47 enquiry or not, with reasons) and its actions are recorded.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from frontdoor.audit.history import case_history
from frontdoor.contacts.models import Contact
from frontdoor.core.models import TrackedModel
from frontdoor.documents.models import ContactDocument
from frontdoor.people.models import Person


class MeetingState(models.TextChoices):
    REQUEST = "request", "Waiting for the social worker's request"
    TO_ARRANGE = "to_arrange", "To arrange"
    ARRANGED = "arranged", "Arranged"
    MINUTES_DUE = "minutes_due", "Minutes due"
    SIGN_OFF = "sign_off", "Minutes to sign off"
    SIGNED_OFF = "signed_off", "Minutes signed off"


class StrategyMeeting(TrackedModel):
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="strategy_meetings")
    # The manager who allocated the social worker chairs the meeting and signs off the minutes (002 s6).
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    social_worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    allocated_at = models.DateTimeField()
    # The social worker's request, with its time, passed to business support with the meeting's time.
    requested_at = models.DateTimeField(null=True, blank=True)
    meeting_at = models.DateTimeField("time of the meeting", null=True, blank=True)
    chronology = models.TextField(blank=True)
    initial_analysis = models.TextField("initial analysis", blank=True)
    documents = models.ManyToManyField(ContactDocument, blank=True, related_name="+")
    # 002 s6: "A professional who has made the referral should normally be invited": if not, why not.
    referrer_not_invited_reason = models.TextField("why the referrer is not invited", blank=True)
    minutes = models.TextField(blank=True)
    minutes_recorded_at = models.DateTimeField(null=True, blank=True)
    minutes_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # R-STRAT-1: minutes due the profile's `strategy_minutes_within` after the meeting (002: 24 hours).
    minutes_due_at = models.DateTimeField(null=True, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    history = case_history()

    class Meta:
        ordering = ["-allocated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True) | ~Q(minutes=""),
                name="strategy_signed_off_has_minutes",
                violation_error_message="Minutes must be recorded before they are signed off.",
            ),
        ]

    def __str__(self) -> str:
        return f"Strategy meeting on {self.contact}"

    @property
    def police_invited(self) -> bool:
        return any(i.agency == "police" for i in self.invitees.all())

    @property
    def referrer_invited(self) -> bool:
        return any(i.agency == Invitee.REFERRER for i in self.invitees.all())

    @property
    def state(self) -> str:
        if self.signed_off_at:
            return MeetingState.SIGNED_OFF
        if self.minutes_recorded_at:
            return MeetingState.SIGN_OFF
        if self.requested_at is None:
            return MeetingState.REQUEST
        if self.meeting_at is None or not self.police_invited:
            return MeetingState.TO_ARRANGE
        return MeetingState.ARRANGED if self.meeting_at > timezone.now() else MeetingState.MINUTES_DUE

    @property
    def state_label(self) -> str:
        return MeetingState(self.state).label


class Reply(models.TextChoices):
    NO_REPLY = "no_reply", "No reply yet"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Invitee(models.Model):
    """A partner invited to the meeting: the police at least, health, the professional referrer normally."""

    REFERRER = "referrer"
    OTHER = "other"

    meeting = models.ForeignKey(StrategyMeeting, on_delete=models.PROTECT, related_name="invitees")
    # A key of the profile's check agencies (police, health, ...), "referrer" or "other".
    agency = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField(blank=True)
    invited_at = models.DateTimeField()
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reply = models.CharField(max_length=10, choices=Reply.choices, default=Reply.NO_REPLY)
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "invited_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class ChildOutcome(models.Model):
    """What the meeting decided for one child on the contact: a section 47 enquiry or not, and why."""

    meeting = models.ForeignKey(StrategyMeeting, on_delete=models.PROTECT, related_name="outcomes")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    section_47 = models.BooleanField("section 47 enquiry")
    reasons = models.TextField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = case_history()

    class Meta:
        ordering = ["meeting", "child__family_name", "child__given_names"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "child"], name="one_strategy_outcome_per_child"),
            models.CheckConstraint(
                condition=~Q(reasons=""),
                name="strategy_outcome_has_reasons",
                violation_error_message="Record the reasons for the decision.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child}: {'section 47' if self.section_47 else 'no section 47'}"


class MeetingAction(models.Model):
    """An action the meeting agreed, with its owner and due date, for a child or for the family."""

    meeting = models.ForeignKey(StrategyMeeting, on_delete=models.PROTECT, related_name="actions")
    child = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    what = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = case_history()

    class Meta:
        ordering = ["meeting", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.what} ({self.owner}, {self.due_on})"
