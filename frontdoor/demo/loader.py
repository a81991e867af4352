"""Synthetic demo data (Faker en_GB, seeded): users per role, families in the person index, and
contacts in every state and rating, recorded and moved through the real services."""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import transaction
from django.utils import timezone
from faker import Faker

from frontdoor.accounts.models import Role, User
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Contact
from frontdoor.decisions import services as ds
from frontdoor.decisions.choices import NeedLevel, Outcome
from frontdoor.decisions.routing import open_case_routings
from frontdoor.people.keys import people_reindex
from frontdoor.people.models import Address, Person, PersonName, Relationship, normalise_name, normalise_postcode
from frontdoor.procedures.loader import get_profile

DEMO_PASSWORD = "frontdoor-demo-2026"  # noqa: S105 - printed for the demo; synthetic data only
REASONS = [
    "School reports {name} arrived with a bruise on the upper arm and said dad grabbed them.",
    "Health visitor worried about home conditions: no food in the house, baby's weight dropping.",
    "Police attended a domestic incident overnight; {name} was present and frightened.",
    "Neighbour reports {name} is often left alone in the evenings and is seen out late.",
    "{name} told a teacher that mum's boyfriend hits them with a belt.",
    "GP concerned about parental alcohol misuse and missed appointments for {name}.",
    "{name} has missed 40% of school this term; parents not engaging with the school.",
]


@dataclass
class Loaded:
    people: int
    contacts: int
    already: bool


def ensure_users() -> dict[str, User]:
    """One user per role, username = the role's value, all with DEMO_PASSWORD."""
    existing = {u.username: u for u in User.objects.filter(username__in=Role.values)}
    # Argon2 is deliberately slow: hash once and reuse the hash string for every demo user.
    hashed = make_password(DEMO_PASSWORD) if len(existing) < len(Role) else ""
    team = get_profile().duty_team().key
    fake = Faker("en_GB")
    fake.seed_instance(1)
    users = {}
    for role in Role:
        first, last = fake.first_name(), fake.last_name()
        user = existing.get(role.value) or User.objects.create(
            username=role.value,
            first_name=first,
            last_name=last,
            password=hashed,
            team_key=team,
            agency="police" if role == Role.MASH_PARTNER else "",
        )
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        users[role.value] = user
    return users


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
        worker, made = User.objects.get_or_create(
            username=f"{team_key}-worker",
            defaults={"team_key": team_key, "first_name": "Team", "last_name": "Worker", "password": "!"},
        )
        if made:
            worker.groups.add(Group.objects.get_or_create(name=Role.DUTY_SOCIAL_WORKER)[0])
        cs.contact_acknowledge_receipt(contact=contact, by=worker)


def _walk(contact: Contact, target: str, users: dict[str, User], rng: random.Random) -> None:
    """Move a contact through the real services as far as `target`."""
    officer, manager = users["information_officer"], users["team_manager"]
    if target in ("passed_on", "team_acknowledged"):
        _pass_on(contact, target, officer)
        return
    steps: list[Callable[[Contact], Contact]] = [
        lambda c: cs.contact_start_screening(contact=c, by=users["duty_social_worker"]),
        lambda c: cs.contact_update(
            contact=c,
            by=officer,
            version=c.version,
            screening_nature=c.reason[:200],
            screening_needs="To be assessed",
            parents_aware="yes",
        ),
        lambda c: cs.contact_submit_for_decision(
            contact=c, by=officer, recommendation="cfa", recommendation_reason="Needs an assessment"
        ),
    ]
    order = ["screening", "screening", "awaiting_decision"]
    for step, state in zip(steps, order, strict=True):
        contact = step(contact)
        if state == target and (target != "screening" or contact.screening_nature):
            return
    need = rng.choice(NeedLevel.values)
    outcome = sorted(get_profile().outcomes.for_need(need) - {Outcome.PASSED_TO_ALLOCATED_WORKER})[0]
    children = [
        ds.ChildDecision(
            person_id=p.person_id,
            opened=True,
            need_level=need,
            outcome=outcome,
            consultee_id=users["head_of_service"].pk if contact.staff_related else None,
        )
        for p in contact.people.filter(role="subject")
    ]
    ds.decision_authorise(
        contact=contact,
        manager=manager,
        rating=contact.initial_rating,
        children=children,
        rationale="Threshold met as recorded in the screening.",
        version=contact.version,
        # The manager's choice, used only when a child's address does not show the area team.
        team_key=get_profile().teams_of_kind("fieldwork")[0].key,
    )
    if target == "closed":
        contact.refresh_from_db()
        cs.contact_close(
            contact=contact,
            by=manager,
            summary="Outcome carried out and the referrer told.",
            outstanding_reason="The referrer was told by phone; nothing further is needed.",
        )


def load_contacts(n_contacts: int, families: list[list[Person]], users: dict[str, User], seed: int = 2026) -> None:
    fake, rng = Faker("en_GB"), random.Random(seed)
    fake.seed_instance(seed)
    ratings = [r.key for r in get_profile().ratings]
    now = timezone.localtime()  # Europe/London
    states = (
        ["received"] * 3
        + ["screening"] * 3
        + ["awaiting_decision"] * 3
        + ["decided"] * 2
        + ["closed"] * 4
        + ["passed_on", "team_acknowledged"]
    )
    for i in range(n_contacts):
        members = rng.choice(families)
        kids = [p for p in members if p.is_child_on(now.date())] or members[:1]
        chosen = kids[: rng.randint(1, len(kids))]
        adults = [p for p in members if p not in kids][:1]
        kind = rng.choice(["professional"] * 4 + ["family_member", "public"])
        span = 60 * 36 if rng.random() < 0.6 else 60 * 24 * 10  # most recent; some days old, overdue
        received = now - datetime.timedelta(minutes=rng.randint(10, span))
        contact = cs.contact_record(
            recorded_by=users["information_officer"],
            children=[cs.ChildInput(person_id=p.pk) for p in chosen],
            people=[
                cs.PersonInput(person_id=a.pk, role="parent", parental_responsibility=True, relationship="Parent")
                for a in adults
            ],
            received_at=received.replace(second=0, microsecond=0),
            channel=rng.choice(["phone", "email", "online_form", "police_notification"]),
            referrer_kind=kind,
            referrer_name=fake.name(),
            referrer_agency=rng.choice(["Oak Primary", "GP surgery", "Police", "Health visiting"])
            if kind == "professional"
            else "",
            reason=rng.choice(REASONS).format(name=chosen[0].given_names or "the baby"),
            initial_rating=ratings[i % len(ratings)],
            consent_status="obtained",
            consent_given_by="Parent",
            domestic_abuse=i % 7 == 2,
            dash_attached=True,
            staff_related=i % 50 == 0,
            requested_level=rng.choice(["", "early_help", "s17", "s47"]),
        )
        target = states[i % len(states)]
        if target != "received":
            _walk(contact, target, users, rng)


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
    users = ensure_users()
    if Contact.objects.count() >= contacts and Person.objects.count() >= people:
        return Loaded(Person.objects.count(), Contact.objects.count(), already=True)
    families = load_people(max(0, people - Person.objects.count()))
    wanted = contacts - Contact.objects.count()
    if not families:  # people were loaded before; contacts are about the children already there
        families = [[p] for p in Person.objects.filter(is_unborn=False).order_by("pk")[:5000]]
    if wanted > BULK_THRESHOLD:
        today = timezone.localdate()
        child_ids = [p.pk for members in families for p in members if p.is_child_on(today)]
        seed_contacts_bulk(wanted, child_ids, users["team_manager"])
    elif wanted > 0:
        load_contacts(wanted, families, users)
    return Loaded(Person.objects.count(), Contact.objects.count(), already=False)
