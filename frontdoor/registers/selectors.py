"""Reads for the registers, always through `frontdoor.access.policy`."""

from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet

from frontdoor.access.policy import checks_requests_visible_to, consultations_visible_to, transfers_in_visible_to
from frontdoor.accounts.models import Role, User
from frontdoor.people.models import Person, Relationship
from frontdoor.procedures.loader import get_profile

from .models import ChecksRequest, ChecksStatus, Consultation, Fact, TransferIn


def _team_name(key: str) -> str:
    return next((t.name for t in get_profile().teams if t.key == key), "")


def _managers(team_key: str) -> str:
    if not team_key:
        return ""
    group = Group.objects.filter(name=Role.TEAM_MANAGER).first()
    users = User.objects.filter(team_key=team_key, groups=group, is_active=True).order_by("last_name", "first_name")
    return ", ".join(u.display_name for u in users)


def _siblings(person: Person) -> list[Person]:
    kind = Relationship.Kind.SIBLING
    ids = set(Relationship.objects.filter(person=person, kind=kind).values_list("other_id", flat=True))
    ids |= set(Relationship.objects.filter(other=person, kind=kind).values_list("person_id", flat=True))
    return list(Person.objects.filter(pk__in=ids, merged_into__isnull=True).order_by("date_of_birth", "pk"))


def shareable_facts(person: Person | None) -> dict[str, str]:
    """R-CHK-2 (002 s2): the facts a basic check may share, looked up from the person index, in words.

    With no child found: only that the child is not known. Nothing else of the record is read.
    """
    if person is None:
        return {Fact.KNOWN: "Not known to children's services"}
    facts: dict[str, str] = {
        Fact.KNOWN: "Known to children's services",
        Fact.OPEN: "Open case" if person.open_case else "Closed: no open case",
    }
    if person.open_case:
        team = _team_name(person.allocated_team_key)
        facts[Fact.WORKER] = person.allocated_worker or "No social worker allocated yet"
        facts[Fact.MANAGER] = _managers(person.allocated_team_key) or (
            f"No manager recorded for {team}" if team else "No team allocated yet"
        )
    siblings = _siblings(person)
    facts[Fact.SIBLINGS] = (
        "; ".join(f"{s.full_name} ({'open case' if s.open_case else 'closed'})" for s in siblings)
        if siblings
        else "No siblings recorded"
    )
    return facts


def consultations(user: User) -> QuerySet[Consultation]:
    return consultations_visible_to(user).select_related("contact", "created_by", "advice_by")


def checks_requests(user: User, status: str = "") -> QuerySet[ChecksRequest]:
    requests = checks_requests_visible_to(user).select_related("created_by", "authorised_by")
    return requests.filter(status=status) if status else requests


def awaiting_authorisation(user: User) -> QuerySet[ChecksRequest]:
    return checks_requests_visible_to(user).filter(status=ChecksStatus.AWAITING_AUTHORISATION)


def transfers_in(user: User) -> QuerySet[TransferIn]:
    return transfers_in_visible_to(user).prefetch_related("escalations")


def child_candidates(user: User, request: ChecksRequest) -> list[Person]:
    """The person index's likely records for the child asked about, through the same search as contacts."""
    from frontdoor.people.selectors import people_search_logged

    if not request.child_family_name:
        return []
    found = people_search_logged(  # R-ACC-1: the look-up is a search, logged with its terms and count
        user=user,
        source="checks register",
        given_names=request.child_given_names,
        family_name=request.child_family_name,
        date_of_birth=request.child_date_of_birth,
        limit=5,
    )
    return [c.person for c in found]


def open_transfers_disputed(user: User) -> QuerySet[TransferIn]:
    return transfers_in_visible_to(user).filter(Q(responsibility_disputed=True))
