"""Which team a contact goes to (R-ROUTE-1, R-ROUTE-2, R-DEC-8)."""

from collections.abc import Sequence
from dataclasses import dataclass

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.core.errors import ServiceError
from frontdoor.core.models import YesNoUnknown
from frontdoor.people.models import Person
from frontdoor.procedures.loader import get_profile

from .choices import ASSESSMENT_ONLY_OUTCOMES, REFERRAL_OUTCOMES, Outcome

# Kinds of team a manager may choose when the family's address does not show the area team.
CHOOSABLE_KINDS = ("fieldwork", "local_unit", "looked_after", "health_disability")


@dataclass(frozen=True)
class RoutingSuggestion:
    team_key: str
    team_name: str
    reason: str
    person_id: int = 0
    worker: str = ""
    child_name: str = ""


@dataclass(frozen=True)
class Routing:
    """Where a decided contact goes, and whether the manager chose it because the address did not say."""

    team_key: str
    chosen_by_manager: bool = False


def _postcode(person: Person) -> str:
    address = next((a for a in person.addresses.all() if a.is_current), None)
    return address.postcode if address else ""


def _subjects(contact: Contact) -> list[Person]:
    links = contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    return [link.person for link in links.prefetch_related("person__addresses")]


def has_allocated_team(person: Person) -> bool:
    """An open case with an allocated team the profile knows."""
    if not (person.open_case and person.allocated_team_key):
        return False
    return any(t.key == person.allocated_team_key for t in get_profile().teams)


def open_case_routings(contact: Contact) -> list[RoutingSuggestion]:
    """R-ROUTE-1: every child on the contact with an open case, and the team allocated to them."""
    profile = get_profile()
    suggestions = []
    for person in _subjects(contact):
        if has_allocated_team(person):
            team = profile.team(person.allocated_team_key)
            worker = person.allocated_worker or "an allocated worker"
            suggestions.append(
                RoutingSuggestion(
                    team.key,
                    team.name,
                    f"{person.full_name} has an open case with {worker} ({team.name}).",
                    person.pk,
                    person.allocated_worker,
                    person.full_name,
                )
            )
    return suggestions


def open_case_routing(contact: Contact) -> RoutingSuggestion | None:
    """The first child with an open case (see `open_case_routings` for all of them)."""
    suggestions = open_case_routings(contact)
    return suggestions[0] if suggestions else None


def routing_unknown(contact: Contact) -> bool:
    """R-ROUTE-2: a child without an open case whose postcode is missing or covered by no area team.

    The decision page then asks the manager to choose the team, should the contact become a referral.
    """
    profile = get_profile()
    return any(
        not has_allocated_team(p) and profile.fieldwork_team_for_postcode(_postcode(p)) is None
        for p in _subjects(contact)
    )


def choosable_teams() -> list[tuple[str, str]]:
    return [(t.key, t.name) for t in get_profile().teams if t.kind in CHOOSABLE_KINDS]


def _pre_birth_direct(contact: Contact, opened: Sequence, rating: str) -> str | None:
    """R-DEC-8, 002 s5: "Where it is clear that a detailed assessment will be needed, for example in
    non-urgent pre-birth referrals, the case may be passed directly to the local social work Unit."

    Only when every referral is about an unborn child and is an assessment (not a strategy
    discussion), the rating is not one the profile counts as urgent (`out_of_hours.urgent_ratings`),
    and screening found no need for urgent action.
    """
    profile = get_profile()
    local = profile.teams_of_kind("local_unit")
    referrals = [d for d in opened if d.outcome in REFERRAL_OUTCOMES]
    if not (profile.pre_birth_direct_to_local_team and local and referrals):
        return None
    if not all(d.child.is_unborn and d.outcome in ASSESSMENT_ONLY_OUTCOMES for d in referrals):
        return None
    urgent = profile.out_of_hours.urgent_ratings if profile.out_of_hours else []
    if rating in urgent or contact.screening_urgent_action == YesNoUnknown.YES:
        return None
    return local[0].key


def _referral_team(contact: Contact, opened: Sequence, rating: str, chosen_team: str) -> Routing:
    profile = get_profile()
    referrals = [d for d in opened if d.outcome in REFERRAL_OUTCOMES]
    with_case = next((d.child for d in referrals if has_allocated_team(d.child)), None)
    if with_case is not None:
        return Routing(with_case.allocated_team_key)
    local = _pre_birth_direct(contact, opened, rating)
    if local:
        return Routing(local)
    for decision in referrals:
        team = profile.fieldwork_team_for_postcode(_postcode(decision.child))
        if team is not None:
            return Routing(team.key)
    if not chosen_team:
        raise ServiceError(
            "The family's address does not show which area team covers it: choose the team.", field="team"
        )
    if chosen_team not in dict(choosable_teams()):
        raise ServiceError("Choose one of the teams listed.", field="team")
    return Routing(chosen_team, chosen_by_manager=True)


def team_for_decision(contact: Contact, decisions: Sequence, *, rating: str = "", chosen_team: str = "") -> Routing:
    """R-ROUTE-1: passed to the allocated worker → the allocated team. R-ROUTE-2: a referral → the
    allocated team of a child with an open case, otherwise the area fieldwork team for the address, or
    the team the manager chose when the address does not show it. R-DEC-8: a non-urgent pre-birth
    assessment may pass directly to the local unit. Early help → the hub."""
    profile = get_profile()
    rating = rating or contact.rating
    opened = [d for d in decisions if d.opened]
    for decision in opened:
        if decision.outcome == Outcome.PASSED_TO_ALLOCATED_WORKER and has_allocated_team(decision.child):
            return Routing(decision.child.allocated_team_key)
    if any(d.outcome in REFERRAL_OUTCOMES for d in opened):
        return _referral_team(contact, opened, rating, chosen_team)
    if any(d.outcome == Outcome.EARLY_HELP for d in opened):
        hubs = profile.teams_of_kind("early_help")
        if hubs:
            return Routing(hubs[0].key)
    return Routing(contact.team_key)
