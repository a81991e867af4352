"""The shape of an authority profile: every procedural difference between authorities, as data."""

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

RoleKey = Literal[
    "information_officer",
    "duty_social_worker",
    "advanced_practitioner",
    "team_manager",
    "head_of_service",
    "mash_partner",
    "business_support",
    "referrer",
    "performance_analyst",
    "system_admin",
]
OutcomeKey = Literal[
    "information_advice",
    "signposting",
    "nfa",
    "early_help",
    "cfa",
    "strategy_discussion",
    "immediate_protection",
    "passed_to_allocated_worker",
    "single_assessment_strategy",
    "mash_enquiries",
]
NeedKey = Literal["not_cin", "cin_moderate", "cin_high", "significant_harm", "immediate_protection"]
DAAction = Literal["strategy_meeting", "mash_enquiries", "manager_triage"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Duration(Strict):
    amount: int = Field(gt=0)
    unit: Literal["working_hours", "working_days", "hours"]

    def __str__(self) -> str:
        unit = self.unit.replace("_", " ")
        return f"{self.amount} {unit if self.amount != 1 else unit.rstrip('s')}"


class OutOfHours(Strict):
    """Who takes urgent work while the office is closed, and which ratings are urgent (R-TIME-1)."""

    team: str = Field(min_length=1)
    urgent_ratings: list[str] = Field(min_length=1)
    seed_ref: str


class Team(Strict):
    key: str
    name: str
    kind: Literal["duty", "mash", "early_help", "fieldwork", "looked_after", "health_disability", "local_unit"]
    postcode_areas: list[str] = []


class Rating(Strict):
    key: str
    label: str
    colour: Literal["blue", "green", "yellow", "orange", "red", "grey", "purple"]
    description: str
    safeguarding: bool
    action_within: Duration | None = None
    seed_ref: str


class DecisionOutcomes(Strict):
    """R-DEC-5: the outcomes the authority offers at each level of need.

    The defaults are the levels of R-DEC-5 (001 s5, 004). `open_case` lists outcomes offered at any
    level of need, only for a child with an open case (R-ROUTE-1: "passed to the allocated worker").
    """

    not_cin: list[OutcomeKey] = Field(default=["information_advice", "signposting", "nfa", "early_help"], min_length=1)
    cin_moderate: list[OutcomeKey] = Field(default=["cfa", "early_help", "signposting"], min_length=1)
    cin_high: list[OutcomeKey] = Field(default=["cfa"], min_length=1)
    significant_harm: list[OutcomeKey] = Field(default=["strategy_discussion"], min_length=1)
    immediate_protection: list[OutcomeKey] = Field(
        default=["immediate_protection", "strategy_discussion"], min_length=1
    )
    open_case: list[OutcomeKey] = []

    @model_validator(mode="after")
    def _allocated_worker_needs_open_case(self) -> "DecisionOutcomes":
        for level in ("not_cin", "cin_moderate", "cin_high", "significant_harm", "immediate_protection"):
            if "passed_to_allocated_worker" in getattr(self, level):
                raise ValueError(f"{level}: 'passed_to_allocated_worker' needs an open case; list it under open_case")
        return self

    def for_need(self, need_level: str, *, open_case: bool = False) -> frozenset[str]:
        """The outcomes allowed for this level of need (none for an unknown level)."""
        if need_level not in NeedKey.__args__:  # type: ignore[attr-defined]
            return frozenset()
        allowed = set(getattr(self, need_level))
        if open_case:
            allowed |= set(self.open_case)
        return frozenset(allowed)

    def offered(self, *, open_case: bool = True) -> list[str]:
        """Every outcome the authority offers, in the order the profile first lists them."""
        levels = [*NeedKey.__args__, *(["open_case"] if open_case else [])]  # type: ignore[attr-defined]
        return list(dict.fromkeys(o for level in levels for o in getattr(self, level)))


class Retention(Strict):
    """How long each kind of record is kept before it is listed for the information governance officer's
    review (a local choice: the seeds set no periods). Nothing is ever deleted by Front Door."""

    contact_years: int = Field(ge=1, le=100)  # a contact that went no further, from its closing
    referral_until_age: int = Field(ge=18, le=120)  # a referral, until its youngest child is this old
    consultation_years: int = Field(ge=1, le=100)  # a professional consultation, from when it was taken
    strategy_meeting_until_age: int = Field(ge=18, le=120)  # a strategy meeting, as for its referral
    audit_event_years: int = Field(ge=1, le=100)  # the audit log, month by month


class Authorisers(Strict):
    """Who may do what. A contact's threshold decision and a referral's initial outcome are two
    stages (001 s3 and s5): `threshold_decision` may decide a contact and progress it to a referral,
    `referral_outcome` authorises an outcome that makes it a referral (assessment, strategy
    discussion, immediate protection)."""

    threshold_decision: list[RoleKey] = Field(min_length=1)
    referral_outcome: list[RoleKey] = Field(min_length=1)
    share_without_consent: list[RoleKey] = Field(min_length=1)
    proceed_without_consent: list[RoleKey] = Field(min_length=1)
    checks_request: list[RoleKey] = Field(min_length=1)
    removal_consultee: list[RoleKey] = Field(min_length=1)


class ChecklistItem(Strict):
    key: str
    label: str
    seed_ref: str


class CheckAgency(Strict):
    """A partner agency the front door asks for agency checks (R-ROUTE-3); a partner user belongs to one."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)
    name: str


class Policy(Strict):
    key: str
    title: str
    applies_when: list[str] = Field(min_length=1)
    # None: the policy names no single outcome (a manager's triage chooses among several).
    recommended_outcome: OutcomeKey | None = None
    recommended_action: str
    record_on: Literal["statutory", "early_help"]
    # True: the police must be told before the decision; False: they are not told, and a suspected
    # crime does not block the decision (notify_police_reason says why); None: the general rule.
    notify_police: bool | None = None
    notify_police_reason: str = ""
    # Which part of the police is told, when the policy names one (004 sexting).
    police_contact: Literal["police", "school_officer", "local_police"] | None = None
    # The setting talks to the parents and their response must be recorded before the decision.
    parents_response_required: bool = False
    # The policy is for younger children only: every child on the contact must be under this age.
    children_under: int | None = Field(default=None, ge=1, le=18)
    # A previous contact under this policy about the same child: the outcome recommended instead,
    # and the record is then held on the statutory record.
    repeat_recommended_outcome: OutcomeKey | None = None
    seed_ref: str


class Profile(Strict):
    key: str
    display_name: str
    seed: str
    service_name: str
    bank_holiday_region: Literal["ENG", "SCT", "WLS", "NIR"]
    office_hours_start: datetime.time
    office_hours_end: datetime.time
    teams: list[Team] = Field(min_length=1)
    rating_scheme_name: str
    ratings: list[Rating] = Field(min_length=2)
    decision_deadline: Duration
    # 004 keeps a second clock: a referral's disposal within 1 working day of the initial contact.
    disposal_deadline: Duration | None = None
    acknowledgement_deadline: Duration
    written_follow_up_deadline: Duration | None = None
    dash_request_deadline: Duration | None = None
    out_of_hours: OutOfHours | None = None
    authorisers: Authorisers
    consent_age: int = Field(ge=12, le=18)
    # Ratings under which a manager may proceed without consent (002 s4: "only applicable in cases
    # rated Amber or Red"); an empty list means never.
    proceed_without_consent_ratings: list[str]
    # When missing consent is next reviewed, counted from receipt (local choice).
    consent_review_within: Duration
    # R-STRAT-1: strategy meeting minutes are due this long after the meeting (002 s6: within 24 hours).
    strategy_minutes_within: Duration
    feedback_non_professional: Literal["outcome_respecting_confidentiality", "none"]
    # R-FB-1, R-REF-2: the referrer is told the outcome within this time of the contact being received.
    outcome_feedback_deadline: Duration
    # R-ESC-1: each step of a referrer's challenge is answered within this time of being raised.
    challenge_step_response: Duration
    checks_allow_list: list[str]
    # R-TRF-1: the form another authority completes before a transfer in is recorded (002 s8: SOC 1233).
    transfer_in_form: str = Field(min_length=1, max_length=80)
    check_agencies: list[CheckAgency] = Field(min_length=1)
    secure_mail_domains: list[str] = Field(min_length=1)
    checklist: list[ChecklistItem] = Field(min_length=1)
    policies: list[Policy] = []
    da_high_risk_action: DAAction
    da_medium_risk_action: DAAction
    written_follow_up_required: bool
    pre_birth_direct_to_local_team: bool
    outcomes: DecisionOutcomes = DecisionOutcomes()
    retention: Retention

    @model_validator(mode="after")
    def _consistent(self) -> "Profile":
        if self.office_hours_end <= self.office_hours_start:
            raise ValueError("office_hours_end must be after office_hours_start")
        for name, items in (
            ("teams", self.teams),
            ("ratings", self.ratings),
            ("checklist", self.checklist),
            ("policies", self.policies),
            ("check_agencies", self.check_agencies),
        ):
            keys = [i.key for i in items]
            if len(keys) != len(set(keys)):
                raise ValueError(f"{name}: keys must be unique")
        if not any(t.kind in ("duty", "mash") for t in self.teams):
            raise ValueError("teams: one team must be of kind 'duty' or 'mash'")
        if not any(t.kind == "fieldwork" for t in self.teams):
            raise ValueError("teams: at least one fieldwork team is needed (R-ROUTE-2)")
        if self.out_of_hours:
            unknown = [k for k in self.out_of_hours.urgent_ratings if k not in keys_of(self.ratings)]
            if unknown:
                raise ValueError(
                    f"out_of_hours.urgent_ratings: no rating {', '.join(unknown)}; "
                    f"the ratings are {', '.join(keys_of(self.ratings))}"
                )
        check_rating_order(self.ratings, self.office_hours_start, self.office_hours_end)
        missing = sorted(set(self.proceed_without_consent_ratings) - {r.key for r in self.ratings})
        if missing:
            raise ValueError(f"proceed_without_consent_ratings: no such rating {', '.join(missing)}")
        return self

    def team(self, key: str) -> Team:
        for team in self.teams:
            if team.key == key:
                return team
        raise LookupError(f"No team {key!r} in profile {self.key!r}")

    def teams_of_kind(self, kind: str) -> list[Team]:
        return [t for t in self.teams if t.kind == kind]

    def duty_team(self) -> Team:
        return next(t for t in self.teams if t.kind in ("duty", "mash"))

    def fieldwork_team_for_postcode(self, postcode: str) -> Team | None:
        """R-ROUTE-2: the area fieldwork team for the family's address (longest matching prefix).

        None when the postcode is missing or no team covers it: the manager then chooses the team,
        and nothing is routed to a default team without anyone deciding it.
        """
        compact = "".join(postcode.upper().split())
        outward = compact[:-3] if len(compact) > 4 else compact
        best: tuple[int, Team] | None = None
        for team in self.teams_of_kind("fieldwork"):
            for prefix in team.postcode_areas:
                p = prefix.upper()
                matches = outward == p or (
                    outward.startswith(p) and (p[-1:].isalpha() and not outward[len(p) : len(p) + 1].isalpha())
                )
                if matches and (best is None or len(p) > best[0]):
                    best = (len(p), team)
        return best[1] if best else None

    def rating(self, key: str) -> Rating:
        for rating in self.ratings:
            if rating.key == key:
                return rating
        raise LookupError(f"No rating {key!r} in the {self.rating_scheme_name} scheme")

    def rating_choices(self) -> list[tuple[str, str]]:
        return [(r.key, f"{r.label}: {r.description}") for r in self.ratings]

    def check_agency(self, key: str) -> CheckAgency:
        for agency in self.check_agencies:
            if agency.key == key:
                return agency
        raise LookupError(f"No check agency {key!r} in profile {self.key!r}")

    def check_agency_choices(self) -> list[tuple[str, str]]:
        return [(a.key, a.name) for a in self.check_agencies]

    def policy(self, key: str) -> Policy:
        for policy in self.policies:
            if policy.key == key:
                return policy
        raise LookupError(f"No policy {key!r} in profile {self.key!r}")


def keys_of(items: list[Rating]) -> list[str]:
    return [i.key for i in items]


def _hours(duration: Duration, day: datetime.timedelta) -> datetime.timedelta:
    if duration.unit == "working_days":
        return day * duration.amount
    return datetime.timedelta(hours=duration.amount)


def _shortest_span(duration: Duration, day: datetime.timedelta) -> datetime.timedelta:
    """The least clock time a working-time duration can take: started at an opening, on consecutive
    working days, each weekday night adding (24 hours - the office day)."""
    work = _hours(duration, day)
    nights = -(-work // day) - 1
    return work + nights * (datetime.timedelta(days=1) - day)


def never_later(more: Duration | None, less: Duration | None, day: datetime.timedelta) -> bool:
    """Whether a clock of `more` is due no later than one of `less` for every arrival time."""
    if less is None:
        return True
    if more is None:
        return False
    more_clock, less_clock = more.unit == "hours", less.unit == "hours"
    if more_clock and less_clock:
        return more.amount <= less.amount
    if not more_clock and not less_clock:
        return _hours(more, day) <= _hours(less, day)
    if more_clock:
        return datetime.timedelta(hours=more.amount) <= _shortest_span(less, day)
    # Working time stops overnight, at weekends and on bank holidays: it can always outrun clock hours.
    return False


def check_rating_order(ratings: list[Rating], start: datetime.time, end: datetime.time) -> None:
    """Ratings are listed from the least to the most urgent. A more urgent rating is never due after
    a less urgent one received at the same moment (checked here for every arrival time at once)."""
    day = datetime.datetime.combine(datetime.date.min, end) - datetime.datetime.combine(datetime.date.min, start)
    for i, less in enumerate(ratings):
        for more in ratings[i + 1 :]:
            if not never_later(more.action_within, less.action_within, day):
                raise ValueError(
                    f"ratings: '{more.key}' is listed after '{less.key}', so it is more urgent, but "
                    f"'{more.key}' ({more.action_within or 'no clock'}) can fall due after "
                    f"'{less.key}' ({less.action_within}). List ratings from the least to the most urgent "
                    "and give each one a clock no later than the ones before it."
                )
