"""The "Household and family" table of a person's page: recorded relationships, and people who
live at the same current address but are not linked (R-INT-3: names and dates of birth of all
household members). Restricted people are shown as "Restricted record" only (R-ACC-2)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from frontdoor.access.policy import hidden_people, people_searchable_by
from frontdoor.accounts.models import User

from .models import Address, Person, Relationship

SAME_ADDRESS = "Lives at the same address"
UNKNOWN_ADDRESS = "Address not known"  # the line person_create writes when only a postcode was given
SAME_ADDRESS_LIMIT = 20

K = Relationship.Kind
# What the other person is to this one: (when this person is <kind> of them, when they are <kind> of this person).
LABELS: dict[str, tuple[str, str]] = {
    K.PARENTAL_RESPONSIBILITY: ("Child they have parental responsibility for", "Has parental responsibility"),
    K.PARENT: ("Child", "Parent"),
    K.CARER: ("Cared for by this person", "Carer"),
    K.SIBLING: ("Sibling", "Sibling"),
    K.HOUSEHOLD_MEMBER: ("Household member", "Household member"),
    K.ALLEGED_PERPETRATOR: ("Alleged to have been harmed by this person", "Alleged perpetrator"),
}


@dataclass(frozen=True)
class HouseholdRow:
    relationship: str
    person: Person
    age: int | None
    hidden: bool = False  # R-ACC-2: a record this user may not open (restricted and not named, or barred)

    @property
    def restricted(self) -> bool:
        return self.hidden


def _linked(person: Person, visible: QuerySet[Person]) -> list[tuple[str, Person]]:
    outgoing = person.relationships_from.filter(other__in=visible).select_related("other").order_by("pk")
    incoming = person.relationships_to.filter(person__in=visible).select_related("person").order_by("pk")
    links = [(LABELS[r.kind][0], r.other) for r in outgoing]
    links += [(LABELS[r.kind][1], r.person) for r in incoming]
    # One row a person: "Parent; has parental responsibility" rather than two rows for one parent.
    labels: dict[int, list[str]] = {}
    people: dict[int, Person] = {}
    for label, other in links:
        people.setdefault(other.pk, other)
        named = labels.setdefault(other.pk, [])
        if label not in named:
            named.append(label)
    return [
        ("; ".join([named[0], *(n[0].lower() + n[1:] for n in named[1:])]), people[pk]) for pk, named in labels.items()
    ]


def _same_address(person: Person, visible: QuerySet[Person], exclude: set[int]) -> list[Person]:
    """People not already linked whose current address has the same line and postcode."""
    current = person.addresses.filter(is_current=True).exclude(postcode_norm="").exclude(line__iexact=UNKNOWN_ADDRESS)
    condition = Q(pk__in=[])
    for address in current:
        condition |= Q(postcode_norm=address.postcode_norm, line__iexact=address.line.strip())
    sharing = Address.objects.filter(condition, is_current=True).exclude(person_id__in=exclude).values("person_id")
    return list(visible.filter(pk__in=sharing, merged_into__isnull=True)[:SAME_ADDRESS_LIMIT])


def household_of_person(*, user: User, person: Person, today: datetime.date | None = None) -> list[HouseholdRow]:
    """Relationships first, then people living at the same address who are not linked."""
    today = today or timezone.localdate()
    visible = people_searchable_by(user)
    links = _linked(person, visible)
    exclude = {person.pk, *(other.pk for _, other in links)}
    links += [(SAME_ADDRESS, other) for other in _same_address(person, visible, exclude)]
    hidden = hidden_people(user, [other.pk for _, other in links])
    return [HouseholdRow(label, other, other.age_on(today), other.pk in hidden) for label, other in links]
