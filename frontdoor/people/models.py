"""The person index: children (born and unborn) and adults, their names, addresses and relationships."""

import datetime
import functools

from django.db import models
from django.db.models import Q

from frontdoor.audit.history import case_history
from frontdoor.core.models import TrackedModel


class Sex(models.TextChoices):
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


@functools.lru_cache(maxsize=50_000)
def normalise_name(value: str) -> str:
    return " ".join(value.lower().replace("-", " ").replace("'", "").split())


@functools.lru_cache(maxsize=50_000)
def normalise_postcode(value: str) -> str:
    return "".join(value.upper().split())


class Person(TrackedModel):
    source_id = models.CharField("source system id", max_length=64, blank=True, db_index=True)
    given_names = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    given_names_norm = models.CharField(max_length=100, blank=True, editable=False)
    family_name_norm = models.CharField(max_length=100, editable=False)
    sex = models.CharField("sex", max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender = models.CharField("gender (as the person describes it)", max_length=60, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    is_unborn = models.BooleanField("unborn child", default=False)
    expected_delivery_date = models.DateField(null=True, blank=True)
    ethnicity = models.CharField(max_length=80, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    religion = models.CharField(max_length=60, blank=True)
    disability = models.CharField(max_length=200, blank=True)
    nationality = models.CharField(max_length=60, blank=True)
    immigration_status = models.CharField(max_length=100, blank=True)
    communication_needs = models.CharField(max_length=200, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    upn = models.CharField("unique pupil number", max_length=13, blank=True, db_index=True)
    school = models.CharField("school or nursery", max_length=200, blank=True)
    open_case = models.BooleanField(default=False)
    allocated_worker = models.CharField(max_length=120, blank=True)
    allocated_team_key = models.CharField("allocated team", max_length=60, blank=True)
    cp_plan = models.BooleanField("child protection plan", default=False)
    looked_after = models.BooleanField(default=False)
    restricted = models.BooleanField("record locked down", default=False)
    version = models.PositiveIntegerField(default=1)
    # Set when a manager merges this record into another; the record and its history are kept.
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from")
    # What scoring needs from related rows, kept on the row so a search reads one table (see keys.py).
    match_other_names = models.CharField(max_length=400, blank=True, editable=False)
    match_postcodes = models.CharField(max_length=200, blank=True, editable=False)
    history = case_history()

    class Meta:
        ordering = ["family_name", "given_names"]
        indexes = [
            models.Index(fields=["family_name_norm", "given_names_norm"]),
            models.Index(fields=["date_of_birth"]),
            # R-ACC-2: the few locked-down records, read by every list (frontdoor.access.policy)
            models.Index(fields=["id"], condition=Q(restricted=True), name="person_restricted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_unborn=False)
                | (Q(date_of_birth__isnull=True) & Q(expected_delivery_date__isnull=False)),
                name="person_unborn_has_edd_not_dob",
                violation_error_message="An unborn child has an expected date of delivery, not a date of birth.",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        if self.is_unborn and not self.given_names:
            return f"Unborn {self.family_name}".strip()
        return f"{self.given_names} {self.family_name}".strip()

    @property
    def described(self) -> str:
        """The name with the date of birth: how a page tells two records apart (never by an internal id)."""
        if self.is_unborn:
            due = f", due {self.expected_delivery_date:%-d %B %Y}" if self.expected_delivery_date else ""
            return f"{self.full_name} (unborn{due})"
        born = f"born {self.date_of_birth:%-d %B %Y}" if self.date_of_birth else "date of birth not known"
        return f"{self.full_name}, {born}"

    def age_on(self, day: datetime.date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def is_child_on(self, day: datetime.date) -> bool:
        age = self.age_on(day)
        return self.is_unborn or (age is not None and age < 18)


class PersonName(models.Model):
    """Other names a person has been known by (previous surnames, aliases, placeholders)."""

    class Kind(models.TextChoices):
        PREVIOUS = "previous", "Previous name"
        ALIAS = "alias", "Also known as"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PREVIOUS)
    given_names = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    family_name_norm = models.CharField(max_length=100, editable=False, db_index=True)

    def __str__(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


class Address(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line = models.CharField("address", max_length=300)
    postcode = models.CharField(max_length=10, blank=True)
    postcode_norm = models.CharField(max_length=8, blank=True, db_index=True, editable=False)
    is_current = models.BooleanField(default=True)
    moved_in = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-is_current", "-moved_in"]

    def __str__(self) -> str:
        return f"{self.line}, {self.postcode}".strip(", ")


class Relationship(models.Model):
    """A directed link: `person` is <kind> of/to `other`."""

    class Kind(models.TextChoices):
        PARENTAL_RESPONSIBILITY = "parental_responsibility", "Has parental responsibility for"
        PARENT = "parent", "Parent of"
        CARER = "carer", "Carer of"
        SIBLING = "sibling", "Sibling of"
        HOUSEHOLD_MEMBER = "household_member", "Lives in the same household as"
        ALLEGED_PERPETRATOR = "alleged_perpetrator", "Alleged perpetrator towards"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=40, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "other", "kind"], name="relationship_unique"),
            models.CheckConstraint(condition=~Q(person=models.F("other")), name="relationship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display().lower()} {self.other}"


class PersonKey(models.Model):
    """A blocking key of a person (see keys.py): the search looks keys up instead of scanning names."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=48)

    class Meta:
        indexes = [models.Index(fields=["key", "person"], name="personkey_key_person")]

    def __str__(self) -> str:
        return self.key


class PersonMerge(models.Model):
    """A manager's merge of a duplicate record into the one kept; `moved` lets it be undone exactly."""

    duplicate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_as_duplicate")
    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_as_kept")
    reason = models.TextField()
    merged_at = models.DateTimeField()
    merged_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    moved = models.JSONField(default=dict, help_text="The ids of the rows re-pointed, by table.")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-merged_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(duplicate=models.F("kept")), name="merge_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.duplicate} merged into {self.kept}"


class DistinctPair(models.Model):
    """Two records a worker confirmed are not the same person, so duplicate checks stop offering them."""

    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    confirmed_at = models.DateTimeField()
    confirmed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="distinct_pair_unique"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second")), name="distinct_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.first} is not {self.second}"


class MatchLabel(models.Model):
    """A judgement a person made about a search answer: what was typed, the record, and whether it is them.

    Every pick of a candidate for a person on a contact, every "none of these is this person" and every
    merge or confirmed difference is a labelled pair that `frontdoor people train` learns from."""

    class Source(models.TextChoices):
        PICKED = "picked", "Worker picked this record for the person on a contact"
        NOT_PICKED = "not_picked", "Worker recorded a new person despite this likely match"
        MERGED = "merged", "Manager merged the two records"
        MERGE_UNDONE = "merge_undone", "Manager undid a merge of the two records"
        DISTINCT = "distinct", "Worker confirmed the two records are different people"

    source = models.CharField(max_length=20, choices=Source.choices)
    same = models.BooleanField(help_text="True when the query and the record are the same person.")
    # What was typed (given_names, family_name, date_of_birth as ISO, postcode, nhs_number, sex, upn),
    # or the other record's details at the time for a pair of records.
    query = models.JSONField(default=dict)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["recorded_at"], name="matchlabel_recorded")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {'same' if self.same else 'different'}"


class MatchModel(models.Model):
    """A version of the person-matching model `frontdoor people train` estimated; searches use the newest."""

    version = models.PositiveIntegerField(unique=True)
    trained_at = models.DateTimeField()
    # The m and u probabilities per comparison level, the prior, term frequencies and thresholds.
    parameters = models.JSONField(default=dict)
    # What it was trained on: people, pairs sampled, labels used, EM iterations, a fingerprint of the data.
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"matching model {self.version}"
