"""Reads from the person index. `people_search` is the one search every contact runs (R-CHK-1)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from frontdoor.accounts.models import User

from .matching import Details, score
from .models import Person, normalise_name


@dataclass
class Candidate:
    person: Person
    score: float
    band: str  # likely / possible / unlikely
    reasons: list[str] = field(default_factory=list)


def _swapped(day: datetime.date) -> datetime.date | None:
    try:
        return day.replace(day=day.month, month=day.day)
    except ValueError:
        return None


def _year_off(day: datetime.date, years: int) -> datetime.date | None:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return None


def _candidate_filter(given: str, family: str, dob: datetime.date | None, nhs: str) -> Q:
    """Which people to score: names (current, previous, swapped) or a near date of birth."""
    query = Q(pk__in=[])
    first = given.split()[0] if given else ""
    if family:
        query |= Q(family_name_norm__startswith=family) | Q(other_names__family_name_norm=family)
        query |= Q(family_name_norm__contains=f" {family}") if " " not in family else Q(pk__in=[])
        if first:
            query |= Q(family_name_norm=first, given_names_norm__startswith=family.split()[0])
    if dob:
        days = [d for d in (dob, _swapped(dob), _year_off(dob, 1), _year_off(dob, -1)) if d]
        near = Q(date_of_birth__in=days)
        initials = Q(given_names_norm__startswith=first[:1]) if first else Q()
        if family:
            initials |= Q(family_name_norm__startswith=family[:1])
        query |= near & initials
    elif first and not family:
        query |= Q(given_names_norm__startswith=first)
    if nhs:
        query |= Q(nhs_number=nhs)
    return query


def people_search(
    *,
    user: User,
    given_names: str = "",
    family_name: str = "",
    date_of_birth: datetime.date | None = None,
    postcode: str = "",
    nhs_number: str = "",
    limit: int = 20,
) -> list[Candidate]:
    """R-CHK-1: ranked candidates with a score, a band and the reasons in words."""
    from frontdoor.access.policy import people_visible_to

    given, family = normalise_name(given_names), normalise_name(family_name)
    if not (given or family or date_of_birth or nhs_number):
        return []
    people = (
        people_visible_to(user)
        .filter(_candidate_filter(given, family, date_of_birth, nhs_number))
        .distinct()
        .prefetch_related("addresses", "other_names")[:500]
    )
    query = Details(given_names, family_name, date_of_birth, postcode, nhs_number)
    candidates = []
    for person in people:
        result = score(
            query,
            given=person.given_names,
            family=person.family_name,
            previous=[n.family_name for n in person.other_names.all()],
            dob=person.date_of_birth,
            postcodes=[a.postcode for a in person.addresses.all()],
            nhs_number=person.nhs_number,
        )
        candidates.append(Candidate(person=person, score=result.value, band=result.band, reasons=result.reasons))
    candidates.sort(key=lambda c: (-c.score, c.person.family_name, c.person.given_names))
    return candidates[:limit]


def household_of(person: Person) -> list[tuple[str, Person]]:
    links = [(r.get_kind_display(), r.other) for r in person.relationships_from.select_related("other")]
    links += [
        (f"{r.get_kind_display()} (this person)", r.person) for r in person.relationships_to.select_related("person")
    ]
    return links
