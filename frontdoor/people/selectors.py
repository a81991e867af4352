"""Reads from the person index. `people_search` is the one search every contact runs (R-CHK-1)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

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


def _candidate_blocks(given: str, family: str, dob: datetime.date | None, nhs: str) -> list[Q]:
    """Narrow, indexed ways a record can be the person: each is queried on its own and capped."""
    first = given.split()[0] if given else ""
    blocks = []
    if family:
        blocks.append(
            Q(family_name_norm=family, given_names_norm__startswith=first[:1]) if first else Q(family_name_norm=family)
        )
        blocks.append(Q(other_names__family_name_norm=family))
        if first:
            blocks.append(Q(family_name_norm=first, given_names_norm__startswith=family[:1]))  # names swapped
        if not dob:
            blocks.append(Q(family_name_norm__startswith=family[:4], given_names_norm__startswith=first[:1]))
    if dob:
        days = [d for d in (dob, _swapped(dob), _year_off(dob, 1), _year_off(dob, -1)) if d]
        initials = [i for i in (first[:1], family[:1]) if i]
        for day in days:
            block = Q(date_of_birth=day)
            if initials:
                block &= Q(given_names_norm__startswith=initials[0]) | Q(family_name_norm__startswith=initials[-1])
            blocks.append(block)
    elif first and not family:
        blocks.append(Q(given_names_norm__startswith=first))
    if nhs:
        blocks.append(Q(nhs_number=nhs))
    return blocks


def rank_candidates(*, people: QuerySet[Person], query: Details, limit: int = 20) -> list[Candidate]:
    """Score the people of `people` who fall in a candidate block of `query`, best first."""
    given, family = normalise_name(query.given_names), normalise_name(query.family_name)
    if not (given or family or query.date_of_birth or query.nhs_number):
        return []
    ids: set[int] = set()
    for block in _candidate_blocks(given, family, query.date_of_birth, query.nhs_number):
        ids.update(people.filter(block).values_list("pk", flat=True)[:300])
    candidates = []
    for person in Person.objects.filter(pk__in=ids).prefetch_related("addresses", "other_names"):
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
    candidates.sort(key=lambda c: (-c.score, c.person.family_name, c.person.given_names, c.person.pk))
    return candidates[:limit]


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
    """R-CHK-1: ranked candidates among the people `user` may see, with a band and reasons in words."""
    from frontdoor.access.policy import people_visible_to

    query = Details(given_names, family_name, date_of_birth, postcode, nhs_number)
    return rank_candidates(people=people_visible_to(user), query=query, limit=limit)


def household_of(person: Person) -> list[tuple[str, Person]]:
    links = [(r.get_kind_display(), r.other) for r in person.relationships_from.select_related("other")]
    links += [
        (f"{r.get_kind_display()} (this person)", r.person) for r in person.relationships_to.select_related("person")
    ]
    return links
