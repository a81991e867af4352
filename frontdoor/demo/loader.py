"""Synthetic demo data (Faker en_GB, seeded): staff in several roles, families in the person index,
and contacts that read like a real Monday morning at the front door.

Every contact is recorded and moved through the real services, each step replayed at the moment it
happened (a simulated clock, before the moment the demo is loaded): the history reads in order and
nothing is in the future. Each contact's arrival is chosen so that most open work is in time, some
is due within the hour and a few are overdue. The stories (`stories.py`) keep the fields in
agreement: who referred, why, the rating, the level of need and the outcome."""

import datetime
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import time_machine
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import transaction
from django.utils import timezone
from faker import Faker

from frontdoor.accounts.models import Role, User
from frontdoor.contacts import services as cs
from frontdoor.contacts.alerts import contact_alert_acknowledge
from frontdoor.contacts.deadlines import office_open, refresh_deadlines
from frontdoor.contacts.guidance import da_guidance
from frontdoor.contacts.models import AgencyCheck, Channel, ConsentStatus, Contact, ReferrerKind, Status
from frontdoor.decisions import services as ds
from frontdoor.decisions.choices import NO_CONSENT_OUTCOMES, REFERRAL_OUTCOMES, Outcome
from frontdoor.decisions.routing import open_case_routings
from frontdoor.people.keys import people_reindex
from frontdoor.people.models import Address, Person, PersonName, Relationship, normalise_name, normalise_postcode
from frontdoor.procedures.loader import get_profile

from . import audit_views, followup, matching, registers
from .access import load_lock_down
from .governance import load_governance
from .stories import CLOSING, RESTRICTED_STORY, SCHOOL_NAMES, STORIES, Story
from .strategy import load_strategy_meetings

DEMO_PASSWORD = "frontdoor-demo-2026"  # noqa: S105 - printed for the demo; synthetic data only
# Colleagues of the role logins in the duty team (same password): several workers share the queues.
COLLEAGUES = {
    Role.INFORMATION_OFFICER: 1,
    Role.DUTY_SOCIAL_WORKER: 3,
    Role.ADVANCED_PRACTITIONER: 1,
    Role.TEAM_MANAGER: 1,
}
# Where open contacts stand, in a cycle long enough to hold every state; closed work is the history.
STATES = (
    ["received"] * 4
    + ["screening"] * 5
    + ["awaiting_decision"] * 3
    + ["decided"] * 2
    + ["closed"] * 6
    + ["passed_on", "team_acknowledged"]
)
# How long ago a contact in each state was received at least (its steps take time).
MIN_AGE = {
    "received": 6,
    "screening": 20,
    "awaiting_decision": 35,
    "decided": 50,
    "closed": 60 * 20,
    "passed_on": 30,
    "team_acknowledged": 90,
}
# How long each state's steps take from receipt, at most (the replay spreads them over this span).
SPAN = {
    "received": 20,
    "screening": 150,
    "awaiting_decision": 300,
    "decided": 420,
    "closed": 60 * 30,
    "passed_on": 40,
    "team_acknowledged": 120,
}


@dataclass
class Staff:
    """The users the demo works with: the role logins, their colleagues and the partner agencies."""

    roles: dict[str, User]
    by_role: dict[str, list[User]]
    partners: dict[str, User]

    def pick(self, role: str, rng: random.Random) -> User:
        return rng.choice(self.by_role[role])


@dataclass
class Loaded:
    people: int
    contacts: int
    already: bool
    staff: Staff | None = None


def _user(username: str, first: str, last: str, hashed: str, role: str, **extra: str) -> User:
    user = User.objects.filter(username=username).first() or User.objects.create(
        username=username, first_name=first, last_name=last, password=hashed, **extra
    )
    if not user.email and extra.get("email"):
        user.email = extra["email"]
        user.save(update_fields=["email"])
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


# R-CON-7: demo staff and partners have addresses in the profile's secure domains, so their emails are sent.
PARTNER_MAIL_DOMAINS = {"police": "pnn.police.uk", "health": "nhs.net"}


def demo_email(username: str, agency: str = "") -> str:
    domains = get_profile().secure_mail_domains
    council = [d for d in domains if d.endswith(".gov.uk") and not d.startswith("gcsx.")]
    domain = PARTNER_MAIL_DOMAINS.get(agency, "")
    if domain not in domains:
        domain = council[0] if council else domains[0]
    return f"{username.replace('_', '.').replace('-', '.')}@{domain}"


def ensure_users() -> dict[str, User]:
    """One user per role, username = the role's value, all with DEMO_PASSWORD."""
    return ensure_staff().roles


def ensure_staff() -> Staff:
    """The role logins, colleagues in the duty team and a partner for each agency that answers
    checks (`mash_partner` is the police), all with DEMO_PASSWORD."""
    profile = get_profile()
    # Argon2 is deliberately slow: hash once and reuse the hash string for every demo user.
    hashed = make_password(DEMO_PASSWORD)
    team = profile.duty_team().key
    fake = Faker("en_GB")
    fake.seed_instance(1)
    roles: dict[str, User] = {}
    for role in Role:
        first, last = fake.first_name(), fake.last_name()
        police = "police" if role == Role.MASH_PARTNER else ""
        roles[role.value] = _user(
            role.value, first, last, hashed, role.value, team_key=team, agency=police, email=demo_email(role, police)
        )
    by_role: dict[str, list[User]] = {role: [user] for role, user in roles.items()}
    for role, count in COLLEAGUES.items():
        for _ in range(count):
            first, last = fake.first_name(), fake.last_name()
            username = f"{first}.{last}".lower().replace("'", "")
            by_role[role].append(_user(username, first, last, hashed, role, team_key=team, email=demo_email(username)))
    partners = {"police": roles[Role.MASH_PARTNER]}
    for agency in profile.check_agencies:
        if agency.key not in partners:
            first, last = fake.first_name(), fake.last_name()
            username = f"mash_partner_{agency.key}"
            partners[agency.key] = _user(
                username, first, last, hashed, Role.MASH_PARTNER, team_key=team, agency=agency.key,
                email=demo_email(username, agency.key),
            )
    # R-ROUTE-1: the looked-after team's worker has an account from the start, so contacts passed to them
    # are emailed (frontdoor.outbox) and the demo leaves emails waiting for `frontdoor worker`.
    team_worker(profile.teams_of_kind("looked_after")[0].key)
    return Staff(roles, by_role, partners)


def team_worker(team_key: str) -> User:
    """A worker of an allocated team, made for the demo (no password: they are told, they do not sign in)."""
    username = f"{team_key}-worker"
    email = demo_email(username)
    return _user(username, "Team", "Worker", "!", Role.DUTY_SOCIAL_WORKER, team_key=team_key, email=email)


def _postcode(fake: Faker, rng: random.Random) -> str:
    areas = [a for t in get_profile().teams_of_kind("fieldwork") for a in t.postcode_areas] or ["AB1"]
    area = rng.choice(areas)
    if area[-1].isalpha():
        area += str(rng.randint(1, 9))
    return f"{area} {rng.randint(1, 9)}{fake.random_uppercase_letter()}{fake.random_uppercase_letter()}"


def _person(fake: Faker, rng: random.Random, family: str, *, child: bool, today: datetime.date, **extra) -> Person:  # noqa: ANN003
    sex = rng.choice("MF")
    given = fake.first_name_male() if sex == "M" else fake.first_name_female()
    age = rng.randint(0, 17) if child else rng.randint(19, 55)
    dob = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    values = {
        "given_names": given,
        "family_name": family,
        "sex": sex,
        "date_of_birth": dob,
        "ethnicity": rng.choice(["White British", "Asian British", "Black British", "Mixed", "White other"]),
        "first_language": rng.choice(["English"] * 6 + ["Polish", "Urdu", "Romanian"]),
    }
    values.update(extra)
    return Person(
        **values, given_names_norm=normalise_name(values["given_names"]), family_name_norm=normalise_name(family)
    )


def load_people(n_people: int, seed: int = 2026) -> list[list[Person]]:
    """Families: one or two adults and one to four children (some twins, some unborn)."""
    fake, rng = Faker("en_GB"), random.Random(seed)
    fake.seed_instance(seed)
    profile, today = get_profile(), timezone.localdate()
    allocatable = [t.key for t in profile.teams if t.kind in ("fieldwork", "looked_after", "health_disability")]
    families, people, count = [], [], 0
    while count < n_people:
        family = fake.last_name()
        members = [_person(fake, rng, family, child=False, today=today)]
        if rng.random() < 0.6:
            members.append(
                _person(fake, rng, family if rng.random() < 0.7 else fake.last_name(), child=False, today=today)
            )
        kids = [_person(fake, rng, family, child=True, today=today) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.05:  # twins share a date of birth
            twin = _person(fake, rng, family, child=True, today=today, date_of_birth=kids[0].date_of_birth)
            kids.append(twin)
        if rng.random() < 0.03:
            edd = today + datetime.timedelta(days=rng.randint(20, 200))
            kids.append(
                Person(
                    given_names="",
                    family_name=family,
                    family_name_norm=normalise_name(family),
                    is_unborn=True,
                    expected_delivery_date=edd,
                )
            )
        for kid in kids:
            if rng.random() < 0.08:
                kid.open_case, kid.allocated_team_key = True, rng.choice(allocatable)
                kid.allocated_worker = fake.name()
                kid.cp_plan = rng.random() < 0.3
                kid.looked_after = kid.allocated_team_key in profile_team_keys("looked_after")
        families.append(members + kids)
        people.extend(members + kids)
        count += len(members) + len(kids)
    Person.objects.bulk_create(people, batch_size=5000)
    _link_families(fake, rng, families)
    people_reindex(person_ids=[p.pk for p in people])
    return families


def profile_team_keys(kind: str) -> set[str]:
    return {t.key for t in get_profile().teams_of_kind(kind)}


def _link_families(fake: Faker, rng: random.Random, families: list[list[Person]]) -> None:
    addresses, names, links = [], [], []
    for members in families:
        postcode, line = _postcode(fake, rng), fake.street_address().replace("\n", ", ")
        adults = [p for p in members if not p.is_child_on(timezone.localdate())]
        kids = [p for p in members if p not in adults]
        for person in members:
            addresses.append(
                Address(person=person, line=line, postcode=postcode, postcode_norm=normalise_postcode(postcode))
            )
        for adult in adults:
            if adult.sex == "F" and rng.random() < 0.3:
                maiden = fake.last_name()
                names.append(PersonName(person=adult, family_name=maiden, family_name_norm=normalise_name(maiden)))
            for kid in kids:
                links.append(Relationship(person=adult, other=kid, kind=Relationship.Kind.PARENTAL_RESPONSIBILITY))
                if adult.family_name == kid.family_name:
                    links.append(Relationship(person=adult, other=kid, kind=Relationship.Kind.PARENT))
                else:  # a step-parent or partner: lives with the child
                    links.append(Relationship(person=adult, other=kid, kind=Relationship.Kind.HOUSEHOLD_MEMBER))
        for a in adults:
            links.extend(
                Relationship(person=a, other=b, kind=Relationship.Kind.HOUSEHOLD_MEMBER) for b in adults if a is not b
            )
        for a in kids:
            links.extend(Relationship(person=a, other=b, kind=Relationship.Kind.SIBLING) for b in kids if a is not b)
    Address.objects.bulk_create(addresses, batch_size=5000)
    PersonName.objects.bulk_create(names, batch_size=5000)
    Relationship.objects.bulk_create(links, batch_size=5000)


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    """Run a service as if at `moment` (every timezone.now() inside it, so its audit event too)."""
    with time_machine.travel(moment, tick=False):
        yield


CHECK_ANSWERS = {
    "police": "Two earlier domestic incidents at the address in the last year, both assessed as standard risk.",
    "health": "Registered with the GP; immunisations up to date; one missed hospital appointment this year.",
    "education": "Attendance 91% this year; no earlier safeguarding concerns recorded by the school.",
    "probation": "Not known to probation.",
    "housing": "Council tenancy in the mother's name; eight weeks' rent arrears.",
}
REQUESTED_LEVEL = {0: "universal", 1: "early_help", 2: "s17", 3: "s47"}


@dataclass
class Plan:
    """One contact's story, who it is about, where it stands now and when it arrived."""

    story: Story
    state: str
    children: list[Person]
    adults: list[Person]
    rating: str
    need: str
    outcome: str
    fields: dict[str, Any]
    checks: list[str] = field(default_factory=list)
    outstanding: set[str] = field(default_factory=set)
    received: datetime.datetime | None = None

    @property
    def undecided(self) -> bool:
        return self.state in ("received", "screening", "awaiting_decision")


def _school(age: int, rng: random.Random) -> str:
    kind = "Nursery" if age < 4 else "Primary School" if age < 11 else rng.choice(["Academy", "High School"])
    return f"{rng.choice(SCHOOL_NAMES)} {kind}"


def _agency_name(key: str, fallback: str) -> str:
    try:
        return get_profile().check_agency(key).name
    except LookupError:
        return fallback


def _referrer(story: Story, child: Person, fake: Faker, rng: random.Random, today: datetime.date) -> dict[str, object]:
    """Who referred, in agreement with the story: a school through its safeguarding lead or a teacher,
    the police through an officer, a relative or neighbour by name and relationship."""
    role = rng.choice(story.roles)
    if story.referrer_kind == ReferrerKind.ANONYMOUS:
        return {"referrer_kind": story.referrer_kind}
    if story.referrer_kind != ReferrerKind.PROFESSIONAL:
        return {"referrer_kind": story.referrer_kind, "referrer_name": fake.name(), "referrer_relationship": role}
    agency = {
        "education": _school(child.age_on(today) or 5, rng),
        "police": _agency_name("police", "Police"),
        "probation": "Probation Service",
        "housing": "District council housing team",
    }.get(story.agency_kind, "")
    if story.agency_kind == "health":
        agency = f"{rng.choice(SCHOOL_NAMES)} Surgery" if role == "GP" else _agency_name("health", "NHS")
    if role == "Head of year" and not str(agency).endswith(("Academy", "High School")):
        role = "Designated safeguarding lead"
    name = fake.name()
    return {
        "referrer_kind": story.referrer_kind,
        "referrer_name": f"Dr {name.split()[-1]}" if role == "GP" else name,
        "referrer_agency": agency,
        "referrer_agency_kind": story.agency_kind,
        "referrer_role": role,
        "referrer_phone": f"01{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
    }


def _decision_for(story: Story) -> tuple[str, str]:
    """The level of need and the outcome the manager decides: what the domestic-abuse risk calls for
    (R-INT-5) if the profile names one, else the story's first outcome the profile allows (R-DEC-5)."""
    from frontdoor.contacts.guidance import DA_ACTION_OUTCOME
    from frontdoor.decisions.choices import allowed_outcomes

    profile = get_profile()
    preferred = list(story.outcomes)
    if story.domestic_abuse in ("high", "medium"):
        action = profile.da_high_risk_action if story.domestic_abuse == "high" else profile.da_medium_risk_action
        recommended = DA_ACTION_OUTCOME[action]
        if recommended:
            preferred.insert(0, recommended)
    if not story.consent and not profile.ratings[story.level].safeguarding:
        preferred = [o for o in preferred if o in NO_CONSENT_OUTCOMES] or [Outcome.NFA]
    for outcome in preferred:
        for need in story.needs:
            if outcome in allowed_outcomes(need):
                return need, outcome
    need = story.needs[0]
    return need, sorted(allowed_outcomes(need) - {Outcome.PASSED_TO_ALLOCATED_WORKER})[0]


def _family(story: Story, families: list[list[Person]], rng: random.Random, today: datetime.date) -> list[Person]:
    for _ in range(80):
        members = rng.choice(families)
        if any(_fits(p, story, today) for p in members):
            return members
    return rng.choice(families)


def _fits(person: Person, story: Story, today: datetime.date) -> bool:
    age = person.age_on(today)
    return not person.is_unborn and age is not None and story.ages[0] <= age <= story.ages[1]


def _plan(story: Story, state: str, members: list[Person], fake: Faker, rng: random.Random) -> Plan:
    today = timezone.localdate()
    born = [p for p in members if not p.is_unborn and p.is_child_on(today)]
    first = next((p for p in born if _fits(p, story, today)), born[0] if born else members[0])
    siblings = [p for p in born if p is not first]
    children = [first] + (siblings[:1] if siblings and rng.random() < 0.3 else [])
    adults = [p for p in members if not p.is_child_on(today)][:1]
    need, outcome = _decision_for(story)
    them = {"M": "him", "F": "her"}.get(first.sex, "them")
    fields: dict[str, Any] = {
        "channel": rng.choice(story.channels),
        "reason": rng.choice(story.reasons).format(name=first.given_names or "the baby", them=them),
        "requested_level": REQUESTED_LEVEL[story.level] if story.referrer_kind == ReferrerKind.PROFESSIONAL else "",
        "initial_rating": get_profile().ratings[story.level].key,
        "staff_related": story.staff_related,
        **_referrer(story, first, fake, rng, today),
    }
    if story.consent:
        fields.update(
            consent_status=ConsentStatus.OBTAINED, consent_given_by=adults[0].full_name if adults else "Mother"
        )
    if story.domestic_abuse:
        fields.update(
            domestic_abuse=True,
            da_risk_tool="police",
            da_risk_result=story.domestic_abuse,
            dash_attached=story.domestic_abuse != "standard" or rng.random() < 0.5,
            hh_domestic_abuse="yes",
        )
    rating = str(fields["initial_rating"])
    return Plan(story, state, children, adults, rating, need, outcome, fields)


def _planned_due(plan: Plan, received: datetime.datetime) -> datetime.datetime | None:
    """The earliest open clock the contact will have once replayed, for a given arrival time: the
    same clocks the queues show (refresh_deadlines), on an unsaved copy."""
    profile = get_profile()
    status = {"closed": Status.CLOSED, "passed_on": Status.PASSED_ON, "team_acknowledged": Status.PASSED_ON}
    copy = Contact(
        received_at=received,
        status=status.get(plan.state, plan.state),
        rating=plan.rating if plan.state in ("decided", "closed") else "",
        **{k: v for k, v in plan.fields.items() if k in _CLOCK_FIELDS},
    )
    copy.written_follow_up_required = bool(
        profile.written_follow_up_required
        and copy.referrer_kind == ReferrerKind.PROFESSIONAL
        and copy.channel == Channel.PHONE
    )
    if plan.state != "received":
        copy.acknowledged_at = copy.dash_requested_at = received
    if plan.state in ("awaiting_decision", "decided"):
        copy.written_follow_up_received_at = received
    refresh_deadlines(copy)
    due = copy.due_at
    if plan.outstanding and copy.is_open:
        check_due = copy.action_due_at or copy.disposal_due_at or copy.decision_due_at
        due = min(due, check_due) if due else check_due
    return due


_CLOCK_FIELDS = {
    "initial_rating",
    "referrer_kind",
    "channel",
    "domestic_abuse",
    "dash_attached",
    "referrer_agency_kind",
}
BUCKETS = {
    # (the target for the earliest clock, and whether a due time is acceptable), relative to now
    "hour": (lambda rng: datetime.timedelta(minutes=rng.randint(8, 52)), lambda d: 0 < d.total_seconds() <= 3600),
    "overdue": (lambda rng: -datetime.timedelta(minutes=rng.randint(10, 240)), lambda d: d.total_seconds() < 0),
    "in_time": (
        lambda rng: datetime.timedelta(minutes=rng.randint(75, 60 * 30)),
        lambda d: d.total_seconds() > 3600,
    ),
}


def _arrival(plan: Plan, bucket: str, now: datetime.datetime, rng: random.Random) -> datetime.datetime:
    """When the contact arrived, chosen so its earliest open clock falls in `bucket`."""
    latest = now - datetime.timedelta(minutes=MIN_AGE[plan.state] + rng.randint(0, 15))
    if plan.state in ("closed", "passed_on", "team_acknowledged"):
        back = 60 * 24 * 9 if plan.state == "closed" else 60 * 26
        return latest - datetime.timedelta(minutes=rng.randint(0, back))
    target, accept = BUCKETS[bucket]
    candidate = latest - datetime.timedelta(minutes=rng.randint(0, 60 * 8))
    due = _planned_due(plan, candidate)
    if due is None or accept(due - now):
        return candidate
    for _ in range(4):
        moment = now + target(rng)
        lo, hi = now - datetime.timedelta(days=12), latest
        if (due := _planned_due(plan, hi)) is not None and due <= moment:
            lo = hi
        for _ in range(22):  # the latest arrival whose earliest clock is due by `moment`
            mid = lo + (hi - lo) / 2
            due = _planned_due(plan, mid)
            lo, hi = (mid, hi) if due is not None and due <= moment else (lo, mid)
        due = _planned_due(plan, lo)
        if due is not None and accept(due - now):
            return lo
    return latest


Step = tuple[str, Callable[[Contact], object]]


def _screening_fields(plan: Plan) -> dict[str, object]:
    story = plan.story
    harm = plan.need in ("significant_harm", "immediate_protection")
    return {
        "screening_nature": story.nature,
        "screening_how_why": str(plan.fields["reason"]),
        "screening_needs": "To be confirmed with the family and the agencies checked.",
        "screening_significant_harm": "yes" if harm else "no",
        "screening_urgent_action": "yes" if story.level == 3 else "no",
        "parents_aware": "unknown" if story.referrer_kind == ReferrerKind.ANONYMOUS else "yes",
    }


def _decide(contact: Contact, plan: Plan, staff: Staff, manager: User) -> None:
    outcome = Outcome(plan.outcome)
    da = da_guidance(contact)
    referral = outcome in REFERRAL_OUTCOMES
    ds.decision_authorise(
        contact=contact,
        manager=manager,
        rating=plan.rating,
        children=[
            ds.ChildDecision(
                person_id=p.person_id,
                opened=True,
                need_level=plan.need,
                outcome=plan.outcome,
                consultee_id=staff.roles["head_of_service"].pk if contact.staff_related and referral else None,
            )
            for p in contact.people.filter(role="subject")
        ],
        rationale=f"{plan.story.nature} Decision: {outcome.label.lower()}, as the screening and the checks show.",
        version=contact.version,
        consent_reason=""
        if contact.consent_obtained or not referral
        else "The risk to the children means it is right to act now without the parents' consent.",
        policy_override_reason="The checks change the picture: see the rationale."
        if da is not None and da.outcome and da.outcome != plan.outcome
        else "",
        team_key=get_profile().teams_of_kind("fieldwork")[0].key,
    )


def _steps(plan: Plan, staff: Staff, rng: random.Random) -> list[Step]:  # noqa: C901 - one story, step by step
    """The services that bring a recorded contact to where the plan says it is now, in order."""
    state, story = plan.state, plan.story
    worker, manager = staff.pick(Role.DUTY_SOCIAL_WORKER, rng), staff.pick(Role.TEAM_MANAGER, rng)
    officer = staff.pick(Role.INFORMATION_OFFICER, rng)
    if state in ("passed_on", "team_acknowledged"):
        return [("pass on", lambda c: _pass_on(c, state, officer))]
    if state == "received":
        return (
            [("assign", lambda c: cs.contact_assign(contact=c, by=manager, assignee=worker))]
            if rng.random() < 0.4
            else []
        )
    steps: list[Step] = []
    safeguarding = get_profile().ratings[story.level].safeguarding
    if safeguarding and state in ("screening", "awaiting_decision"):
        steps.append(("alert seen", lambda c: contact_alert_acknowledge(contact=c, manager=manager)))
    steps.append(("screening", lambda c: cs.contact_start_screening(contact=c, by=worker)))
    if story.referrer_kind != ReferrerKind.ANONYMOUS:
        steps.append(("acknowledged", lambda c: cs.contact_acknowledge(contact=c, by=officer)))
    if plan.fields.get("domestic_abuse") and not plan.fields.get("dash_attached"):
        steps.append(("dash", lambda c: cs.contact_request_dash(contact=c, by=officer)))
    steps.append(
        ("screened", lambda c: cs.contact_update(contact=c, by=worker, version=c.version, **_screening_fields(plan)))
    )
    if plan.checks and not story.consent:
        reason = "Police report high-risk domestic abuse: the agencies must be asked now to protect the children."
        steps.append(("share", lambda c: cs.consent_authorise_share_without(contact=c, manager=manager, reason=reason)))
    steps += [(f"check {agency}", _request(agency, worker)) for agency in plan.checks]
    steps += [(f"answer {agency}", _respond(agency, staff)) for agency in plan.checks if agency not in plan.outstanding]
    if state == "screening":
        return steps
    if plan.fields.get("channel") == Channel.PHONE and story.referrer_kind == ReferrerKind.PROFESSIONAL:
        steps.append(("follow-up", lambda c: _follow_up(c, worker)))
    recommendation = Outcome(plan.outcome).label.lower()
    steps.append(
        (
            "submitted",
            lambda c: cs.contact_submit_for_decision(
                contact=c,
                by=worker,
                recommendation=plan.outcome,
                recommendation_reason=f"{story.nature} Recommend {recommendation}.",
            ),
        )
    )
    if state == "awaiting_decision":
        return steps
    steps.append(("decided", lambda c: _decide(c, plan, staff, manager)))
    if state == "closed":
        summary = CLOSING.get(plan.outcome, "Outcome carried out and the referrer told.")
        anyway = "The referrer was told by phone; nothing further is needed."
        steps.append(
            ("closed", lambda c: cs.contact_close(contact=c, by=worker, summary=summary, outstanding_reason=anyway))
        )
    return steps


def _request(agency: str, worker: User) -> Callable[[Contact], object]:
    return lambda contact: cs.agency_check_request(contact=contact, by=worker, agency=agency)


def _respond(agency: str, staff: Staff) -> Callable[[Contact], object]:
    return lambda contact: _answer(contact, agency, staff)


def _follow_up(contact: Contact, worker: User) -> None:
    if contact.written_follow_up_outstanding:
        cs.contact_record_written_follow_up(contact=contact, by=worker)


def _answer(contact: Contact, agency: str, staff: Staff) -> None:
    check = AgencyCheck.objects.get(contact=contact, agency=agency)
    cs.agency_check_respond(check=check, by=staff.partners[agency], response=CHECK_ANSWERS.get(agency, "Nothing held."))


def _times(
    received: datetime.datetime, count: int, state: str, now: datetime.datetime, rng: random.Random
) -> list[datetime.datetime]:
    """When the contact was recorded and each later step happened: in order, none in the future."""
    end = min(now - datetime.timedelta(minutes=1), received + datetime.timedelta(minutes=SPAN[state]))
    span = (end - received).total_seconds()
    recorded = received + datetime.timedelta(seconds=min(span * 0.3, rng.randint(90, 720)))
    rest = sorted(rng.uniform(0, (end - recorded).total_seconds()) for _ in range(count))
    moments = [recorded] + [recorded + datetime.timedelta(seconds=s) for s in rest]
    # strictly increasing by at least a second, so the history has one order
    for i in range(1, len(moments)):
        moments[i] = max(moments[i], moments[i - 1] + datetime.timedelta(seconds=1))
    return moments


def _pass_on(contact: Contact, target: str, officer: User) -> None:
    """Only a child with an open case can be passed to the allocated team (R-ROUTE-1); a worker of
    that team (made for the demo) acknowledges it when `target` asks for it."""
    routings = open_case_routings(contact)
    if not routings:
        # The case-management system has this child open to the looked-after team (demo data).
        child = contact.people.all()[0].person
        child.open_case, child.allocated_worker = True, "Team Worker"
        child.allocated_team_key = get_profile().teams_of_kind("looked_after")[0].key
        child.save(update_fields=["open_case", "allocated_worker", "allocated_team_key"])
        routings = open_case_routings(contact)
    team_key = routings[0].team_key
    cs.contact_pass_to_allocated_team(
        contact=contact, by=officer, team_key=team_key, reason="Open case: allocated team informed."
    )
    if target == "team_acknowledged":
        worker = team_worker(team_key)
        with _at(timezone.now() + datetime.timedelta(minutes=1)):
            cs.contact_acknowledge_receipt(contact=contact, by=worker)


def _record(plan: Plan, staff: Staff, rng: random.Random, now: datetime.datetime) -> Contact:
    """Record the contact at the moment it was taken, then replay its steps, each at its own time."""
    received = plan.received or now
    steps = _steps(plan, staff, rng)
    moments = _times(received, len(steps), plan.state, now, rng)
    officer = staff.pick(Role.INFORMATION_OFFICER, rng)
    with _at(moments[0]):
        contact = cs.contact_record(
            recorded_by=officer,
            children=[cs.ChildInput(person_id=p.pk) for p in plan.children],
            people=[
                cs.PersonInput(person_id=a.pk, role="parent", parental_responsibility=True, relationship="Parent")
                for a in plan.adults
            ],
            received_at=received.replace(second=0, microsecond=0),
            **plan.fields,
        )
    for (_, step), moment in zip(steps, moments[1:], strict=True):
        with _at(moment):
            step(Contact.objects.get(pk=contact.pk))
    return contact


# The earliest clock of each open contact, in turn: seven in ten in time, two due within the hour,
# one overdue (the second and third open contacts make sure a small demo has one of each).
BUCKET_CYCLE = ("in_time", "hour", "overdue", "in_time", "in_time", "in_time", "hour", "in_time", "in_time", "in_time")


def _bucket(open_index: int) -> str:
    return BUCKET_CYCLE[open_index % len(BUCKET_CYCLE)]


def _out_of_office(plan: Plan) -> None:
    """Out of office hours the phone lines are closed: what arrives then comes by email or the
    online form (the police notify at any hour)."""
    if plan.received and plan.fields["channel"] in (Channel.PHONE, Channel.LETTER) and not office_open(plan.received):
        professional = plan.story.referrer_kind == ReferrerKind.PROFESSIONAL
        plan.fields["channel"] = Channel.EMAIL if professional else Channel.ONLINE_FORM


def _restricted_family(families: list[list[Person]], rng: random.Random) -> list[Person]:
    """A child whose record is locked down (R-ACC-1) in the index, for the first contact."""
    today = timezone.localdate()
    members = _family(RESTRICTED_STORY, families, rng, today)
    child = next((p for p in members if _fits(p, RESTRICTED_STORY, today)), members[0])
    child.restricted = True
    child.save(update_fields=["restricted"])
    return members


def _outstanding_checks_for_every_partner(staff: Staff, now: datetime.datetime) -> None:
    """Each partner agency has at least one check waiting for its answer (R-ROUTE-3)."""
    worker = staff.roles[Role.DUTY_SOCIAL_WORKER]
    waiting = set(AgencyCheck.objects.filter(responded_at__isnull=True).values_list("agency", flat=True))
    candidates = list(
        Contact.objects.filter(status__in=[Status.SCREENING, Status.AWAITING_DECISION]).order_by("-received_at")
    )
    for agency in staff.partners:
        if agency in waiting:
            continue
        for contact in candidates:
            if contact.may_discuss_with_other_agencies and not contact.agency_checks.filter(agency=agency).exists():
                with _at(now - datetime.timedelta(seconds=30)):
                    cs.agency_check_request(contact=contact, by=worker, agency=agency)
                break


def load_contacts(n_contacts: int, families: list[list[Person]], staff: Staff, seed: int = 2026) -> None:
    fake, rng = Faker("en_GB"), random.Random(seed)
    fake.seed_instance(seed)
    now = timezone.now()
    stories = list(STORIES)
    rng.shuffle(stories)
    open_index = 0
    for i in range(n_contacts):
        if i == 0:
            story, state, members = RESTRICTED_STORY, "awaiting_decision", _restricted_family(families, rng)
        else:
            story, state = stories[i % len(stories)], STATES[i % len(STATES)]
            members = _family(story, families, rng, timezone.localdate())
        plan = _plan(story, state, members, fake, rng)
        if state in ("screening", "awaiting_decision"):
            plan.checks = list(story.checks)
            if plan.checks and (state == "screening" or rng.random() < 0.3):
                plan.outstanding = set(plan.checks[-1:])
        bucket = "none"
        if state in ("received", "screening", "awaiting_decision", "decided"):
            bucket = _bucket(open_index)
            open_index += 1
        plan.received = _arrival(plan, bucket, now, rng)
        _out_of_office(plan)
        _record(plan, staff, rng, now)
    _outstanding_checks_for_every_partner(staff, now)


BULK_STATUSES = [
    "received",
    "screening",
    "awaiting_decision",
    "decided",
    "closed",
    "closed",
    "closed",
    "passed_on",
    "team_acknowledged",
]


def seed_contacts_bulk(n_contacts: int, person_ids: list[int], by: User, seed: int = 7) -> None:
    """BENCHMARK SEEDING ONLY: contacts written with bulk_create, bypassing the services (no audit
    events, no decisions). Each row is still consistent: the service's reference format
    (FD-yy-<pk>), the duty team, deadlines from `refresh_deadlines`, closed_at/decided_at for the
    status, and one ContactPerson subject row. The demo itself records through the services."""
    from django.db import connection

    from frontdoor.contacts.deadlines import refresh_deadlines
    from frontdoor.contacts.models import ContactPerson

    profile, rng, now = get_profile(), random.Random(seed), timezone.localtime()
    ratings, team = [r.key for r in profile.ratings], profile.duty_team().key
    fieldwork = profile.teams_of_kind("fieldwork")[0].key
    next_id = (Contact.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    batch: list[Contact] = []
    links: list[ContactPerson] = []
    for pk in range(next_id, next_id + n_contacts):
        status = BULK_STATUSES[pk % len(BULK_STATUSES)]
        # open contacts were received in the last ~10 days; finished ones over the last 60
        days = 10 if status in ("received", "screening", "awaiting_decision", "decided") else 60
        received = (now - datetime.timedelta(minutes=rng.randint(5, 60 * 24 * days))).replace(second=0, microsecond=0)
        rating = ratings[pk % len(ratings)]
        contact = Contact(
            pk=pk,
            reference=f"FD-{received:%y}-{pk:07d}",
            status=status,
            received_at=received,
            channel=rng.choice(["phone", "email", "online_form", "police_notification"]),
            referrer_kind="professional",
            referrer_name="Benchmark Referrer",
            referrer_agency="Oak Primary",
            reason="Benchmark contact (synthetic).",
            consent_status="obtained",
            consent_given_by="Parent",
            initial_rating=rating,
            rating=rating if status in ("decided", "closed") else "",
            team_key=fieldwork if status in ("passed_on", "team_acknowledged") else team,
            passed_on_reason="Open case: allocated team informed."
            if status in ("passed_on", "team_acknowledged")
            else "",
            created_by=by,
            updated_by=by,
            decided_at=received + datetime.timedelta(hours=4) if status in ("decided", "closed") else None,
            decided_by=by if status in ("decided", "closed") else None,
            closed_at=received + datetime.timedelta(days=1)
            if status in ("closed", "passed_on", "team_acknowledged")
            else None,
            closed_by=by if status in ("closed", "passed_on", "team_acknowledged") else None,
        )
        refresh_deadlines(contact)
        batch.append(contact)
        links.append(ContactPerson(contact_id=pk, person_id=rng.choice(person_ids), matched_existing=True))
        if len(batch) == 5000:
            Contact.objects.bulk_create(batch)
            ContactPerson.objects.bulk_create(links)
            batch, links = [], []
    Contact.objects.bulk_create(batch)
    ContactPerson.objects.bulk_create(links)
    with connection.cursor() as cursor:  # explicit pks: keep PostgreSQL's sequence ahead of them
        for sql in connection.ops.sequence_reset_sql(no_style(), [Contact]):
            cursor.execute(sql)


BULK_THRESHOLD = 5000  # above this many contacts, seed in bulk (benchmark sizes)


@transaction.atomic
def load_demo(*, people: int = 2000, contacts: int = 500) -> Loaded:
    """Load the demo once. Audit events are append-only and contacts PROTECT their people, so a
    reload does not delete anything: if the data is already there it stops."""
    staff = ensure_staff()
    if Contact.objects.count() >= contacts and Person.objects.count() >= people:
        return Loaded(Person.objects.count(), Contact.objects.count(), already=True, staff=staff)
    families = load_people(max(0, people - Person.objects.count()))
    wanted = contacts - Contact.objects.count()
    if not families:  # people were loaded before; contacts are about the children already there
        families = [[p] for p in Person.objects.filter(is_unborn=False).order_by("pk")[:5000]]
    if wanted > BULK_THRESHOLD:
        today = timezone.localdate()
        child_ids = [p.pk for members in families for p in members if p.is_child_on(today)]
        seed_contacts_bulk(wanted, child_ids, staff.roles["team_manager"])
    elif wanted > 0:
        load_contacts(wanted, families, staff)
    registers.load_registers(staff)
    load_strategy_meetings(staff)
    followup.load_followup()
    load_governance(staff)
    load_lock_down(staff)
    audit_views.load_views()
    matching.load_matching()
    return Loaded(Person.objects.count(), Contact.objects.count(), already=False, staff=staff)
