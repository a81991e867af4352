"""The one place that decides who may see and do what (R-ACC-1).

Every list, search, export and API goes through `contacts_visible_to` / `people_visible_to`;
single records through `access_contact` / `access_person`, which answer "not found" for
missing and forbidden alike and log the view. Superuser status grants nothing here.

Lock-down (R-ACC-2, 002 s2): a restricted person (`Person.restricted`, from the case system or
`access_restrict`) and every contact about them are seen only by the users named on the restriction
and by those given emergency access in time; a bar on a member of staff overrides everything,
superusers and named users included. Contacts about a member of staff (R-INT-7) are restricted by
default to the managers who decide them, whoever recorded the contact and whoever it is assigned to.
A denied attempt on a record that exists is logged and kept (`DENIED`), and so is every search and
export (`audit_search`, `audit_export`). See docs/ACCESS.md.

A MASH partner never sees a contact itself (R-ROUTE-3, R-CON-8): only their own agency's checks,
through `agency_checks_visible_to` / `access_agency_check`.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NoReturn

from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.accounts.roles import user_roles
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record, audit_view
from frontdoor.contacts.models import AgencyCheck, Contact, ContactPerson, ReferrerKind
from frontdoor.followup.models import Challenge, FamilyTold, Feedback
from frontdoor.people.models import Person
from frontdoor.procedures.loader import get_profile
from frontdoor.registers.models import ChecksRequest, Consultation, TransferIn
from frontdoor.strategy.models import StrategyMeeting

from .models import Bar, BreakGlass, Restriction


class Can(StrEnum):
    RECORD_CONTACT = "record_contact"
    SCREEN_CONTACT = "screen_contact"
    RATE_CONTACT = "rate_contact"
    ROUTE_CONTACT = "route_contact"
    CLOSE_CONTACT = "close_contact"
    SEARCH_PEOPLE = "search_people"
    RESPOND_AGENCY_CHECK = "respond_agency_check"
    VIEW_QUEUES = "view_queues"
    MERGE_PEOPLE = "merge_people"
    # After the decision and beside contacts
    FOLLOW_UP = "follow_up"  # feedback to referrers, the family told, challenges, the police told (R-FB, R-ESC-1)
    ORGANISE_STRATEGY = "organise_strategy"  # arrange and minute strategy meetings (R-STRAT-1, 002 s6)
    RECORD_REGISTER = "record_register"  # consultations, requests for checks, transfers in (R-CONS-1, R-CHK-2, R-TRF-1)
    VIEW_DASHBOARD = "view_dashboard"  # everything due across the front door, per team
    MANAGE_OUTBOX = "manage_outbox"  # messages held back from email, to send another way (R-CON-7): managers
    # Trust: lock-down, break-glass, the access report, subject access and retention
    MANAGE_ACCESS = "manage_access"  # restrict a person to named users and bar staff (R-ACC-2, 002 s2): managers
    REQUEST_LOCK_DOWN = "request_lock_down"  # ask for a lock-down or a bar (002 s2: "may request ACL")
    BREAK_GLASS = "break_glass"  # emergency access to a restricted record, with a reason, time-limited (R-ACC-2)
    AUDIT_REPORT = "audit_report"  # who viewed records with no link to the case (R-ACC-1)
    SUBJECT_ACCESS = "subject_access"  # export everything held about one person, redacted (UK GDPR art. 15)
    RETENTION_REVIEW = "retention_review"  # the list of records past their retention period, for review
    # Accounts: reset another user's lost authenticator app (docs/SECURITY.md): never the user alone
    RESET_TWO_FACTOR = "reset_two_factor"
    # Deactivate an account or set its password (administrators); either ends the user's sessions
    MANAGE_ACCOUNTS = "manage_accounts"


_CASEWORK = {
    Can.RECORD_CONTACT,
    Can.SCREEN_CONTACT,
    Can.RATE_CONTACT,
    Can.ROUTE_CONTACT,
    Can.SEARCH_PEOPLE,
    Can.VIEW_QUEUES,
    Can.FOLLOW_UP,
    Can.RECORD_REGISTER,
    Can.ORGANISE_STRATEGY,
}
ROLE_CAPABILITIES: dict[str, frozenset[Can]] = {
    Role.INFORMATION_OFFICER: frozenset(_CASEWORK),
    # R-ACC-2: those who may have to act on a child at once may open a restricted record in an
    # emergency, with a reason, for a limited time, and the record's manager is told.
    Role.DUTY_SOCIAL_WORKER: frozenset(_CASEWORK | {Can.CLOSE_CONTACT, Can.BREAK_GLASS}),
    Role.ADVANCED_PRACTITIONER: frozenset(_CASEWORK | {Can.CLOSE_CONTACT, Can.BREAK_GLASS}),
    # Merging two person records, and undoing a merge, is a team manager's decision alone. 002 s2: "A
    # manager or relevant business support manager may request ACL": team managers and the head of service
    # lock records down and bar staff, and decide the requests of others (never their own).
    Role.TEAM_MANAGER: frozenset(
        _CASEWORK
        | {
            Can.CLOSE_CONTACT,
            Can.MERGE_PEOPLE,
            Can.VIEW_DASHBOARD,
            Can.MANAGE_OUTBOX,
            Can.MANAGE_ACCESS,
            Can.REQUEST_LOCK_DOWN,
            Can.BREAK_GLASS,
            Can.AUDIT_REPORT,
        }
    ),
    # The head of service, who knows the staff, may also reset a lost authenticator app (out of hours,
    # when the administrators are not there); see docs/SECURITY.md.
    Role.HEAD_OF_SERVICE: frozenset(
        {Can.SEARCH_PEOPLE, Can.VIEW_QUEUES, Can.VIEW_DASHBOARD, Can.MANAGE_ACCESS, Can.AUDIT_REPORT}
        | {Can.REQUEST_LOCK_DOWN, Can.RESET_TWO_FACTOR}
    ),
    # R-ROUTE-3: a partner answers their agency's checks and reaches nothing else, not even an empty queue.
    Role.MASH_PARTNER: frozenset({Can.RESPOND_AGENCY_CHECK}),
    # 002 s6: business support organise and minute strategy meetings, and see only those (so not the
    # emails held back, which can be about any contact).
    Role.BUSINESS_SUPPORT: frozenset({Can.VIEW_QUEUES, Can.ORGANISE_STRATEGY}),
    # 002 s2: "A manager or relevant business support manager may request ACL ... to limit access to named
    # individuals. This may include preventing a member of staff from accessing their own child's record."
    # They find the person's record (every search logged) and ask for it to be locked down or for staff to be
    # barred; a team manager or the head of service decides. They see no contact.
    Role.BUSINESS_SUPPORT_MANAGER: frozenset({Can.SEARCH_PEOPLE, Can.REQUEST_LOCK_DOWN}),
    Role.REFERRER: frozenset(),
    Role.PERFORMANCE_ANALYST: frozenset(),
    Role.INFORMATION_GOVERNANCE: frozenset({Can.AUDIT_REPORT, Can.SUBJECT_ACCESS, Can.RETENTION_REVIEW}),
    Role.SYSTEM_ADMIN: frozenset({Can.RESET_TWO_FACTOR, Can.MANAGE_ACCOUNTS}),
}

# Roles that see every contact; others see a narrower set (see contacts_visible_to).
_SEE_ALL_CONTACTS = frozenset(
    {
        Role.INFORMATION_OFFICER,
        Role.DUTY_SOCIAL_WORKER,
        Role.ADVANCED_PRACTITIONER,
        Role.TEAM_MANAGER,
        Role.HEAD_OF_SERVICE,
    }
)
# R-INT-7: contacts about a member of staff are seen by the managers who decide them and consult the head
# of service, and otherwise only by whoever recorded the contact and whoever it is assigned to.
_SEE_STAFF_CONTACTS = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})
# Roles whose view of a contact must not reveal a non-professional referrer (R-CON-8).
_OTHER_AGENCY_ROLES = frozenset(
    {Role.MASH_PARTNER, Role.REFERRER, Role.BUSINESS_SUPPORT, Role.BUSINESS_SUPPORT_MANAGER}
)


def can(user: User, capability: Can) -> bool:
    return any(capability in ROLE_CAPABILITIES.get(role, ()) for role in user_roles(user))


def _authorisers(key: str) -> frozenset[str]:
    return frozenset(getattr(get_profile().authorisers, key))


def can_authorise(user: User, what: str = "threshold_decision") -> bool:
    """Who may authorise is the profile's choice (R-DEC-5; Leeds adds advanced practitioners)."""
    return bool(user_roles(user) & _authorisers(what))


# Lock-down, bars and emergency access (R-ACC-2) -------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """The restricted records one user may open, and the records they are barred from (person ids)."""

    allowed: frozenset[int]  # named on the restriction, or emergency access in time; never a barred one
    barred: frozenset[int]


def break_glass_minutes() -> int:
    from django.conf import settings

    return int(settings.FRONTDOOR_BREAK_GLASS_MINUTES)


# Bumped whenever a restriction, a bar or an emergency grant is written in this process (see apps.py), so a
# user object that lives longer than one request (a command, a test) never reads a stale reach.
GENERATION = [0]
_FAR = datetime.datetime.max.replace(tzinfo=datetime.UTC)
# A typed NULL: PostgreSQL types a UNION's columns pair by pair, and two untyped NULLs become text, which
# then cannot meet the emergency grants' timestamps.
_NO_TIME = Cast(models.Value(None), output_field=models.DateTimeField())


def reach(user: User, *, at: datetime.datetime | None = None) -> Reach:
    """One small indexed read (three tiny tables), kept on the user object like its roles until a grant
    expires or any access row changes; a new request reads it afresh, so a bar takes effect at once."""
    if not getattr(user, "pk", None) or not user.is_active:
        return Reach(frozenset(), frozenset())
    now = at or timezone.now()
    cached = getattr(user, "_frontdoor_reach", None)
    if cached is not None and cached[0] == GENERATION[0] and now < cached[1] and at is None:
        return cached[2]
    barred = (
        Bar.objects.filter(user=user, lifted_at__isnull=True)
        .order_by()
        .values_list("person_id", models.Value("b"), _NO_TIME)
    )
    named = (
        Restriction.objects.filter(named_users=user, lifted_at__isnull=True)
        .order_by()
        .values_list("person_id", models.Value("n"), _NO_TIME)
    )
    glass = (
        BreakGlass.objects.filter(user=user, expires_at__gt=now)
        .order_by()
        .values_list("person_id", models.Value("g"), "expires_at")
    )
    rows = list(barred.union(named, glass, all=True))
    bars = frozenset(pk for pk, kind, _ in rows if kind == "b")
    found = Reach(allowed=frozenset(pk for pk, kind, _ in rows if kind != "b") - bars, barred=bars)
    until = min((ends for _, kind, ends in rows if kind == "g"), default=_FAR)
    user._frontdoor_reach = (GENERATION[0], until, found)  # type: ignore[attr-defined]  # per-request cache
    return found


def _hidden_contacts(user: User, r: Reach) -> Q:
    """Contacts this user may not see whatever their role: about a restricted person they are not allowed,
    about a person they are barred from, or about a member of staff and not theirs to see (R-INT-7).

    Uncorrelated subqueries over the few restricted records (a partial index on Person.restricted), so
    a queue page pays one small hashed lookup, not a join per row (see docs/ACCESS.md).
    """
    # Driven from the few restricted people (their partial index), then their links by person.
    locked = ContactPerson.objects.filter(person_id__in=Person.objects.filter(restricted=True).values("pk"))
    if r.allowed:
        locked = locked.exclude(person_id__in=r.allowed)
    hidden = Q(pk__in=locked.values("contact_id"))
    if r.barred:
        hidden |= Q(pk__in=ContactPerson.objects.filter(person_id__in=r.barred).values("contact_id"))
    if not user_roles(user) & _SEE_STAFF_CONTACTS:
        hidden |= _NOT_THEIRS_ABOUT_STAFF(user)
    return hidden


def _NOT_THEIRS_ABOUT_STAFF(user: User) -> Q:  # noqa: N802  # a condition, named like one
    """R-INT-7: a contact about a member of staff that the user neither recorded nor is assigned."""
    return Q(staff_related=True) & ~Q(created_by=user) & ~Q(assigned_to=user)


def contacts_visible_to(user: User) -> QuerySet[Contact]:
    roles = user_roles(user)
    if not roles:
        return Contact.objects.none()
    contacts = Contact.objects.exclude(_hidden_contacts(user, reach(user)))
    if roles & _SEE_ALL_CONTACTS:
        return contacts
    # R-ROUTE-3: a check for a partner's agency opens the check, not the contact (see access_agency_check).
    # 002 s6: business support see only the strategy meetings they organise, through
    # strategy_meetings_visible_to / access_strategy_meeting, never the contact itself.
    condition: Any = Q(pk__in=[])
    if Role.REFERRER in roles:
        condition |= Q(created_by=user)
    return contacts.filter(condition).distinct()


def contact_visible(user: User, field: str = "contact") -> Q:
    """The same condition as `<field>__in=contacts_visible_to(user)` on a record about a contact, written for
    the roles that see every contact but the hidden few as "not one of the hidden ones": both databases
    then look up a handful of contacts instead of joining every visible one (PostgreSQL planned the
    latter as a scan of every contact)."""
    roles = user_roles(user)
    if not roles & _SEE_ALL_CONTACTS:
        return Q(**{f"{field}__in": contacts_visible_to(user)})
    # Each part of `_hidden_contacts` on its own, so each is read by its own index (the few restricted
    # people; the few contacts about staff, `contact_staff_related`) rather than one scan of every contact.
    r = reach(user)
    locked = ContactPerson.objects.filter(person_id__in=Person.objects.filter(restricted=True).values("pk"))
    if r.allowed:
        locked = locked.exclude(person_id__in=r.allowed)
    visible = ~Q(**{f"{field}__in": locked.values("contact_id")})
    if r.barred:
        visible &= ~Q(**{f"{field}__in": ContactPerson.objects.filter(person_id__in=r.barred).values("contact_id")})
    if not roles & _SEE_STAFF_CONTACTS:
        about_staff = Contact.objects.filter(_NOT_THEIRS_ABOUT_STAFF(user)).order_by().values("pk")
        visible &= ~Q(**{f"{field}__in": about_staff})
    return visible


def agency_checks_visible_to(user: User) -> QuerySet[AgencyCheck]:
    """R-ROUTE-3: a MASH partner's checks are their own agency's; nobody else's. A check about a restricted
    child is still answered (the child's details are not shown, see landing.selectors); a bar holds."""
    if Role.MASH_PARTNER not in user_roles(user) or not user.agency:
        return AgencyCheck.objects.none()
    checks = AgencyCheck.objects.filter(agency=user.agency)
    barred = reach(user).barred
    if barred:
        checks = checks.exclude(contact__in=ContactPerson.objects.filter(person_id__in=barred).values("contact_id"))
    return checks


def agency_partners(agency: str) -> QuerySet[User]:
    """R-ROUTE-3: the active partner users who answer an agency's checks (and are told when one is asked)."""
    return User.objects.filter(is_active=True, agency=agency, groups__name=Role.MASH_PARTNER).distinct().order_by("pk")


def access_agency_check(user: User, reference: str, check_id: int, *, log: bool = True) -> AgencyCheck:
    """R-ROUTE-3: one of the partner's own checks, "not found" for missing and forbidden alike.

    The caller shows the question and the child's identifying details from it, and nothing else of the contact.
    """
    try:
        check = agency_checks_visible_to(user).select_related("contact").get(pk=check_id, contact__reference=reference)
    except AgencyCheck.DoesNotExist:
        _deny(user, AgencyCheck, "No check with that reference.", pk=check_id, contact__reference=reference)
    if log:
        audit_view(actor=user, obj=check.contact, detail={"agency_check": check.agency})
    return check


def access_contact(user: User, reference: str, *, log: bool = True, for_update: bool = False) -> Contact:
    queryset = contacts_visible_to(user)
    if for_update:
        queryset = queryset.select_for_update()
    try:
        contact = queryset.get(reference=reference)
    except Contact.DoesNotExist:
        _deny(user, Contact, "No contact with that reference.", reference=reference)
    if log:
        audit_view(actor=user, obj=contact)
    return contact


def people_searchable_by(user: User) -> QuerySet[Person]:
    """Whom a search may find: every record, for those who search. A record the user may not open is
    shown only as "Restricted record" with whom to ask (see `hidden_people`)."""
    if can(user, Can.SEARCH_PEOPLE):
        return Person.objects.all()
    return Person.objects.none()


def people_visible_to(user: User) -> QuerySet[Person]:
    """The person records `user` may open: R-ACC-2 takes out restricted ones they are not allowed and
    every one they are barred from."""
    people = people_searchable_by(user)
    if not can(user, Can.SEARCH_PEOPLE):
        return people
    r = reach(user)
    hidden = Q(restricted=True)
    if r.allowed:
        hidden &= ~Q(pk__in=r.allowed)
    if r.barred:
        hidden |= Q(pk__in=r.barred)
    return people.exclude(hidden)


def hidden_people(user: User, person_ids: list[int]) -> set[int]:
    """Which of these records `user` may not open (shown in a search only as "Restricted record")."""
    if not person_ids:
        return set()
    return set(person_ids) - set(people_visible_to(user).filter(pk__in=person_ids).values_list("pk", flat=True))


def whom_to_ask(person_ids: list[int]) -> dict[int, str]:
    """The manager named on each current restriction. A record restricted by the case system alone names
    nobody here: ask a team manager of the team the case system says holds the case (those emergency access
    tells, see `access.services.record_managers`), or any team manager where no team is known."""
    named = (
        Restriction.objects.filter(person_id__in=person_ids, lifted_at__isnull=True)
        .select_related("manager")
        .only("person_id", "manager__first_name", "manager__last_name", "manager__username")
    )
    found = {r.person_id: r.manager.display_name for r in named}
    missing = [pk for pk in person_ids if pk not in found]
    if missing:
        teams = dict(Person.objects.filter(pk__in=missing).values_list("pk", "allocated_team_key"))
        managers = User.objects.filter(is_active=True, groups__name=Role.TEAM_MANAGER).order_by("pk").distinct()
        by_team: dict[str, list[str]] = {}
        for manager in managers.only("first_name", "last_name", "username", "team_key"):
            by_team.setdefault(manager.team_key, []).append(manager.display_name)
        for pk in missing:
            names = by_team.get(teams.get(pk) or "", [])
            found[pk] = " or ".join(names[:3]) if names else "a team manager"
    return {pk: found[pk] for pk in person_ids}


def access_person(user: User, person_id: int, *, log: bool = True) -> Person:
    try:
        person = people_visible_to(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        _deny(user, Person, "No person with that id.", pk=person_id)
    if log:
        audit_view(actor=user, obj=person)
    return person


def referrer_identity_visible(user: User, contact: Contact) -> bool:
    """R-CON-8: a non-professional referrer is never shown to other agencies without consent."""
    if contact.referrer_kind == ReferrerKind.PROFESSIONAL or contact.referrer_consents_to_disclosure:
        return True
    if contact.referrer_kind == ReferrerKind.ANONYMOUS:
        return False
    roles = user_roles(user)
    return bool(roles & _SEE_ALL_CONTACTS) and not (roles & _OTHER_AGENCY_ROLES)


# Registers beside contacts (R-CONS-1, R-CHK-2, R-TRF-1) ------------------------------------------------


def consultations_visible_to(user: User) -> QuerySet[Consultation]:
    """R-CONS-1 (002 s3): the consultation log is confidential. The worker who took the call and the one
    who gave the advice see their own; the profile's managers (who decide contacts) see the whole log.
    Nobody else, and never through a person search or a page about a child."""
    if not can(user, Can.RECORD_REGISTER):
        return Consultation.objects.none()
    if can_authorise(user):
        return Consultation.objects.all()
    return Consultation.objects.filter(Q(created_by=user) | Q(advice_by=user))


def access_consultation(user: User, consultation_id: int, *, log: bool = True) -> Consultation:
    try:
        consultation = consultations_visible_to(user).get(pk=consultation_id)
    except (Consultation.DoesNotExist, ValueError, TypeError):
        _deny(user, Consultation, "No consultation with that number.", pk=consultation_id)
    if log:
        audit_view(actor=user, obj=consultation)
    return consultation


def checks_requests_visible_to(user: User) -> QuerySet[ChecksRequest]:
    """R-CHK-2: requests for checks are answered by the front door's own staff, who all see the register."""
    if not can(user, Can.RECORD_REGISTER):
        return ChecksRequest.objects.none()
    return ChecksRequest.objects.all()


def access_checks_request(user: User, request_id: int, *, log: bool = True) -> ChecksRequest:
    try:
        request = checks_requests_visible_to(user).get(pk=request_id)
    except (ChecksRequest.DoesNotExist, ValueError, TypeError):
        _deny(user, ChecksRequest, "No request for checks with that number.", pk=request_id)
    if log:
        audit_view(actor=user, obj=request)
    return request


def transfers_in_visible_to(user: User) -> QuerySet[TransferIn]:
    """R-TRF-1: transfers in are recorded and followed by the front door's own staff."""
    if not can(user, Can.RECORD_REGISTER):
        return TransferIn.objects.none()
    return TransferIn.objects.all()


def access_transfer_in(user: User, transfer_id: int, *, log: bool = True) -> TransferIn:
    try:
        transfer = transfers_in_visible_to(user).get(pk=transfer_id)
    except (TransferIn.DoesNotExist, ValueError, TypeError):
        _deny(user, TransferIn, "No transfer with that number.", pk=transfer_id)
    if log:
        audit_view(actor=user, obj=transfer)
    return transfer


# After the decision (R-FB-1..3, R-ESC-1): what the referrer and the family were told, and challenges,
# are seen with the contact by those who see every contact. Never by other agencies or business
# support: feedback names the referrer (R-CON-8).
def followup_contacts_visible_to(user: User) -> QuerySet[Contact]:
    if not (user_roles(user) & _SEE_ALL_CONTACTS) or user_roles(user) & _OTHER_AGENCY_ROLES:
        return Contact.objects.none()
    return contacts_visible_to(user)


def _follows_up(user: User) -> bool:
    return bool(user_roles(user) & _SEE_ALL_CONTACTS) and not user_roles(user) & _OTHER_AGENCY_ROLES


def feedback_visible_to(user: User) -> QuerySet[Feedback]:
    return Feedback.objects.filter(contact_visible(user)) if _follows_up(user) else Feedback.objects.none()


def family_told_visible_to(user: User) -> QuerySet[FamilyTold]:
    return FamilyTold.objects.filter(contact_visible(user)) if _follows_up(user) else FamilyTold.objects.none()


def challenges_visible_to(user: User) -> QuerySet[Challenge]:
    return Challenge.objects.filter(contact_visible(user)) if _follows_up(user) else Challenge.objects.none()


def access_challenge(user: User, reference: str, challenge_id: int, *, log: bool = True) -> Challenge:
    """One challenge on a contact the user follows up, "not found" for missing and forbidden alike."""
    try:
        challenge = (
            challenges_visible_to(user).select_related("contact").get(pk=challenge_id, contact__reference=reference)
        )
    except Challenge.DoesNotExist:
        _deny(user, Challenge, "No challenge with that reference.", pk=challenge_id, contact__reference=reference)
    if log:
        audit_view(actor=user, obj=challenge.contact, detail={"challenge": challenge.pk})
    return challenge


# --- strategy meetings (R-STRAT-1, 002 s6) ------------------------------------------------------------------


def strategy_meetings_visible_to(user: User) -> QuerySet[StrategyMeeting]:
    """The front door's own staff see every meeting on a contact they can see; business support, who
    organise and minute them, see the meetings and only what a meeting needs (002 s6)."""
    roles = user_roles(user)
    if roles & _SEE_ALL_CONTACTS:
        return StrategyMeeting.objects.filter(contact_visible(user))
    if Role.BUSINESS_SUPPORT in roles:
        # R-ACC-2, R-INT-7: not the meetings on a restricted contact
        return StrategyMeeting.objects.exclude(contact__in=Contact.objects.filter(_hidden_contacts(user, reach(user))))
    return StrategyMeeting.objects.none()


def access_strategy_meeting(user: User, meeting_id: int, *, log: bool = True) -> StrategyMeeting:
    """One meeting, "not found" for missing and forbidden alike; the view is logged on the contact."""
    try:
        meeting = strategy_meetings_visible_to(user).select_related("contact").get(pk=meeting_id)
    except (StrategyMeeting.DoesNotExist, ValueError, TypeError):
        _deny(user, StrategyMeeting, "No strategy meeting with that id.", pk=meeting_id)
    if log:
        audit_view(actor=user, obj=meeting.contact, detail={"strategy_meeting": meeting.pk})
    return meeting


# --- subject access and retention (UK GDPR art. 15; R-ACC-2) ------------------------------------------------


def subject_access_people(user: User) -> QuerySet[Person]:
    """Whom an information governance officer may make a subject access export for: anyone in the index
    but a locked-down record, which answers as if it did not exist (R-ACC-2), and a duplicate merged into
    another (its contacts are the kept record's)."""
    if not can(user, Can.SUBJECT_ACCESS):
        return Person.objects.none()
    return Person.objects.filter(restricted=False, merged_into__isnull=True).exclude(pk__in=reach(user).barred)


def access_subject_access_person(user: User, person_id: int, *, log: bool = True) -> Person:
    try:
        person = subject_access_people(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        _deny(user, Person, "No person with that id.", pk=person_id)
    if log:
        audit_view(actor=user, obj=person, detail={"subject_access": True})
    return person


# What the access layer logs beyond views (R-ACC-1, 002: "searching or viewing") ---------------------------


def _deny(user: User, model: type[models.Model], message: str, **lookup: Any) -> NoReturn:
    """Answer "not found"; when the record exists, first write a DENIED event in its own transaction, so
    it is kept although the request fails (callers are never inside a transaction of their own)."""
    try:
        found = model._default_manager.filter(**lookup).only("pk").first()
    except (ValueError, TypeError):
        found = None
    if found is not None:
        with transaction.atomic():
            audit_record(actor=user, action=AuditAction.DENIED, obj=found, detail={"why": _why(user, found)})
    raise Http404(message)


def _why(user: User, found: models.Model) -> str:
    """A word for the access report: barred, restricted (lock-down or a contact about staff), or role."""
    r = reach(user)
    if isinstance(found, Person):
        people = {found.pk}
    else:
        contact_id: Any = found.pk if isinstance(found, Contact) else getattr(found, "contact_id", None)
        people = set(ContactPerson.objects.filter(contact_id=contact_id).values_list("person_id", flat=True))
    if people & r.barred:
        return "barred"
    if Person.objects.filter(pk__in=people - r.allowed, restricted=True).exists():
        return "restricted"
    return "role"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value if isinstance(value, bool | int | float | str) or value is None else str(value)


def audit_search(
    *, user: User, terms: dict[str, Any], results: int, what: str = "people", source: str = ""
) -> None:
    """R-ACC-1: every search, with its terms (kept in the audit detail only, never in a URL or a log).

    `source` says where a search the page ran by itself came from (the contact form matching a typed
    child, a contact's page, the checks register): those are searches too (002: "searching or viewing")."""
    kept = {key: _plain(value) for key, value in terms.items() if value not in ("", None)}
    detail: dict[str, Any] = {"terms": kept, "results": results}
    if source:
        detail["source"] = source
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditAction.SEARCHED,
            object_type=f"{what}.search",
            object_id="",
            detail=detail,
        )


def audit_export(*, user: User, what: str, filters: dict[str, Any], rows: int, obj: models.Model | None = None) -> None:
    """R-ACC-1: every download and export, with its filters and how many rows (or files) it held."""
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditAction.EXPORTED,
            obj=obj,
            object_type=what,
            object_id="",
            detail={"export": what, "filters": {k: _plain(v) for k, v in filters.items()}, "rows": rows},
        )
