"""The one place that decides who may see and do what (R-ACC-1).

Every list, search, export and API goes through `contacts_visible_to` / `people_visible_to`;
single records through `access_contact` / `access_person`, which answer "not found" for
missing and forbidden alike and log the view. Superuser status grants nothing here.

A MASH partner never sees a contact itself (R-ROUTE-3, R-CON-8): only their own agency's checks,
through `agency_checks_visible_to` / `access_agency_check`.
"""

from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from frontdoor.accounts.models import Role, User
from frontdoor.accounts.roles import user_roles
from frontdoor.audit.services import audit_view
from frontdoor.contacts.models import AgencyCheck, Contact, ReferrerKind
from frontdoor.followup.models import Challenge, FamilyTold, Feedback
from frontdoor.people.models import Person
from frontdoor.procedures.loader import get_profile
from frontdoor.registers.models import ChecksRequest, Consultation, TransferIn
from frontdoor.strategy.models import StrategyMeeting


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
    BREAK_GLASS = "break_glass"  # emergency access to a restricted record, with a reason, time-limited (R-ACC-2)
    AUDIT_REPORT = "audit_report"  # who viewed records with no link to the case (R-ACC-1)
    SUBJECT_ACCESS = "subject_access"  # export everything held about one person, redacted (UK GDPR art. 15)
    RETENTION_REVIEW = "retention_review"  # the list of records past their retention period, for review


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
    Role.DUTY_SOCIAL_WORKER: frozenset(_CASEWORK | {Can.CLOSE_CONTACT}),
    Role.ADVANCED_PRACTITIONER: frozenset(_CASEWORK | {Can.CLOSE_CONTACT}),
    # Merging two person records, and undoing a merge, is a team manager's decision alone.
    Role.TEAM_MANAGER: frozenset(
        _CASEWORK | {Can.CLOSE_CONTACT, Can.MERGE_PEOPLE, Can.VIEW_DASHBOARD, Can.MANAGE_OUTBOX}
    ),
    Role.HEAD_OF_SERVICE: frozenset({Can.SEARCH_PEOPLE, Can.VIEW_QUEUES, Can.VIEW_DASHBOARD}),
    # R-ROUTE-3: a partner answers their agency's checks and reaches nothing else, not even an empty queue.
    Role.MASH_PARTNER: frozenset({Can.RESPOND_AGENCY_CHECK}),
    # 002 s6: business support organise and minute strategy meetings, and see only those (so not the
    # emails held back, which can be about any contact).
    Role.BUSINESS_SUPPORT: frozenset({Can.VIEW_QUEUES, Can.ORGANISE_STRATEGY}),
    Role.REFERRER: frozenset(),
    Role.PERFORMANCE_ANALYST: frozenset(),
    Role.INFORMATION_GOVERNANCE: frozenset({Can.AUDIT_REPORT, Can.SUBJECT_ACCESS, Can.RETENTION_REVIEW}),
    Role.SYSTEM_ADMIN: frozenset(),
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
# Roles whose view of a contact must not reveal a non-professional referrer (R-CON-8).
_OTHER_AGENCY_ROLES = frozenset({Role.MASH_PARTNER, Role.REFERRER, Role.BUSINESS_SUPPORT})


def can(user: User, capability: Can) -> bool:
    return any(capability in ROLE_CAPABILITIES.get(role, ()) for role in user_roles(user))


def _authorisers(key: str) -> frozenset[str]:
    return frozenset(getattr(get_profile().authorisers, key))


def can_authorise(user: User, what: str = "threshold_decision") -> bool:
    """Who may authorise is the profile's choice (R-DEC-5; Leeds adds advanced practitioners)."""
    return bool(user_roles(user) & _authorisers(what))


def contacts_visible_to(user: User) -> QuerySet[Contact]:
    roles = user_roles(user)
    contacts = Contact.objects.all()
    if roles & _SEE_ALL_CONTACTS:
        return contacts
    # R-ROUTE-3: a check for a partner's agency opens the check, not the contact (see access_agency_check).
    # 002 s6: business support see only the strategy meetings they organise, through
    # strategy_meetings_visible_to / access_strategy_meeting, never the contact itself.
    condition: Any = Q(pk__in=[])
    if Role.REFERRER in roles:
        condition |= Q(created_by=user)
    return contacts.filter(condition).distinct()


def agency_checks_visible_to(user: User) -> QuerySet[AgencyCheck]:
    """R-ROUTE-3: a MASH partner's checks are their own agency's; nobody else's."""
    if Role.MASH_PARTNER not in user_roles(user) or not user.agency:
        return AgencyCheck.objects.none()
    return AgencyCheck.objects.filter(agency=user.agency)


def agency_partners(agency: str) -> QuerySet[User]:
    """R-ROUTE-3: the active partner users who answer an agency's checks (and are told when one is asked)."""
    return (
        User.objects.filter(is_active=True, agency=agency, groups__name=Role.MASH_PARTNER).distinct().order_by("pk")
    )


def access_agency_check(user: User, reference: str, check_id: int, *, log: bool = True) -> AgencyCheck:
    """R-ROUTE-3: one of the partner's own checks, "not found" for missing and forbidden alike.

    The caller shows the question and the child's identifying details from it, and nothing else of the contact.
    """
    try:
        check = agency_checks_visible_to(user).select_related("contact").get(pk=check_id, contact__reference=reference)
    except AgencyCheck.DoesNotExist:
        raise Http404("No check with that reference.") from None
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
        raise Http404("No contact with that reference.") from None
    if log:
        audit_view(actor=user, obj=contact)
    return contact


def people_visible_to(user: User) -> QuerySet[Person]:
    if can(user, Can.SEARCH_PEOPLE):
        return Person.objects.all()
    return Person.objects.none()


def access_person(user: User, person_id: int, *, log: bool = True) -> Person:
    try:
        person = people_visible_to(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No person with that id.") from None
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
        raise Http404("No consultation with that number.") from None
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
        raise Http404("No request for checks with that number.") from None
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
        raise Http404("No transfer with that number.") from None
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


def feedback_visible_to(user: User) -> QuerySet[Feedback]:
    return Feedback.objects.filter(contact__in=followup_contacts_visible_to(user))


def family_told_visible_to(user: User) -> QuerySet[FamilyTold]:
    return FamilyTold.objects.filter(contact__in=followup_contacts_visible_to(user))


def challenges_visible_to(user: User) -> QuerySet[Challenge]:
    return Challenge.objects.filter(contact__in=followup_contacts_visible_to(user))


def access_challenge(user: User, reference: str, challenge_id: int, *, log: bool = True) -> Challenge:
    """One challenge on a contact the user follows up, "not found" for missing and forbidden alike."""
    try:
        challenge = (
            challenges_visible_to(user).select_related("contact").get(pk=challenge_id, contact__reference=reference)
        )
    except Challenge.DoesNotExist:
        raise Http404("No challenge with that reference.") from None
    if log:
        audit_view(actor=user, obj=challenge.contact, detail={"challenge": challenge.pk})
    return challenge
# --- strategy meetings (R-STRAT-1, 002 s6) ------------------------------------------------------------------


def strategy_meetings_visible_to(user: User) -> QuerySet[StrategyMeeting]:
    """The front door's own staff see every meeting on a contact they can see; business support, who
    organise and minute them, see the meetings and only what a meeting needs (002 s6)."""
    roles = user_roles(user)
    if roles & _SEE_ALL_CONTACTS:
        return StrategyMeeting.objects.filter(contact__in=contacts_visible_to(user))
    if Role.BUSINESS_SUPPORT in roles:
        return StrategyMeeting.objects.all()
    return StrategyMeeting.objects.none()


def access_strategy_meeting(user: User, meeting_id: int, *, log: bool = True) -> StrategyMeeting:
    """One meeting, "not found" for missing and forbidden alike; the view is logged on the contact."""
    try:
        meeting = strategy_meetings_visible_to(user).select_related("contact").get(pk=meeting_id)
    except (StrategyMeeting.DoesNotExist, ValueError, TypeError):
        raise Http404("No strategy meeting with that id.") from None
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
    return Person.objects.filter(restricted=False, merged_into__isnull=True)


def access_subject_access_person(user: User, person_id: int, *, log: bool = True) -> Person:
    try:
        person = subject_access_people(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No person with that id.") from None
    if log:
        audit_view(actor=user, obj=person, detail={"subject_access": True})
    return person
