"""Lock-down of a person's record to named users, bars on named staff, and emergency access (R-ACC-2).

002 s2: "Where information is of a highly sensitive nature, the records may be 'locked down'. A manager
or relevant business support manager may request ACL ... to limit access to named individuals. This may
include preventing a member of staff from accessing their own child's record."

`Person.restricted` is the one bit that says a record is locked down (set by the case system's daily
status file or by `access_restrict`); a `Restriction` says who set it here, why, whom to ask and which
users are named. The rules that read these rows are in `frontdoor.access.policy`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Restriction(models.Model):
    """A person's record locked down to named users (R-ACC-2). At most one current restriction per person."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="restrictions")
    reason = models.TextField()
    # Whom to ask: shown (by name) to anyone who finds the record in a search, and told of emergency access.
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="restrictions_named", blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-set_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(lifted_at__isnull=True), name="restriction_one_current_per_person"
            )
        ]

    def __str__(self) -> str:
        return "Restriction of a record to named people"


class CaseSystemRestriction(models.Model):
    """The case-management system says this record is restricted (its daily status file or the import).

    Kept apart from `Person.restricted`, which says the record is locked down here for either reason: the
    case system's file lifting its restriction never opens a record a manager locked down here, and a
    manager here cannot lift what the case system still restricts (they are told to lift it there).
    """

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="case_system_restriction"
    )
    since = models.DateTimeField()

    def __str__(self) -> str:
        return "A record restricted by the case-management system"


class Bar(models.Model):
    """A member of staff barred from one person's record (002 s2: "their own child's record"). A bar
    overrides everything: a named user, emergency access, a superuser."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="bars")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_bars")
    reason = models.TextField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-set_at"]
        indexes = [models.Index(fields=["user", "person"], name="access_bar_user_person")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "user"], condition=Q(lifted_at__isnull=True), name="bar_one_current_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} barred from a record"


class BreakGlass(models.Model):
    """Emergency access to a restricted record: a reason, a time limit, the record's manager told."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass")
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "expires_at"], name="access_breakglass_user")]

    def __str__(self) -> str:
        # Shown beside an email held back (frontdoor.outbox): never the child's name.
        return "Emergency access to a restricted record"


class LockDownRequest(models.Model):
    """002 s2: "A manager or relevant business support manager may request 'ACL' ... to limit access to named
    individuals. This may include preventing a member of staff from accessing their own child's record."

    A request to lock a person's record down (whom to name) and to bar staff (whom to bar), with why. Those
    who may lock records down (`Can.MANAGE_ACCESS`) apply it or decline it with a reason; the requester is
    told the outcome. Never decided by whoever asked.

    A requester who may not open the record (or cannot find it) describes the person instead (`described_*`):
    the manager who applies it finds and chooses the record; the requester is told only that it was dealt
    with, never whether a record matched (docs/ACCESS.md).

    A described request for a child with no record yet is kept (`WAITING`): every path that creates a record
    checks it against the waiting requests (`frontdoor.access.services.waiting`), applies it on a likely match, and
    tells the manager who kept it (ADR 0016)."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a decision"
        WAITING = "waiting", "Waiting for a record"
        APPLIED = "applied", "Applied"
        DECLINED = "declined", "Declined"
        CLOSED = "closed", "Closed without a record"

    # None while the request only describes the person (asked by someone who may not open, or cannot find,
    # their record): the manager who applies it chooses the record the description matches.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="lock_down_requests"
    )
    described_given_names = models.CharField(max_length=100, blank=True)
    described_family_name = models.CharField(max_length=100, blank=True)
    described_date_of_birth = models.DateField(null=True, blank=True)
    described_details = models.TextField(blank=True)  # anything else the requester knows: address, school, parents
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    reason = models.TextField()
    restrict = models.BooleanField(default=False)  # lock the record down to named people
    named_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    barred_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    # A waiting request applied when a record matching it was created: when, and to be confirmed (or its bars
    # and restriction lifted) by the manager told. `decided_by`/`decided_at` stay those of keeping it waiting,
    # which is all the requester is shown ("Dealt with").
    found_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # A waiting request closed by a manager (no record is expected, or it was dealt with another way).
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["status", "requested_at"], name="access_lockdownreq_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(described_family_name=""),
                name="lockdownreq_a_record_or_a_description",
            ),
            # Only a request that describes the person waits for a record; one about a record has it.
            models.CheckConstraint(
                condition=~Q(status="waiting") | (Q(person__isnull=True) & ~Q(described_family_name="")),
                name="lockdownreq_only_a_description_waits",
            ),
        ]

    def __str__(self) -> str:
        # Shown beside an email held back (frontdoor.outbox): never the child's name.
        return f"Lock-down request {self.pk}"

    @property
    def described(self) -> bool:
        """The request names the person by a description, not by a record the requester opened."""
        return bool(self.described_family_name)

    @property
    def to_confirm(self) -> bool:
        """Applied to a record created after it was kept waiting, and not yet confirmed by a manager."""
        return self.status == self.Status.APPLIED and self.found_at is not None and self.confirmed_at is None

    @property
    def described_name(self) -> str:
        return " ".join(filter(None, [self.described_given_names, self.described_family_name]))
