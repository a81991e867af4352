"""Reads from the person index. `people_search` is the one search every contact runs (R-CHK-1)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from frontdoor.accounts.models import User

from .models import Person, normalise_name, normalise_postcode


@dataclass
class Candidate:
    person: Person
    score: float
    band: str  # likely / possible / unlikely
    reasons: list[str] = field(default_factory=list)


def _score(person: Person, given: str, family: str, dob: datetime.date | None, postcode: str) -> Candidate:
    reasons: list[str] = []
    score = 0.0
    if family and person.family_name_norm == family:
        score += 0.35
        reasons.append("same family name")
    elif family:
        reasons.append("previous or similar family name")
        score += 0.2
    if given and person.given_names_norm.split()[:1] == given.split()[:1]:
        score += 0.3
        reasons.append("same first name")
    if dob and person.date_of_birth == dob:
        score += 0.3
        reasons.append("same date of birth")
    if postcode and any(a.postcode_norm == postcode for a in person.addresses.all()):
        score += 0.05
        reasons.append("same postcode")
    band = "likely" if score >= 0.8 else "possible" if score >= 0.5 else "unlikely"
    return Candidate(person=person, score=round(min(score, 1.0), 3), band=band, reasons=reasons)


def people_search(
    *,
    user: User,
    given_names: str = "",
    family_name: str = "",
    date_of_birth: datetime.date | None = None,
    postcode: str = "",
    limit: int = 20,
) -> list[Candidate]:
    """Plain search by name, date of birth and postcode; the matching engine replaces this body."""
    from frontdoor.access.policy import people_visible_to

    given, family = normalise_name(given_names), normalise_name(family_name)
    pc = normalise_postcode(postcode)
    if not (given or family or date_of_birth):
        return []
    query = Q()
    if family:
        query &= Q(family_name_norm__startswith=family) | Q(other_names__family_name_norm__startswith=family)
    if given:
        query &= Q(given_names_norm__startswith=given.split()[0])
    if date_of_birth and not (given and family):
        query &= Q(date_of_birth=date_of_birth)
    people = people_visible_to(user).filter(query).distinct().prefetch_related("addresses")[: limit * 3]
    candidates = [_score(p, given, family, date_of_birth, pc) for p in people]
    candidates.sort(key=lambda c: (-c.score, c.person.family_name, c.person.given_names))
    return candidates[:limit]


def household_of(person: Person) -> list[tuple[str, Person]]:
    links = [(r.get_kind_display(), r.other) for r in person.relationships_from.select_related("other")]
    links += [
        (f"{r.get_kind_display()} (this person)", r.person) for r in person.relationships_to.select_related("person")
    ]
    return links
