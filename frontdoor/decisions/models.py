"""Threshold decisions: a manager's authorised outcome for each child on a contact (R-DEC-5, R-SIB-1)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.audit.history import case_history
from frontdoor.contacts.models import Contact
from frontdoor.people.models import Person

from .choices import NeedLevel, Outcome, SpecialistAssessment


class ThresholdDecision(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="decisions")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="threshold_decisions")
    opened = models.BooleanField("opened on this child", default=True)
    need_level = models.CharField(max_length=24, choices=NeedLevel.choices, blank=True)
    outcome = models.CharField(max_length=32, choices=Outcome.choices)
    rating = models.CharField(max_length=20)
    rationale = models.TextField()
    policy_key = models.CharField(max_length=60, blank=True)
    policy_override_reason = models.TextField(blank=True)
    proceed_without_consent = models.BooleanField(default=False)
    # R-CON-4: the manager's reason for going ahead without consent, kept with the decision.
    without_consent_reason = models.TextField("reason for proceeding without consent", blank=True)
    removal_considered = models.BooleanField("removal from home considered", default=False)
    head_of_service_consulted = models.CharField(max_length=120, blank=True)
    head_of_service_consulted_at = models.DateTimeField(null=True, blank=True)
    # 004: "any services required by the child and family and what type", and "further specialist assessments".
    services_required = models.TextField("services required", blank=True)
    specialist_assessments = models.JSONField("specialist assessments required", default=list, blank=True)
    specialist_assessments_other = models.TextField("other specialist assessments", blank=True)
    # R-ROUTE-2: the team the contact went to, and whether the manager chose it because the
    # family's address did not show the area team.
    team_key = models.CharField("team", max_length=60, blank=True)
    team_chosen_by_manager = models.BooleanField(default=False)
    # R-DEC-7: the person consulted, who holds a role of the profile's `removal_consultee`.
    consultee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authorised_at = models.DateTimeField()
    # R-SIB-1: a decision can be reviewed; the old one is kept and points at its replacement.
    is_current = models.BooleanField(default=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    history = case_history()

    class Meta:
        ordering = ["contact", "child", "-authorised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "child"],
                condition=Q(is_current=True),
                name="one_current_decision_per_child",
            ),
            models.CheckConstraint(
                condition=~Q(rationale=""),
                name="decision_has_rationale",
                violation_error_message="Record the rationale for the decision.",
            ),
            models.CheckConstraint(
                condition=Q(proceed_without_consent=False) | ~Q(without_consent_reason=""),
                name="without_consent_has_reason",
                violation_error_message="Record why it is right to proceed without consent.",
            ),
            models.CheckConstraint(
                condition=Q(removal_considered=False) | ~Q(head_of_service_consulted=""),
                name="removal_needs_head_of_service",
                violation_error_message="A decision to remove a child must be discussed with the head of service.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact}: {self.child} → {self.get_outcome_display()}"

    @property
    def specialist_assessment_labels(self) -> list[str]:
        labels = [SpecialistAssessment(key).label for key in self.specialist_assessments]
        return [*labels, self.specialist_assessments_other] if self.specialist_assessments_other else labels


class ConsultationAbout(models.TextChoices):
    # R-INT-7 (002): "If a contact linked to a member of staff becomes a referral, the Head of Service will be
    # consulted".
    STAFF = "staff", "A contact about a member of staff or their family"
    # R-DEC-7 (001): "Any decision to remove a child must be discussed with the relevant head of service."
    REMOVAL = "removal", "Removing a child from home"


class HeadOfServiceConsultation(models.Model):
    """The head of service's own record that they were consulted on a contact, when, and the advice they gave.

    A threshold decision accepts it in place of naming the person consulted (R-INT-7, R-DEC-7).
    """

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="consultations")
    about = models.CharField(max_length=12, choices=ConsultationAbout.choices)
    consulted = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    consulted_at = models.DateTimeField("when you were consulted")
    advice = models.TextField("the advice you gave")
    recorded_at = models.DateTimeField()
    history = case_history()

    class Meta:
        ordering = ["contact", "-consulted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(advice=""),
                name="consultation_has_advice",
                violation_error_message="Record the advice you gave.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact}: {self.get_about_display()} ({self.consulted})"
