"""After the decision: what the referrer was told (R-FB-1, R-FB-2), what the family was told (R-FB-3),
and a referrer's challenge to the decision, step by step (R-ESC-1)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.audit.history import case_history
from frontdoor.contacts.models import Contact
from frontdoor.core.models import TrackedModel


class FeedbackKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    OUTCOME = "outcome", "Outcome"
    # R-FB-1 (001 s1): "If the Contact is closed, a copy of the advice given will be sent to the referrer."
    ADVICE = "advice", "Outcome, with a copy of the advice given"


class Method(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"


class Feedback(TrackedModel):
    """One message to a referrer, kept as it was sent: the kind, to whom, how, when, by whom, the text."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="feedback")
    kind = models.CharField(max_length=20, choices=FeedbackKind.choices)
    to_whom = models.CharField("to whom", max_length=200)
    method = models.CharField("how", max_length=10, choices=Method.choices)
    address = models.CharField("email address, phone number or postal address", max_length=400, blank=True)
    sent_at = models.DateTimeField("when")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("the text sent")
    # R-CON-7: an email to an address outside the profile's secure domains is held, not sent.
    email_held = models.BooleanField(default=False)
    held_reason = models.CharField("why the email is held", max_length=300, blank=True)
    history = case_history()

    class Meta:
        ordering = ["contact", "-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="feedback_has_text"),
            models.CheckConstraint(condition=~Q(method="email") | ~Q(address=""), name="feedback_email_has_address"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_whom} ({self.contact})"

    @property
    def is_outcome(self) -> bool:
        return self.kind in (FeedbackKind.OUTCOME, FeedbackKind.ADVICE)


class FamilyMethod(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    HOME_VISIT = "home_visit", "Home visit"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"


class FamilyTold(TrackedModel):
    """R-FB-3 (004): "The child and family must be informed of the action to be taken": who was told,
    when, how and what; or that they were not told, and why (telling them would put the child at risk)."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="family_told")
    told = models.BooleanField()
    who = models.CharField("who was told", max_length=300, blank=True)
    told_at = models.DateTimeField("when", null=True, blank=True)
    method = models.CharField("how", max_length=12, choices=FamilyMethod.choices, blank=True)
    what = models.TextField("what they were told", blank=True)
    not_told_reason = models.TextField("why they were not told", blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = case_history()

    class Meta:
        ordering = ["contact", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(told=False) | (~Q(who="") & Q(told_at__isnull=False) & ~Q(method="") & ~Q(what="")),
                name="family_told_says_who_when_how_what",
            ),
            models.CheckConstraint(condition=Q(told=True) | ~Q(not_told_reason=""), name="family_not_told_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{'Told' if self.told else 'Not told'}: {self.contact}"


class ChildSeen(TrackedModel):
    """R-FB-3 (004): "The child should be seen as soon as possible if the decision is taken that the Referral
    requires further assessment": when each such child was seen and by whom. 004 gives no clock ("as soon
    as possible"), so nothing here is due by a time: the contact page shows how long it has been."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="children_seen")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    seen_at = models.DateTimeField("when the child was seen")
    seen_by = models.CharField("who saw the child", max_length=200)
    notes = models.TextField("where, and anything to note", blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = case_history()

    class Meta:
        ordering = ["contact", "child_id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "child"], name="child_seen_once_per_contact"),
            models.CheckConstraint(condition=~Q(seen_by=""), name="child_seen_says_by_whom"),
        ]

    def __str__(self) -> str:
        return f"Child seen ({self.contact})"


class Level(models.IntegerChoices):
    """R-ESC-1 (003): "listen to the views of the social worker ... escalate it to the line manager,
    service manager and eventually your Local Safeguarding Children Partnership"."""

    SOCIAL_WORKER = 1, "Social worker"
    TEAM_MANAGER = 2, "Team manager"
    SERVICE_MANAGER = 3, "Service manager"
    PARTNERSHIP = 4, "Safeguarding children partnership (professional resolution)"


class StepOutcome(models.TextChoices):
    UPHELD = "upheld", "Decision upheld"
    CHANGED = "changed", "Decision changed"
    ESCALATED = "escalated", "Escalated to the next level"


class Challenge(TrackedModel):
    """A referrer's disagreement with the decision, and the solution agreed (003: "You must record the
    solution and when it was reached")."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="challenges")
    raised_by = models.CharField("who disagrees", max_length=200)
    disagreement = models.TextField("what they disagree with, and what they think is needed")
    raised_at = models.DateTimeField("when it was raised")
    solution = models.TextField("the solution agreed", blank=True)
    resolved_at = models.DateTimeField("when it was reached", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = case_history()

    class Meta:
        ordering = ["contact", "-raised_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | ~Q(solution=""), name="challenge_resolved_has_solution"
            ),
        ]

    def __str__(self) -> str:
        return f"Challenge by {self.raised_by} ({self.contact})"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ChallengeStep(models.Model):
    """One level of a challenge: raised when, who handled it, its own clock, its outcome and reasons."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="steps")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    raised_at = models.DateTimeField("when it was raised")
    due_at = models.DateTimeField()
    handled_by = models.CharField("who handled it", max_length=200, blank=True)
    outcome = models.CharField(max_length=12, choices=StepOutcome.choices, blank=True)
    reasons = models.TextField(blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["challenge", "level"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "level"], name="challenge_step_once_per_level"),
            models.CheckConstraint(
                condition=Q(outcome="") | (~Q(reasons="") & ~Q(handled_by="") & Q(outcome_at__isnull=False)),
                name="challenge_step_outcome_has_reasons",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="escalated") | Q(level__lt=Level.PARTNERSHIP),
                name="challenge_step_last_level_not_escalated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ({self.challenge})"

    @property
    def is_open(self) -> bool:
        return not self.outcome
