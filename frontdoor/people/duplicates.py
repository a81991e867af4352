"""`frontdoor people duplicates`: likely duplicate records across the whole person index.

Pairs are drawn from the blocking keys (keys.py), never from all pairs: two records are compared when
their given and family names sound alike (`n:` keys) and their dates of birth are related as a search
relates them (or one is missing, in a small block), when they share a family name's sound and the
exact date of birth (`y:` keys, so nicknames and misspelt first names are caught), when their first
names sound alike and they share the date of birth (`d:` keys, so misspelt family names are caught),
when they share an NHS number, or when one's given and family names are the other's written the wrong
way round (with related dates of birth, as for `n:` keys). Each pair is then scored like a search
(matching.py), so twins and siblings, who differ in their first name, are not offered. Pairs a worker
confirmed are different people, and records already merged, are left out.
"""

import csv
import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from django.db import connection
from django.db.models import Count

from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_operation

from .keys import NAME_KEY, given_tokens
from .matching import HELD_FIELDS, Held, Score, score_held, sound
from .model import Model, current_model
from .models import DistinctPair, Person, PersonKey, normalise_name

BANDS = {"likely": ("likely",), "possible": ("likely", "possible")}
# Without a date of birth on one side, a name block is paired whole only up to this size.
MAX_UNDATED_BLOCK = 50


@dataclass
class DuplicatesResult:
    people: int = 0
    pairs_compared: int = 0
    pairs_found: int = 0


def _load_people() -> tuple[dict[int, Held], dict[int, str]]:
    """Every record not merged away, as scoring reads it, and the id each is known by outside."""
    people, names = {}, {}
    rows = Person.objects.filter(merged_into__isnull=True).values_list("pk", "source_id", *HELD_FIELDS)
    for pk, source_id, *row in rows.iterator(chunk_size=20_000):
        people[pk], names[pk] = Held.from_row(*row), source_id or str(pk)
    return people, names


def _blocks(prefix: str) -> Iterator[list[int]]:
    """Members of each key starting with `prefix`, read in key order straight from the key index."""
    table = PersonKey._meta.db_table
    with connection.cursor() as cursor:
        # LIKE rather than a range: under PostgreSQL's language collations punctuation does not sort as bytes.
        cursor.execute(
            f"SELECT key, person_id FROM {table} WHERE key LIKE %s ORDER BY key",  # noqa: S608
            [prefix + "%"],
        )
        current: str | None = None
        members: list[int] = []
        while batch := cursor.fetchmany(20_000):
            for key, person_id in batch:
                if key != current:
                    if len(members) > 1:
                        yield members
                    current, members = key, []
                members.append(person_id)
        if len(members) > 1:
            yield members


def _date_signatures(dob: datetime.date) -> tuple[tuple, ...]:
    """Two dates related as a search relates them (same; one part different, which covers a year out
    by one; day and month swapped; up to three days apart) share at least one signature."""
    y, m, d, day = dob.year, dob.month, dob.day, dob.toordinal()
    return (
        ("ym", y, m),
        ("yd", y, d),
        ("md", m, d),
        ("swap", y, min(m, d), max(m, d)),
        ("w", day // 7),
        ("w3", (day + 3) // 7),
    )


def _by_related_dates(
    members: list[int],
    people: dict[int, Held],
    *,
    exact: bool,
    across: tuple[set[int], set[int]] | None = None,
) -> Iterator[tuple[int, int]]:
    """Pairs of a block whose dates of birth are related (`exact`: the same), plus those with one
    date missing when the block is small enough to say something; `across`: only pairs with one
    member in each of the two sets."""
    if across is not None:
        first, second = across
        pairs = _by_related_dates(members, people, exact=exact)
        yield from ((a, b) for a, b in pairs if (a in first and b in second) or (a in second and b in first))
        return
    buckets: dict[tuple, list[int]] = defaultdict(list)
    undated = []
    for pk in members:
        held = people.get(pk)
        if held is None:
            continue
        if held.dob is None:
            undated.append(pk)
            continue
        for signature in [("=", held.dob)] if exact else _date_signatures(held.dob):
            buckets[signature].append(pk)
    for bucket in buckets.values():
        yield from combinations(sorted(bucket), 2)
    if undated and not exact and len(members) <= MAX_UNDATED_BLOCK:
        yield from ((min(a, b), max(a, b)) for a in undated for b in members if a != b)


def _by_given_sound(members: list[int], people: dict[int, Held]) -> Iterator[tuple[int, int]]:
    """Within a date-of-birth block, records whose first names sound alike: a misspelt family name."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for pk in members:
        held = people.get(pk)
        if held is not None and (tokens := given_tokens(held.given)):
            buckets[sound(tokens[0])].append(pk)
    for bucket in buckets.values():
        yield from combinations(sorted(bucket), 2)


def _name_sounds(given: str, family: str) -> tuple[str, str] | None:
    """The sounds of the first given name and the whole family name, as an `n:` key pairs them."""
    tokens, family_norm = given_tokens(given), normalise_name(family)
    if not tokens or not family_norm:
        return None
    return sound(tokens[0]), sound(family_norm)


def _by_swapped_names(people: dict[int, Held]) -> Iterator[tuple[int, int]]:
    """Records whose given and family names are another's written the wrong way round (Smith Alfred and
    Alfred Smith), with related dates of birth or one missing, as the `n:` blocks pair them."""
    by_names: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pk, held in people.items():
        if (names := _name_sounds(held.given, held.family)) is not None:
            by_names[names].append(pk)
    for names, members in by_names.items():
        mirrored = by_names.get((names[1], names[0]))
        if mirrored and names < (names[1], names[0]):
            yield from _by_related_dates(members + mirrored, people, exact=False, across=(set(members), set(mirrored)))


def candidate_pairs(people: dict[int, Held]) -> set[tuple[int, int]]:
    """Name-alike records with related dates of birth; same family sound and date (nicknames, typos
    in the first name); same first-name sound and date (typos in the family name); a shared NHS
    number. Unrelated dates of birth never make a likely pair."""
    pairs: set[tuple[int, int]] = set()
    for members in _blocks(NAME_KEY):
        pairs.update(_by_related_dates(members, people, exact=False))
    for members in _blocks("y:"):
        pairs.update(_by_related_dates(members, people, exact=True))
    for members in _blocks("d:"):
        pairs.update(_by_given_sound(members, people))
    pairs.update(_by_swapped_names(people))
    shared = Person.objects.exclude(nhs_number="").values("nhs_number").annotate(n=Count("pk")).filter(n__gt=1)
    holders: dict[str, list[int]] = defaultdict(list)
    for number, pk in Person.objects.filter(nhs_number__in=shared.values("nhs_number")).values_list("nhs_number", "pk"):
        holders[number].append(pk)
    for members in holders.values():
        pairs.update(combinations(sorted(members), 2))
    return {(a, b) for a, b in pairs if a != b and a in people and b in people}


def pair_score(a: Held, b: Held, model: Model | None = None) -> Score:
    """Two records scored with the search's model, one read as what a caller said about the other."""
    return score_held(a.as_query(), b, model or current_model())


def _reasons(evidence: list[tuple[str, float]]) -> str:
    """Each reason with its weight in bits, for the operator's file: "same date of birth (+14.2)"."""
    return "; ".join(f"{words} ({weight:+.1f})" for words, weight in evidence)


def people_duplicates(*, out: Path, min_band: str = "likely") -> DuplicatesResult:
    """Write `person_id_1,person_id_2,score,band,reasons` for every pair at `min_band` or above, best first."""
    result = DuplicatesResult()
    people, names = _load_people()
    result.people = len(people)
    pairs = candidate_pairs(people)
    pairs -= set(DistinctPair.objects.values_list("first", "second"))
    result.pairs_compared = len(pairs)
    found = []
    model = current_model()
    for a, b in sorted(pairs):
        s = pair_score(people[a], people[b], model)
        if s.band in BANDS[min_band]:
            found.append((s.value, names[a], names[b], s))
    found.sort(key=lambda row: (-row[0], row[1], row[2]))
    with out.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(("person_id_1", "person_id_2", "score", "band", "reasons"))
        for value, first, second, s in found:
            writer.writerow((first, second, f"{value:.3f}", s.band, _reasons(s.evidence)))
    result.pairs_found = len(found)
    audit_operation(
        action=AuditAction.PEOPLE_DUPLICATES_LISTED,
        object_type="people.duplicates",
        object_id=out.name,
        detail={"people": result.people, "compared": result.pairs_compared, "found": result.pairs_found},
    )
    return result
