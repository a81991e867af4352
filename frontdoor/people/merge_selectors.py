"""Reads for the merge pages: a record's likely duplicates, the side-by-side comparison, merge history."""

from dataclasses import dataclass

from django.db.models import Q

from frontdoor.access.policy import contacts_visible_to, hidden_people, people_visible_to
from frontdoor.accounts.models import User

from .matching import Details
from .models import DistinctPair, Person, PersonMerge
from .selectors import Candidate, rank_candidates

OFFERED_BANDS = ("likely", "possible")


def distinct_from(person: Person) -> set[int]:
    """The records a worker confirmed are not this person."""
    pairs = DistinctPair.objects.filter(Q(first=person) | Q(second=person)).values_list("first_id", "second_id")
    return {pk for pair in pairs for pk in pair} - {person.pk}


def distinct_pair(first: Person, second: Person) -> DistinctPair | None:
    low, high = sorted((first.pk, second.pk))
    return DistinctPair.objects.select_related("confirmed_by").filter(first_id=low, second_id=high).first()


def _details(person: Person) -> Details:
    address = person.addresses.order_by("-is_current", "-moved_in").first()
    return Details(
        person.given_names,
        person.family_name,
        person.date_of_birth,
        address.postcode if address else "",
        person.nhs_number,
    )


def merge_candidates(*, user: User, person: Person, limit: int = 20) -> list[Candidate]:
    """This person's likely and possible duplicates among the records `user` may see (R-CHK-1).

    Merged records are never offered (rank_candidates leaves them out), nor pairs confirmed distinct.
    """
    people = people_visible_to(user).exclude(pk__in={person.pk, *distinct_from(person)})
    ranked = rank_candidates(people=people, query=_details(person), limit=limit)
    return [c for c in ranked if c.band in OFFERED_BANDS]


@dataclass(frozen=True)
class Row:
    label: str
    first: str
    second: str

    @property
    def differs(self) -> bool:
        return self.first != self.second


def _dob(person: Person) -> str:
    if person.is_unborn:
        return f"Unborn, due {person.expected_delivery_date:%d/%m/%Y}" if person.expected_delivery_date else "Unborn"
    return f"{person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else "Not known"


def _flags(person: Person) -> str:
    names = [("open_case", "Open case"), ("cp_plan", "CP plan"), ("looked_after", "Looked after")]
    names.append(("restricted", "Restricted record"))
    return ", ".join(label for field, label in names if getattr(person, field)) or "None"


def _summary(user: User, person: Person) -> dict[str, str]:
    addresses = [f"{a}{' (current)' if a.is_current else ''}" for a in person.addresses.all()]
    case = f"Open: {person.allocated_worker or 'no worker'}" if person.open_case else "No open case"
    return {
        "Given names": person.given_names or "—",
        "Family name": person.family_name,
        "Other names": "; ".join(f"{n} ({n.get_kind_display().lower()})" for n in person.other_names.all()) or "None",
        "Date of birth": _dob(person),
        "Sex": person.get_sex_display(),
        "NHS number": person.nhs_number or "Not known",
        "Unique pupil number": person.upn or "Not known",
        "Addresses": "; ".join(addresses) or "None",
        "School or nursery": person.school or "—",
        "Case": case,
        "Contacts": str(contacts_visible_to(user).filter(people__person=person).distinct().count()),
        "Threshold decisions": str(person.threshold_decisions.count()),
        "Flags": _flags(person),
    }


def merge_comparison(*, user: User, first: Person, second: Person) -> list[Row]:
    """The two records side by side, one row per detail, for a manager deciding whether to merge."""
    a, b = _summary(user, first), _summary(user, second)
    return [Row(label, a[label], b[label]) for label in a]


def merge_history(*, user: User, person: Person) -> list[PersonMerge]:
    """Every merge this record took part in, kept or merged, newest first (undone ones included)."""
    merges = list(
        PersonMerge.objects.filter(Q(kept=person) | Q(duplicate=person)).select_related(
            "duplicate", "kept", "merged_by", "undone_by"
        )
    )
    # The few merges found first, then the records among them the user may not open (R-ACC-2): a filter on
    # "every person the user may open" as a subquery can be planned as a join over the whole index.
    hidden = hidden_people(user, [pk for m in merges for pk in (m.kept_id, m.duplicate_id)])
    return [m for m in merges if m.kept_id not in hidden and m.duplicate_id not in hidden]


def merged_into_by(person: Person) -> PersonMerge | None:
    """The merge, not undone, that folded this record into another."""
    if person.merged_into_id is None:
        return None
    return (
        PersonMerge.objects.filter(duplicate=person, undone_at__isnull=True).select_related("kept", "merged_by").first()
    )
