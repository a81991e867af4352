"""Reads for each role's landing page: where a role starts its day, and what is listed there.

Every list goes through `frontdoor.access.policy` (`contacts_visible_to`, `agency_checks_visible_to`).
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from frontdoor.access.policy import Can, agency_checks_visible_to, can, can_authorise, contacts_visible_to
from frontdoor.accounts.models import Role, User
from frontdoor.accounts.roles import user_roles
from frontdoor.contacts.models import OPEN_STATUSES, AgencyCheck, Contact, ContactPerson, Status
from frontdoor.decisions.choices import REFERRAL_OUTCOMES, Outcome
from frontdoor.decisions.models import ConsultationAbout, HeadOfServiceConsultation, ThresholdDecision
from frontdoor.procedures.loader import get_profile
from frontdoor.strategy.selectors import awaiting_allocation, organised_meetings

ANSWERED_SHOWN = 10
UNDECIDED = (Status.RECEIVED, Status.SCREENING, Status.AWAITING_DECISION)


def _queue(name: str) -> str:
    return f"{reverse('contacts:queue')}?queue={name}"


def landing_url(user: User) -> str | None:
    """Where signing in (and the home link) takes a user; None when their role has no case-level work yet.

    Whoever the profile lets authorise a threshold decision starts on *Awaiting my authorisation*
    (Leeds adds advanced practitioners, 001 s3). A duty worker, information officer or advanced
    practitioner starts on *My contacts* when they have open contacts of their own, else on the duty
    queue, where new work arrives.
    """
    roles = user_roles(user)
    if can_authorise(user):
        return _queue("authorise")
    if can(user, Can.SCREEN_CONTACT):
        mine = contacts_visible_to(user).filter(assigned_to=user, status__in=OPEN_STATUSES).exists()
        return _queue("mine" if mine else "duty")
    if Role.MASH_PARTNER in roles:
        return reverse("landing:checks")
    if can_authorise(user, "removal_consultee"):
        return reverse("landing:consultations")
    if Role.BUSINESS_SUPPORT in roles:
        return reverse("landing:strategy")
    if can(user, Can.VIEW_QUEUES):
        return _queue("duty")
    if can(user, Can.SUBJECT_ACCESS) or can(user, Can.RETENTION_REVIEW):
        return reverse("records:index")
    return None


# Menu items for whoever holds a capability, in menu order.
CAPABILITY_NAV: list[tuple[Can, str, str]] = [
    (Can.VIEW_DASHBOARD, "What is due", "dashboard:index"),
    (Can.RECORD_REGISTER, "Registers", "registers:index"),
    (Can.MANAGE_OUTBOX, "Emails held back", "outbox:held"),  # R-CON-7: emails to send another way
    (Can.AUDIT_REPORT, "Views without a link", "audit:report"),  # R-ACC-1: views with no link to the case
    (Can.REQUEST_LOCK_DOWN, "Lock-down requests", "access:requests"),  # 002 s2: asked for, and decided
]


def landing_nav(user: User) -> list[tuple[str, str]]:
    """The first items of the service navigation: each role's own landing page."""
    roles = user_roles(user)
    nav: list[tuple[str, str]] = []
    if Role.MASH_PARTNER in roles:
        nav.append((f"Checks for {agency_name(user)}", reverse("landing:checks")))
    if Role.BUSINESS_SUPPORT in roles or can_authorise(user):  # 002 s6: they organise; the manager chairs
        nav.append(("Strategy meetings", reverse("landing:strategy")))
    if can_authorise(user, "removal_consultee"):
        nav.append(("Consultations", reverse("landing:consultations")))
    if can(user, Can.SCREEN_CONTACT) or can_authorise(user):
        nav.append(("Queues", landing_url(user) or _queue("duty")))
    elif can(user, Can.VIEW_QUEUES) and not roles & {Role.MASH_PARTNER, Role.BUSINESS_SUPPORT}:
        nav.append(("Queues", _queue("duty")))
    nav.extend((label, reverse(name)) for capability, label, name in CAPABILITY_NAV if can(user, capability))
    nav.extend(governance_nav(user))
    if not nav and roles:
        nav.append((NOTHING_YET_NAV.get(primary_role_key(roles), "Home"), reverse("home")))
    return nav


def governance_nav(user: User) -> list[tuple[str, str]]:
    """Information governance: subject access requests (UK GDPR art. 15) and the retention review."""
    nav: list[tuple[str, str]] = []
    if can(user, Can.SUBJECT_ACCESS):
        nav.append(("Subject access requests", reverse("records:subject-access")))
    if can(user, Can.RETENTION_REVIEW):
        nav.append(("Retention review", reverse("records:retention")))
    return nav


# Roles with nothing case-level to do yet: the menu names what their page is about.
NOTHING_YET_NAV: dict[str, str] = {
    Role.REFERRER: "Making a referral",
    Role.PERFORMANCE_ANALYST: "Performance",
    Role.SYSTEM_ADMIN: "Running the service",
}


def primary_role_key(roles: frozenset[str]) -> str:
    return next((role.value for role in Role if role.value in roles), "")


def agency_name(user: User) -> str:
    if not user.agency:
        return "your agency"
    try:
        return get_profile().check_agency(user.agency).name
    except LookupError:
        return user.agency


# --- a MASH partner's checks (R-ROUTE-3) -----------------------------------------------------------------


@dataclass(frozen=True)
class ChildIdentity:
    """What an agency needs to find a child in its own records, and nothing else."""

    name: str
    born: str
    sex: str
    address: str
    restricted: bool


@dataclass(frozen=True)
class CheckRow:
    check: AgencyCheck
    reference: str
    children: list[ChildIdentity] = field(default_factory=list)


def _identity(link: ContactPerson) -> ChildIdentity:
    person = link.person
    if person.restricted:
        return ChildIdentity("", "", "", "", restricted=True)
    if person.is_unborn:
        born = f"Unborn, expected {person.expected_delivery_date:%-d %B %Y}" if person.expected_delivery_date else ""
    else:
        born = f"Born {person.date_of_birth:%-d %B %Y}" if person.date_of_birth else "Date of birth not known"
    current = [a for a in person.addresses.all() if a.is_current]
    return ChildIdentity(
        name=person.full_name,
        born=born,
        sex=person.get_sex_display() if person.sex != "U" else "",
        address=str(current[0]) if current else "Address not known",
        restricted=False,
    )


def _check_rows(checks: QuerySet[AgencyCheck]) -> list[CheckRow]:
    subjects = ContactPerson.objects.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    checks = checks.select_related("contact").prefetch_related(
        Prefetch("contact__people", queryset=subjects.prefetch_related("person__addresses"), to_attr="subjects")
    )
    return [
        CheckRow(check, check.contact.reference, [_identity(link) for link in check.contact.subjects])  # type: ignore[attr-defined]
        for check in checks
    ]


def check_row(check: AgencyCheck) -> CheckRow:
    """One check with the children's identifying details: all a partner sees of the contact (R-ROUTE-3)."""
    return _check_rows(AgencyCheck.objects.filter(pk=check.pk))[0]


def partner_checks(user: User) -> dict[str, list[CheckRow]]:
    """The partner's outstanding checks, soonest due first, and their latest answers.

    A check on a contact that has since been closed is no longer waited for, so it is not listed.
    """
    checks = agency_checks_visible_to(user)
    outstanding = checks.filter(responded_at__isnull=True).exclude(contact__status=Status.CLOSED)
    answered = checks.filter(responded_at__isnull=False).select_related("responded_by")
    return {
        "outstanding": _check_rows(outstanding.order_by("due_at", "id")),
        "answered": _check_rows(answered.order_by("-responded_at", "-id")[:ANSWERED_SHOWN]),
    }


# --- business support: strategy meetings (002 s6) ------------------------------------------------------------


def strategy_meetings(user: User) -> dict[str, object]:
    """002 s6: the meetings business support organise and minute (needing arranging, upcoming, minutes due
    or overdue, to sign off), and for the front door's own staff the contacts waiting for a social worker."""
    groups = organised_meetings(user)
    sections = [
        ("minutes-due", "Minutes due", "No minutes are due.", groups["minutes_due"]),
        ("to-arrange", "To arrange", "Nothing to arrange.", groups["to_arrange"]),
        ("upcoming", "Upcoming", "No meetings arranged.", groups["arranged"]),
        ("sign-off", "Minutes waiting for the chair to sign off", "None waiting.", groups["sign_off"]),
        ("requested", "Waiting for the social worker's request", "None waiting.", groups["request"]),
        ("signed-off", "Signed off recently", "None yet.", groups["signed_off"]),
    ]
    return {
        "sections": sections,
        "awaiting": awaiting_allocation(user),
        "minutes_within": str(get_profile().strategy_minutes_within),
    }


# --- the head of service: what they must be consulted on (R-INT-7, R-DEC-7) --------------------------------


@dataclass(frozen=True)
class ConsultationRow:
    contact: Contact
    children: list[str]
    why: str
    about: str
    recorded: HeadOfServiceConsultation | None


def _children(contact: Contact) -> list[str]:
    return [
        "Restricted record" if link.person.restricted else link.person.full_name
        for link in contact.people.all()
        if link.role == ContactPerson.Role.SUBJECT
    ]


def _latest(contact: Contact, about: str) -> HeadOfServiceConsultation | None:
    found = [c for c in contact.consultations.all() if c.about == about]
    return found[0] if found else None


def head_of_service_consultations(user: User) -> dict[str, list[ConsultationRow]]:
    """R-INT-7 (002): contacts about a member of staff that are open or became referrals; R-DEC-7 (001):
    decisions that consider removing a child, and contacts not yet decided whose worker recommends
    immediate protective action (removal may be considered)."""
    visible = contacts_visible_to(user).prefetch_related(
        Prefetch("people", queryset=ContactPerson.objects.select_related("person")),
        Prefetch("consultations", queryset=HeadOfServiceConsultation.objects.select_related("consulted")),
    )
    referral = Exists(
        ThresholdDecision.objects.filter(contact=OuterRef("pk"), is_current=True, outcome__in=REFERRAL_OUTCOMES)
    )
    staff = (
        visible.filter(staff_related=True)
        .annotate(became_referral=referral | Q(progressed_to_referral_at__isnull=False))
        .filter(Q(status__in=OPEN_STATUSES) | Q(became_referral=True))
    )
    removal_decided = Exists(
        ThresholdDecision.objects.filter(contact=OuterRef("pk"), is_current=True, removal_considered=True)
    )
    removal = visible.filter(removal_decided | Q(status__in=UNDECIDED, recommendation=Outcome.IMMEDIATE_PROTECTION))
    return {
        "staff": [
            ConsultationRow(
                c,
                _children(c),
                "Became a referral" if c.became_referral else "Open, not a referral (yet)",
                ConsultationAbout.STAFF,
                _latest(c, ConsultationAbout.STAFF),
            )
            for c in staff.order_by("due_at", "id")
        ],
        "removal": [
            ConsultationRow(
                c,
                _children(c),
                "Immediate protective action recommended"
                if c.status in UNDECIDED
                else "Removal considered in the decision",
                ConsultationAbout.REMOVAL,
                _latest(c, ConsultationAbout.REMOVAL),
            )
            for c in removal.order_by("due_at", "id")
        ],
    }


def contact_consultations(user: User, contact: Contact) -> dict[str, object]:
    """For the contact's page: the head of service's recorded consultations, to the front door's own staff and
    the head of service only (not to partners or business support), and whether this user may record one."""
    may_record = can_authorise(user, "removal_consultee")
    if not (may_record or can(user, Can.SCREEN_CONTACT) or can_authorise(user)):
        return {"consultations": [], "can_record_consultation": False}
    return {
        "consultations": list(contact.consultations.select_related("consulted").order_by("-consulted_at", "-id")),
        "can_record_consultation": may_record,
    }
