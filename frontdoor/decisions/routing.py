"""Which team a contact goes to (R-ROUTE-1, R-ROUTE-2, R-DEC-8)."""

from collections.abc import Sequence
from dataclasses import dataclass

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.people.models import Person
from frontdoor.procedures.loader import get_profile

from .choices import REFERRAL_OUTCOMES, Outcome


@dataclass(frozen=True)
class RoutingSuggestion:
    team_key: str
    team_name: str
    reason: str


def _postcode(person: Person) -> str:
    address = next((a for a in person.addresses.all() if a.is_current), None)
    return address.postcode if address else ""


def open_case_routing(contact: Contact) -> RoutingSuggestion | None:
    """R-ROUTE-1: a child with an open case and an allocated team: the contact goes to that team."""
    profile = get_profile()
    links = contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    for link in links:
        person = link.person
        if person.open_case and person.allocated_team_key:
            team = profile.team(person.allocated_team_key)
            worker = person.allocated_worker or "an allocated worker"
            return RoutingSuggestion(
                team.key,
                team.name,
                f"{person.full_name} has an open case with {worker} ({team.name}).",
            )
    return None


def team_for_decision(contact: Contact, decisions: Sequence) -> str:  # noqa: ANN001
    """R-ROUTE-2: open case → the allocated team; otherwise the area fieldwork team for the address;
    R-DEC-8: a non-urgent pre-birth referral may pass directly to the local team; early help → hub."""
    profile = get_profile()
    opened = [d for d in decisions if d.opened]
    if any(d.outcome in REFERRAL_OUTCOMES for d in opened):
        child = next(d for d in opened if d.outcome in REFERRAL_OUTCOMES).child
        if child.open_case and child.allocated_team_key:
            return child.allocated_team_key
        local = profile.teams_of_kind("local_unit")
        urgent = contact.screening_urgent_action == "yes"
        if child.is_unborn and profile.pre_birth_direct_to_local_team and local and not urgent:
            return local[0].key
        return profile.fieldwork_team_for_postcode(_postcode(child)).key
    if any(d.outcome == Outcome.EARLY_HELP for d in opened):
        hubs = profile.teams_of_kind("early_help")
        if hubs:
            return hubs[0].key
    return contact.team_key
