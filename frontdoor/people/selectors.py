"""Reads from the person index. `people_search` is the one search every contact runs (R-CHK-1)."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

import jellyfish
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date

from frontdoor.accounts.models import User

from .keys import NAME_KEY, given_tokens, name_key, near_dates, query_keys
from .matching import HELD_FIELDS, Comparisons, Details, Held, explained, misreadings, put_in_order, sound
from .model import Model, current_model, strength
from .models import Person, PersonKey, PersonName, normalise_name
from .query import usable_query


@dataclass
class Candidate:
    person: Person
    score: float  # the match probability, 0-1 (model.py)
    band: str  # likely / possible / unlikely
    reasons: list[str] = field(default_factory=list)
    # Each reason with its weight in bits: what pushed the match up (positive) or down (negative).
    evidence: list[tuple[str, float]] = field(default_factory=list)
    # R-ACC-2: a record the searcher may not open is shown only as "Restricted record" and whom to ask;
    # `person` is then a blank stand-in, and `hidden_id` is for the emergency-access form only.
    ask: str = ""
    hidden_id: int | None = None
    token: str = ""  # set by the search page for those who may use emergency access

    @property
    def explained(self) -> list[str]:
        """The reasons as a page shows them: each with its direction and strength in words, no numbers."""
        return [f"{words} ({strength(weight)})" for words, weight in self.evidence]


class Candidates(list[Candidate]):
    """Ranked candidates, with `notes` in words on how the query was searched (query.py), to show with them."""

    def __init__(self, candidates: list[Candidate] = (), notes: list[str] = ()) -> None:  # type: ignore[assignment]
        super().__init__(candidates)
        self.notes = list(notes)


_FALLBACK_CAP = 300


def _fallback_ids(people: QuerySet[Person], given: str, family: str) -> list[int]:
    """Queries too thin for a key (a family name alone, or a given name alone), and queries with no date
    of birth (whose one name key is lost to a single typing error in either name): indexed prefixes, capped.

    The family name as held and as a previous name are read apart, each in its own index's order, so
    the limit stops the read early however common the name. With a given name too, only the family's
    people whose given name begins with the same letter are read (the index is on both names), so that
    "Jlssica Wicklow" finds Jessica Wicklow among a thousand Wicklows."""
    if family:
        # Two thirds held now, a third held before, so that neither crowds the other out. The model's
        # order sorted every namesake before the limit: 6.4 ms for the 1,886 Smiths of 200,000 people,
        # 0.6 ms read in the name index's order.
        held_now = people.filter(family_name_norm=family)
        if given:
            held_now = held_now.filter(given_names_norm__startswith=given[0])
        held_now = held_now.order_by("given_names_norm", "pk")
        ids = list(held_now.values_list("pk", flat=True)[: _FALLBACK_CAP * 2 // 3])
        previous = PersonName.objects.filter(family_name_norm=family).order_by("person_id")
        earlier = list(previous.values_list("person_id", flat=True)[: _FALLBACK_CAP - len(ids)])
        return ids + list(people.filter(pk__in=earlier).values_list("pk", flat=True)) if earlier else ids
    if not given:
        return []
    same_start = people.filter(given_names_norm__startswith=given.split()[0]).order_by("given_names_norm", "pk")
    return list(same_start.values_list("pk", flat=True)[:_FALLBACK_CAP])


# A key shared by this many records says little (a default date of birth such as 1 January 1900):
# it is left out when the query has other keys.
CROWDED_KEY = 800
# The most candidates one search scores. A common family name gives thousands of namesakes; the person
# sought shares more of the query's keys than they do (a date of birth and a name, or a name and a
# postcode), so the cap keeps those first and the search time stays flat without losing them. At a
# million people the person sought, when the blocks hold them, is among the first 123 of the best-keyed
# order for every query of population 1, and the first 217 for population 2 (docs/PERFORMANCE.md).
SCORED_CAP = 300
# The candidates scored first: the person sought is among the best-keyed 150 for all but 2 of those 3,358
# queries, while half of all queries find more than 150 candidates. When one of the first 150 is "likely"
# the search stops there; only a query with no likely candidate among them scores the rest, up to
# SCORED_CAP (15% of queries at a million people).
FIRST_PASS = 150


def _keyed_blocks(keys: set[str]) -> tuple[list[list[int]], bool]:
    """The members of each of the query's keys, crowded keys left out when there are others; and whether
    any record holds the query's names as written (a name key `n:` with members)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    rows = PersonKey.objects.filter(key__in=keys).order_by("key", "person_id").values_list("key", "person_id")
    for key, person_id in rows:
        blocks[key].append(person_id)
    useful = [members for members in blocks.values() if len(members) <= CROWDED_KEY]
    if not useful and blocks:
        useful = [min(blocks.values(), key=len)]
    return useful, any(key.startswith(NAME_KEY) for key in blocks)


def best_keyed(blocks: list[list[int]], cap: int) -> list[int]:
    """At most `cap` of the blocks' members, best-keyed first: those in most blocks, then those in the
    smallest block, then by their place in it (a block read nearest first keeps that order; a key's
    members are in the order of their records), so the order is the same on every database."""
    hits: Counter[int] = Counter()
    smallest: dict[int, tuple[int, int]] = {}
    for members in blocks:
        size = len(members)
        hits.update(set(members))
        for at, pk in enumerate(members):
            if pk not in smallest or (size, at) < smallest[pk]:
                smallest[pk] = (size, at)
    return sorted(hits, key=lambda pk: (-hits[pk], smallest[pk], pk))[:cap]


def most_specific(blocks: list[list[int]], cap: int) -> set[int]:
    """At most `cap` of the blocks' members: those in most blocks first, then those in the smallest block."""
    return set(best_keyed(blocks, cap))


def _misspelt_family_ids(query: Details) -> list[int]:
    """With no date of birth, a misspelt family name loses the one name key (`n:<given sound>:<family
    sound>`): the name keys of the given name's sound whose family sound begins as the query's does
    (Adarns and Adams, East1ow and Eastlow), read as a range of the key index, capped; the keys whose
    family sound is nearest the query's first (fewest letters changed), so that the cap keeps the likely
    spellings of a common given name's thousand family names rather than the first in the alphabet."""
    given, family = given_tokens(query.given_names), normalise_name(query.family_name).replace(" ", "")
    if not given or not family:
        return []
    family_sound = sound(family)
    start = name_key(sound(given[0]), family_sound[:1])
    # A range of the (key, person) index; the prefix is checked again here, whatever the collation.
    in_range = PersonKey.objects.filter(key__gte=start, key__lt=start + "\uffff")
    sizes = {
        key: n
        for key, n in in_range.values("key").annotate(n=Count("*")).values_list("key", "n")
        if key.startswith(start)
    }
    nearest = sorted(
        sizes, key=lambda key: (jellyfish.damerau_levenshtein_distance(key[len(start) - 1 :], family_sound), key)
    )
    chosen, total = [], 0
    for key in nearest:
        if total >= _FALLBACK_CAP:
            break
        chosen.append(key)
        total += sizes[key]
    place = {key: at for at, key in enumerate(chosen)}
    members = PersonKey.objects.filter(key__in=chosen).values_list("key", "person_id")
    return [pk for _, pk in sorted(members, key=lambda row: (place[row[0]], row[1]))][:_FALLBACK_CAP]


def misread_readings(query: Details, model: Model) -> list[Details]:
    """The query with a first or family name nobody in the index holds read as the names one misread
    letter makes (`matching.misreadings`: "Jarnes" as James) that the index does hold (its term
    frequencies): their keys are searched too. A name held as given is not read otherwise."""
    out = []
    given, family = given_tokens(query.given_names), normalise_name(query.family_name)
    held_given, held_family = model.tf.get("given", {}), model.tf.get("family", {})
    if given and given[0] not in held_given:
        readings = sorted(misreadings(given[0]) & held_given.keys())
        out += [replace(query, given_names=" ".join([r, *given[1:]])) for r in readings]
    if family and family not in held_family:
        out += [replace(query, family_name=r) for r in sorted(misreadings(family) & held_family.keys())]
    return out


def ordered_candidate_ids(people: QuerySet[Person], query: Details, model: Model | None = None) -> list[int]:
    """The people who share a blocking key with the query (or with its readings, `misread_readings`),
    best-keyed first (at most SCORED_CAP), after any who hold its NHS number or Unique Pupil Number."""
    given, family = normalise_name(query.given_names), normalise_name(query.family_name)
    keys = query_keys(query)
    for reading in misread_readings(query, model or current_model()):
        keys |= query_keys(reading)
    blocks, named = _keyed_blocks(keys) if keys else ([], False)
    first = given_tokens(query.given_names)[:1]
    if not (query.date_of_birth or (first and family)) and (given or family):
        blocks.append(_fallback_ids(people, given if not family else "", family))
    elif not query.date_of_birth and not named and (given or family):
        # No date of birth, and nobody holds the names as written: one of them may be misspelt.
        blocks.append(_fallback_ids(people, first[0], family))
        blocks.append(_misspelt_family_ids(query))
    if query.date_of_birth and not (given or family):
        near = list(near_dates(query.date_of_birth))
        born = people.filter(date_of_birth__in=near).order_by("date_of_birth", "pk")
        blocks.append(list(born.values_list("pk", flat=True)[:_FALLBACK_CAP]))
    identified: list[int] = []
    if query.nhs_number:
        identified += people.filter(nhs_number=query.nhs_number).order_by("pk").values_list("pk", flat=True)
    if query.upn:
        identified += people.filter(upn=query.upn.upper()).order_by("pk").values_list("pk", flat=True)
    keyed = best_keyed(blocks, SCORED_CAP)
    return list(dict.fromkeys(identified + keyed))


def candidate_ids(people: QuerySet[Person], query: Details) -> set[int]:
    """The people who share a blocking key with the query (at most SCORED_CAP, the best-keyed first),
    and any who hold its NHS number or Unique Pupil Number."""
    return set(ordered_candidate_ids(people, query))


_DATES = tuple(at + 1 for at, name in enumerate(HELD_FIELDS) if name in ("date_of_birth", "expected_delivery_date"))


def _held(people: QuerySet[Person], ids: list[int]) -> list[tuple[int, Held]]:
    """What scoring reads of these candidates (not merged away), read as plain rows: the ORM's statement,
    run without building a row at a time through its converters. A date comes back from SQLite as text and
    is read once per distinct value (candidates share dates of birth); PostgreSQL gives it as a date."""
    rows = people.filter(pk__in=ids, merged_into__isnull=True).order_by().values_list("pk", *HELD_FIELDS)
    try:
        sql, params = rows.query.get_compiler(rows.db).as_sql()
    except EmptyResultSet:  # `people` is none at all
        return []
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    dates: dict[object, datetime.date | None] = {None: None}
    out = []
    for row in found:
        row = list(row)
        for at in _DATES:
            value = row[at]
            day = dates.get(value, False)
            if day is False:
                day = dates[value] = value if isinstance(value, datetime.date) else parse_date(value)
            row[at] = day
        out.append((row[0], Held.from_row(*row[1:])))
    return out


def rank_candidates(*, people: QuerySet[Person], query: Details, limit: int = 20) -> list[Candidate]:
    """Score the people of `people` who share a blocking key with `query`, best first: the best-keyed
    FIRST_PASS, and the rest up to SCORED_CAP only when none of those is a likely match (the slow tail of
    the commonest names, capped without losing the person sought)."""
    if not query.has_search_terms:
        return []
    model = current_model()
    ids = ordered_candidate_ids(people, query, model)
    compare = Comparisons(query, model)  # each distinct value of the candidates compared once
    scored = [(pk, held, compare.score(held, explain=False)) for pk, held in _held(people, ids[:FIRST_PASS])]
    ranked = put_in_order(scored)
    if len(ids) > FIRST_PASS and not (ranked and ranked[0][1].band == "likely"):
        scored += [(pk, held, compare.score(held, explain=False)) for pk, held in _held(people, ids[FIRST_PASS:])]
        ranked = put_in_order(scored)
    top = [(pk, explained(r)) for pk, r in ranked[:limit]]  # the reasons of those shown only
    # The records shown, in one read (in_bulk's checks and the model's ordering left out: they are keyed by pk).
    people_by_pk = {person.pk: person for person in Person.objects.filter(pk__in=[pk for pk, _ in top]).order_by()}
    return [Candidate(people_by_pk[pk], r.value, r.band, r.reasons, r.evidence) for pk, r in top]


def people_search(
    *,
    user: User,
    given_names: str = "",
    family_name: str = "",
    date_of_birth: datetime.date | None = None,
    postcode: str = "",
    nhs_number: str = "",
    sex: str = "",
    upn: str = "",
    limit: int = 20,
) -> Candidates:
    """R-CHK-1: ranked candidates among the people `user` may search, with a band and reasons in words;
    a date of birth in the future is searched as query.py says, and its note is in `notes`.

    R-ACC-2: a record `user` may not open (restricted and not named, or barred) keeps its place in the
    list as "Restricted record" with whom to ask, and nothing identifying."""
    from frontdoor.access.policy import hidden_people, people_searchable_by, whom_to_ask

    asked = Details(given_names, family_name, date_of_birth, postcode, nhs_number, sex, upn)
    query, notes = usable_query(asked, timezone.localdate())
    ranked = rank_candidates(people=people_searchable_by(user), query=query, limit=limit)
    hidden = hidden_people(user, [c.person.pk for c in ranked])
    if not hidden:
        return Candidates(ranked, notes)
    ask = whom_to_ask(sorted(hidden))
    return Candidates(
        [
            Candidate(Person(restricted=True), 0.0, "possible", [], ask=ask[c.person.pk], hidden_id=c.person.pk)
            if c.person.pk in hidden
            else c
            for c in ranked
        ],
        notes,
    )


def people_search_logged(*, user: User, source: str, limit: int = 20, **terms: object) -> list[Candidate]:
    """`people_search` run by a page by itself (the contact form matching a typed child, a contact's page,
    the checks register): logged like any search, its terms in the audit detail only (R-ACC-1, 002:
    "searching or viewing")."""
    from frontdoor.access.policy import audit_search

    found = people_search(user=user, limit=limit, **terms)  # type: ignore[arg-type]
    audit_search(user=user, terms=terms, results=len(found), source=source)
    return found


def household_of(person: Person) -> list[tuple[str, Person]]:
    links = [(r.get_kind_display(), r.other) for r in person.relationships_from.select_related("other")]
    links += [
        (f"{r.get_kind_display()} (this person)", r.person) for r in person.relationships_to.select_related("person")
    ]
    return links
