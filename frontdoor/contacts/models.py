"""Contacts about children: who called, when, how, about whom and why, and what was found out."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from frontdoor.audit.history import case_history
from frontdoor.core.models import TrackedModel, YesNoUnknown
from frontdoor.decisions.choices import Outcome
from frontdoor.people.models import Person


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    SCREENING = "screening", "Being screened"
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
    DECIDED = "decided", "Decided"
    CLOSED = "closed", "Closed"
    PASSED_ON = "passed_on", "Passed to allocated team"
    # R-ROUTE-1: someone in the receiving team has acknowledged a contact passed to it.
    TEAM_ACKNOWLEDGED = "team_acknowledged", "Acknowledged by the allocated team"


OPEN_STATUSES = (Status.RECEIVED, Status.SCREENING, Status.AWAITING_DECISION, Status.DECIDED)
UNDECIDED_STATUSES = (Status.RECEIVED, Status.SCREENING, Status.AWAITING_DECISION)
# R-ROUTE-1: a team's queue keeps a contact passed to the team until someone there acknowledges it.
TEAM_QUEUE_STATUSES = (*OPEN_STATUSES, Status.PASSED_ON)


class Among(models.Lookup):
    """`status__among=OPEN_STATUSES`: `IN` with the values written into the SQL rather than sent as
    parameters, for the model's own fixed choices only (never user input). SQLite uses a partial index
    (`condition=Q(status__in=OPEN_STATUSES)`) only when the query names the same values itself."""

    lookup_name = "among"
    prepare_rhs = False

    def as_sql(self, compiler, connection):  # Django's signature
        lhs, params = self.process_lhs(compiler, connection)
        choices = {str(value) for value, _ in Status.choices}
        values = [str(value) for value in self.rhs]
        if not values or not set(values) <= choices:
            raise ValueError("status__among takes statuses only")
        return f"{lhs} IN ({', '.join(repr(value) for value in values)})", params


# Contacts where a clock computed from receipt may still be open, or consent is still missing (indexed).
WRITTEN_FOLLOW_UP_OPEN = Q(written_follow_up_required=True, written_follow_up_received_at__isnull=True)
DASH_REQUEST_OPEN = Q(domestic_abuse=True, dash_attached=False, dash_requested_at__isnull=True)
CONSENT_MISSING = Q(consent_review_date__isnull=False) & ~Q(consent_status="obtained")


class Channel(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    ONLINE_FORM = "online_form", "Online referral form"
    POLICE_NOTIFICATION = "police_notification", "Police notification"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"


class ReferrerKind(models.TextChoices):
    PROFESSIONAL = "professional", "Professional"
    FAMILY_MEMBER = "family_member", "Family member"
    PUBLIC = "public", "Member of the public"
    ANONYMOUS = "anonymous", "Anonymous"
    CHILD = "child", "The child themself"


class DARisk(models.TextChoices):
    NONE = "", "Not assessed"
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class AgencyKind(models.TextChoices):
    """The kind of agency a professional referrer works for: the police among them (R-INT-5)."""

    NOT_RECORDED = "", "Not recorded"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "School, college or nursery"
    SOCIAL_CARE = "social_care", "Social care or early help"
    PROBATION = "probation", "Probation or youth justice"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary or community organisation"
    OTHER = "other", "Other"


class DARiskTool(models.TextChoices):
    """R-INT-5: which risk assessment gave the domestic-abuse risk level (002, 004)."""

    NONE = "", "None"
    POLICE = "police", "Police risk assessment (DASH)"
    CAADA_RIC = "caada_ric", "CAADA risk identification checklist"
    BARNARDOS = "barnardos", "Barnardo's domestic violence risk matrix"


# Each tool's possible results and the risk level each means. 002: "high risk as in the CAADA RIC,
# Scale 3 / 4 on the Barnardo's Risk assessment matrix"; 004: the police rate incidents high or medium.
DA_TOOL_RESULTS: dict[str, dict[str, str]] = {
    DARiskTool.POLICE: {"standard": "standard", "medium": "medium", "high": "high"},
    DARiskTool.CAADA_RIC: {"standard": "standard", "medium": "medium", "high": "high"},
    DARiskTool.BARNARDOS: {"1": "standard", "2": "medium", "3": "high", "4": "high"},
}
DA_RESULT_LABELS = {"standard": "Standard", "medium": "Medium", "high": "High", **{n: f"Scale {n}" for n in "1234"}}


class RecordHeldOn(models.TextChoices):
    """R-POL-1, R-POL-2: some local policies hold the record on the early-help database."""

    STATUTORY = "statutory", "Statutory record"
    EARLY_HELP = "early_help", "Early help record"


class PoliceContact(models.TextChoices):
    """R-DEC-6, R-POL-3: who in the police was told."""

    NOT_RECORDED = "", "Not recorded"
    POLICE = "police", "The police"
    SCHOOL_OFFICER = "school_officer", "The school's police officer"
    LOCAL_POLICE = "local_police", "The local police area"


class ConsentStatus(models.TextChoices):
    NOT_YET_SOUGHT = "not_yet_sought", "Not yet sought"
    OBTAINED = "obtained", "Obtained"
    REFUSED = "refused", "Refused"
    NOT_SOUGHT = "not_sought", "Not sought"
    DISPENSED_WITH = "dispensed_with", "Dispensed with"


class ConsentForm(models.TextChoices):
    NONE = "", "—"
    VERBAL = "verbal", "Verbal"
    WRITTEN = "written", "Written"


class ConsentGiver(models.TextChoices):
    """R-CON-2: consent is a parent's, or the child's from the profile's consent age (002 s4)."""

    NONE = "", "—"
    PARENT = "parent", "A parent or someone with parental responsibility"
    CHILD = "child", "The child"


class YoungParentOffer(models.TextChoices):
    NOT_APPLICABLE = "", "Not applicable"
    TO_OFFER = "to_offer", "Assessment to be offered"
    ACCEPTED = "accepted", "Accepted an assessment in their own right"
    DECLINED = "declined", "Declined an assessment"


class RequestedLevel(models.TextChoices):
    """The level of intervention the referrer asks for (003: the lowest level that meets the child's need)."""

    NONE = "", "Not stated"
    UNIVERSAL = "universal", "Universal services"
    EARLY_HELP = "early_help", "Early help"
    SECTION_17 = "s17", "Child in need assessment (section 17)"
    SECTION_47 = "s47", "Child protection enquiry (section 47)"


class Contact(TrackedModel):
    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    status.register_lookup(Among)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    # R-INT-1: who, when, how, about whom, why
    received_at = models.DateTimeField()
    channel = models.CharField(max_length=24, choices=Channel.choices)
    reason = models.TextField("reason for contact")
    child_words = models.TextField("the child's own words", blank=True)
    # R-REF-1 (003): what the referrer asks for, and any risk to staff visiting the family.
    requested_level = models.CharField(
        "level of intervention requested", max_length=12, choices=RequestedLevel.choices, blank=True
    )
    staff_risk = models.TextField("risks to staff visiting the family", blank=True)

    # R-INT-2, R-CON-8: the referrer
    referrer_kind = models.CharField(max_length=20, choices=ReferrerKind.choices)
    referrer_name = models.CharField(max_length=120, blank=True)
    referrer_agency = models.CharField(max_length=120, blank=True)
    referrer_agency_kind = models.CharField("kind of agency", max_length=20, choices=AgencyKind.choices, blank=True)
    referrer_role = models.CharField(max_length=120, blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_relationship = models.CharField("relationship to the child", max_length=200, blank=True)
    anonymity_requested = models.BooleanField(default=False)
    anonymity_warning_given = models.BooleanField(default=False)
    referrer_consents_to_disclosure = models.BooleanField(default=False)

    # R-INT-4: the four household questions
    hh_domestic_abuse = models.CharField(
        "domestic abuse", max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    hh_mental_illness = models.CharField(
        "mental illness", max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    hh_substance_misuse = models.CharField(
        "substance misuse", max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    hh_learning_difficulties = models.CharField(
        "learning difficulties", max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )

    # R-INT-5: domestic abuse
    domestic_abuse = models.BooleanField("domestic abuse contact", default=False)
    da_risk = models.CharField("domestic abuse risk level", max_length=10, choices=DARisk.choices, blank=True)
    da_risk_tool = models.CharField("risk assessment used", max_length=12, choices=DARiskTool.choices, blank=True)
    da_risk_result = models.CharField("risk assessment result", max_length=10, blank=True)
    dash_attached = models.BooleanField("DASH attached", default=False)
    dash_requested_at = models.DateTimeField(null=True, blank=True)

    # R-INT-6, R-INT-7, R-INT-8, R-DEC-6
    written_follow_up_required = models.BooleanField(default=False)
    written_follow_up_received_at = models.DateTimeField(null=True, blank=True)
    staff_related = models.BooleanField("about a member of staff or their family", default=False)
    parent_under_18 = models.BooleanField("a parent or carer is under 18", default=False)
    young_parent_offer = models.CharField(max_length=12, choices=YoungParentOffer.choices, blank=True)
    suspected_crime = models.BooleanField(default=False)
    police_notified_at = models.DateTimeField(null=True, blank=True)
    police_notified_to = models.CharField(max_length=16, choices=PoliceContact.choices, blank=True)
    # R-DEC-6: the reference the police gave, and the officer spoken to.
    police_reference = models.CharField("police reference", max_length=60, blank=True)
    police_officer = models.CharField("police officer", max_length=120, blank=True)

    # R-INT-3: information checklist, item key -> what was found out
    checklist = models.JSONField(default=dict, blank=True)

    # R-CON-1, R-CON-2, R-CON-3
    parents_aware = models.CharField(max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    parents_not_told_reason = models.TextField(blank=True)
    consent_status = models.CharField(
        max_length=20, choices=ConsentStatus.choices, default=ConsentStatus.NOT_YET_SOUGHT
    )
    consent_form = models.CharField(max_length=8, choices=ConsentForm.choices, blank=True)
    consent_given_by = models.CharField(max_length=120, blank=True)
    consent_given_by_kind = models.CharField(max_length=8, choices=ConsentGiver.choices, blank=True)
    consent_recorded_by = models.CharField(max_length=120, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_reason = models.TextField(blank=True)
    share_without_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    share_without_consent_at = models.DateTimeField(null=True, blank=True)
    share_without_consent_reason = models.TextField(blank=True)
    # R-CON-4: while consent is missing its need is revisited (002 s4 "not a one-time decision").
    consent_review_date = models.DateField("consent to be reviewed by", null=True, blank=True)

    # R-DEC-4: screening
    screening_nature = models.TextField("nature of the concern", blank=True)
    screening_how_why = models.TextField("how and why it arose", blank=True)
    screening_needs = models.TextField("the child's apparent needs", blank=True)
    screening_significant_harm = models.CharField(
        "involves significant harm", max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    screening_urgent_action = models.CharField(
        "urgent action needed for any child in the household",
        max_length=8,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    recommendation = models.CharField("recommended outcome", max_length=32, choices=Outcome.choices, blank=True)
    recommendation_reason = models.TextField(blank=True)
    # R-DEC-5: the first of two stages where the profile separates them (001 s3: an advanced
    # practitioner progresses a contact to a referral; s5: the area team manager authorises its outcome).
    progressed_to_referral_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    progressed_to_referral_at = models.DateTimeField(null=True, blank=True)
    policy_key = models.CharField("special circumstance", max_length=60, blank=True)
    # R-POL-1, R-POL-2: what the parents or carers said when the setting talked to them.
    parents_response = models.TextField("the parents' or carers' response", blank=True)
    record_held_on = models.CharField(
        "record held on", max_length=12, choices=RecordHeldOn.choices, default=RecordHeldOn.STATUTORY
    )

    # R-DEC-1: rating (initial, then confirmed by the manager)
    initial_rating = models.CharField(max_length=20, blank=True)
    initial_rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    initial_rated_at = models.DateTimeField(null=True, blank=True)
    rating = models.CharField(max_length=20, blank=True, db_index=True)

    # routing and ownership
    team_key = models.CharField("team", max_length=60, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_contacts"
    )
    passed_on_reason = models.TextField(blank=True)
    # R-ROUTE-1: a contact passed to an allocated team stays in that team's queue until acknowledged.
    team_acknowledged_at = models.DateTimeField(null=True, blank=True)
    team_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # R-TIME-1 deadlines; due_at is the earliest open one, kept for sorting the queues
    decision_due_at = models.DateTimeField()
    action_due_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)

    # 004's second clock (a referral's disposal); which clock due_at is; a reopened decision's clock
    # runs from the reopening (R-SIB-1)
    disposal_due_at = models.DateTimeField(null=True, blank=True)
    due_reason = models.CharField(max_length=120, blank=True)
    review_opened_at = models.DateTimeField(null=True, blank=True)

    # R-TIME-1: when an urgent contact not yet decided passes to the out-of-hours team
    out_of_hours_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # `out_of_hours_at` while the contact has not yet passed out of hours for it, None once it has (kept by
    # `refresh_deadlines` and the handover): the sweep reads only these, never the contacts already passed.
    out_of_hours_pending_at = models.DateTimeField(null=True, blank=True, editable=False)

    # 002: a raised rating (or an out-of-hours handover) alerts a manager at once
    alert_raised_at = models.DateTimeField(null=True, blank=True)
    alert_reason = models.TextField(blank=True)
    alert_acknowledged_at = models.DateTimeField(null=True, blank=True)
    alert_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # R-DEC-2: the referrer is acknowledged the same day
    acknowledgement_due_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_summary = models.TextField(blank=True)
    # What was still outstanding when the contact was closed, and why it was closed anyway.
    closed_with_outstanding = models.JSONField("outstanding when closed", default=list, blank=True)
    closed_anyway_reason = models.TextField("why it was closed with work outstanding", blank=True)
    history = case_history()

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            # The queues list open contacts by due time; this partial index lets them stop after
            # one page instead of sorting every open contact.
            models.Index(
                fields=["due_at", "id"], name="contact_open_queue_order", condition=Q(status__in=OPEN_STATUSES)
            ),
            # A manager's queues list the open alerts first, oldest first (contacts/selectors.AlertsFirst).
            models.Index(
                fields=["alert_raised_at", "id"],
                name="contact_open_alert_order",
                condition=Q(
                    status__in=OPEN_STATUSES, alert_raised_at__isnull=False, alert_acknowledged_at__isnull=True
                ),
            ),
            models.Index(fields=["team_key", "status", "due_at"]),
            # The manager's dashboard counts every open clock per team and status from this index alone, read
            # in its order (no sort of the open contacts), and lists the first of each clock by its own index,
            # which holds what the listing filters on (dashboard/sources.py).
            models.Index(
                fields=[
                    "team_key",
                    "status",
                    "decision_due_at",
                    "disposal_due_at",
                    "action_due_at",
                    "acknowledgement_due_at",
                    "acknowledged_at",
                    "referrer_kind",
                    "id",
                ],
                name="contact_open_clocks",
                condition=Q(status__in=OPEN_STATUSES),
            ),
            *(
                models.Index(
                    fields=[column, "reference", "status", "team_key", "acknowledged_at", "referrer_kind", "id"],
                    name=f"contact_open_{column.removesuffix('_due_at')}",
                    condition=Q(status__in=OPEN_STATUSES),
                )
                for column in ("decision_due_at", "disposal_due_at", "action_due_at", "acknowledgement_due_at")
            ),
            # The queues' counts (total, overdue, consent reviews due) read this index alone on both databases;
            # the team's queue (open contacts and those passed to the team) is read in its order by the second.
            models.Index(
                fields=[
                    "due_at",
                    "consent_review_date",
                    "consent_status",
                    "status",
                    "team_key",
                    "assigned_to",
                    "staff_related",
                    "created_by",
                    "alert_raised_at",
                    "alert_acknowledged_at",
                    "id",
                ],
                name="contact_open_queue_counts",
                condition=Q(status__in=OPEN_STATUSES),
            ),
            models.Index(
                fields=[
                    "team_key",
                    "due_at",
                    "id",
                    "status",
                    "consent_review_date",
                    "consent_status",
                    "assigned_to",
                    "staff_related",
                    "created_by",
                ],
                name="contact_team_queue_order",
                condition=Q(status__in=TEAM_QUEUE_STATUSES),
            ),
            # The retention review reads the contacts closed before a day, long ago (records/retention.py).
            models.Index(fields=["closed_at"], name="contact_closed_at"),
            # R-INT-7: the few contacts about a member of staff, which most users may not see.
            models.Index(fields=["id"], name="contact_staff_related", condition=Q(staff_related=True)),
            # The out-of-hours sweep reads the undecided contacts whose time to pass out of hours has come and
            # that have not passed for it (those already passed hold no pending time).
            models.Index(
                fields=["out_of_hours_pending_at"],
                name="contact_ooh_pending",
                condition=Q(status__in=UNDECIDED_STATUSES, out_of_hours_pending_at__isnull=False),
            ),
            # The dashboard counts the decided contacts whose referrer is owed the outcome by receipt time.
            models.Index(
                fields=["team_key", "received_at", "status", "referrer_kind", "decided_at", "id"],
                name="contact_decided_by_receipt",
                condition=Q(decided_at__isnull=False),
            ),
            # R-DEC-6: the open contacts whose police are still to be told of a suspected crime.
            models.Index(
                fields=["received_at"],
                name="contact_police_to_be_told",
                condition=Q(status__in=OPEN_STATUSES, suspected_crime=True, police_notified_at__isnull=True),
            ),
            # The few open contacts with a clock computed from receipt, or a review of consent.
            models.Index(
                fields=["id"],
                name="contact_follow_up_open",
                condition=Q(status__in=OPEN_STATUSES) & WRITTEN_FOLLOW_UP_OPEN,
            ),
            models.Index(
                fields=["id"], name="contact_dash_open", condition=Q(status__in=OPEN_STATUSES) & DASH_REQUEST_OPEN
            ),
            models.Index(
                fields=["consent_review_date"],
                name="contact_consent_review",
                condition=Q(status__in=OPEN_STATUSES) & CONSENT_MISSING,
            ),
            models.Index(fields=["assigned_to", "status", "due_at"]),
            models.Index(fields=["received_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymity_requested=False) | Q(anonymity_warning_given=True),
                name="contact_anonymity_warning_given",
                violation_error_message="Record that the referrer was told anonymity cannot be guaranteed.",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="contact_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def links(self) -> list["ContactPerson"]:
        """The people on the contact with their records (and addresses, and a young parent's own contact),
        read once for this object: a contact's page asks for them from several places."""
        if "people" not in getattr(self, "_prefetched_objects_cache", {}):
            people = ContactPerson.objects.select_related("person", "own_contact", "own_assessment_declined_by")
            models.prefetch_related_objects(
                [self], models.Prefetch("people", queryset=people.prefetch_related("person__addresses"))
            )
        return list(self.people.all())

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def referrer_is_professional(self) -> bool:
        return self.referrer_kind == ReferrerKind.PROFESSIONAL

    def clean(self) -> None:
        super().clean()
        results = DA_TOOL_RESULTS.get(self.da_risk_tool)
        if results is None and self.da_risk_result:
            raise ValidationError({"da_risk_tool": "Say which risk assessment gave this result."})
        if results is not None and self.da_risk_result not in results:
            allowed = ", ".join(DA_RESULT_LABELS[r].lower() for r in results)
            raise ValidationError({"da_risk_result": f"The result of this assessment is one of: {allowed}."})

    @property
    def from_police(self) -> bool:
        """A police notification, or any contact from a referrer recorded as working for the police."""
        return self.channel == Channel.POLICE_NOTIFICATION or self.referrer_agency_kind == AgencyKind.POLICE

    @property
    def dash_missing(self) -> bool:
        """R-INT-5: a referral from the police about domestic abuse needs a DASH attached, whatever the
        channel (002 s1: "Referrals from the Police concerning domestic abuse should also have a DASH")."""
        return self.domestic_abuse and self.from_police and not self.dash_attached

    @property
    def da_risk_result_display(self) -> str:
        return DA_RESULT_LABELS.get(self.da_risk_result, "")

    @property
    def held_on_early_help(self) -> bool:
        return self.record_held_on == RecordHeldOn.EARLY_HELP

    @property
    def acknowledgement_outstanding(self) -> bool:
        return self.acknowledged_at is None and self.referrer_kind != ReferrerKind.ANONYMOUS

    @property
    def written_follow_up_outstanding(self) -> bool:
        return self.written_follow_up_required and self.written_follow_up_received_at is None

    @property
    def alert_open(self) -> bool:
        return self.alert_raised_at is not None and self.alert_acknowledged_at is None

    @property
    def consent_obtained(self) -> bool:
        return self.consent_status == ConsentStatus.OBTAINED

    @property
    def may_discuss_with_other_agencies(self) -> bool:
        """R-CON-3: with consent, or with a manager's authorisation recorded with reasons (001 s1)."""
        return self.consent_obtained or self.share_without_consent_at is not None


class ContactPerson(models.Model):
    """A person a contact is about (subject children) or who features in it."""

    class Role(models.TextChoices):
        SUBJECT = "subject", "Child the contact is about"
        PARENT = "parent", "Parent or carer"
        HOUSEHOLD = "household", "Household member"
        ALLEGED_PERPETRATOR = "alleged_perpetrator", "Alleged perpetrator"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contact_links")
    role = models.CharField(max_length=24, choices=Role.choices, default=Role.SUBJECT)
    matched_existing = models.BooleanField("linked to an existing record", default=False)
    # R-INT-3: who holds parental responsibility, and how each adult is related to the children.
    parental_responsibility = models.BooleanField("holds parental responsibility", default=False)
    relationship = models.CharField("relationship to the child", max_length=120, blank=True)
    # R-INT-8 (002): a parent under 18 may be the subject of a referral in their own right; a refusal is recorded.
    own_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="young_parent_links"
    )
    own_assessment_declined_at = models.DateTimeField(null=True, blank=True)
    own_assessment_declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    own_assessment_declined_reason = models.TextField(blank=True)
    history = case_history()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "person", "role"], name="contact_person_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.contact} {self.role} {self.person}"

    @property
    def is_subject(self) -> bool:
        return self.role == self.Role.SUBJECT

    @property
    def is_young_parent(self) -> bool:
        """R-INT-8: a parent or carer under 18 when the contact was received."""
        if self.role != self.Role.PARENT:
            return False
        age = self.person.age_on(self.contact.received_at.date())
        return age is not None and age < 18


class ContactNote(TrackedModel):
    """R-REC-2: dated notes of who spoke to whom and why."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Note on {self.contact}"


class SharingDecision(TrackedModel):
    """R-CON-6, R-CON-7: every decision to share or not share information is documented."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="sharing_decisions")
    shared_with = models.CharField(max_length=200)
    destination_email = models.EmailField(blank=True)
    information = models.TextField()
    shared = models.BooleanField()
    reason = models.TextField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{'Shared' if self.shared else 'Not shared'} with {self.shared_with}"


class OutOfHoursHandover(models.Model):
    """R-TIME-1: an urgent contact passed to the out-of-hours team: who, when, what was passed, and
    what that team did."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="handovers")
    team = models.CharField(max_length=120)
    handed_over_at = models.DateTimeField()
    # Empty when Front Door passed it on by itself (the sweep), which is the usual case.
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    passed = models.TextField("what was passed")
    outcome = models.TextField("what the out-of-hours team did", blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = case_history()

    class Meta:
        ordering = ["-handed_over_at"]

    def __str__(self) -> str:
        return f"{self.contact} to {self.team}"


class AgencyCheck(TrackedModel):
    """R-ROUTE-3: agency checks requested from partners and answered within the rating's timescale.

    `agency` is a key of the profile's `check_agencies`. Asking is discussing the referral with
    another agency (001 s1), so each request is documented as a sharing decision (R-CON-6).
    """

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="agency_checks")
    agency = models.CharField(max_length=40)
    sharing = models.OneToOneField(
        SharingDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="agency_check"
    )
    question = models.TextField(blank=True)
    due_at = models.DateTimeField()
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = case_history()

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "agency"], name="agency_check_once_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_name} check for {self.contact}"

    @property
    def agency_name(self) -> str:
        from frontdoor.procedures.loader import get_profile

        try:
            return get_profile().check_agency(self.agency).name
        except LookupError:
            return self.agency
