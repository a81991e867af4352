"""`frontdoor people train`: estimate the matching model (model.py) from the council's own index (R-CHK-1).

- Term frequencies: how often each first name, family name and date of birth occurs in the index.
- u (how often two different people agree by chance): from a seeded random sample of pairs of records.
- m (how often the same person's two descriptions agree): by expectation–maximisation over pairs that
  share a blocking rule, each comparison learnt from a rule that leaves it free — the name comparisons
  from pairs with the same date of birth and postcode, the date of birth, postcode and identifiers from
  pairs whose names sound the same — because a comparison used to choose the pairs always agrees in
  them. Same-household pairs (same family name and postcode, or related in the index) with different
  first names are kept out, or EM learns households as the match class and twins rank as each other.
- Labels: workers' picks, "these are different people", merges and undone merges (`MatchLabel`,
  `DistinctPair`, `PersonMerge`) are known pairs: a pair known to be the same person counts as a match
  in every EM, one known to be different is taken out of the unlabelled pairs. EM is the cold start;
  labels pull the estimate towards what the front door's own work shows.
- Both m and u are drawn towards the default parameters by a few pseudo-pairs, so a small index, or
  one with no duplicates, gives a model near the documented defaults rather than a wild one.

Same data, same seed: the same parameters (seeded generator, records and pairs in a fixed order).
"""

import bisect
import datetime
import hashlib
import itertools
import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import transaction
from django.utils import timezone

from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record

from .matching import HELD_FIELDS, Details, Held, evidence, sound
from .model import COMPARISONS, DEFAULT_MODEL, DEFAULT_PARAMETERS, LEVELS, TERM_FREQUENCY, forget_model
from .models import (
    DistinctPair,
    MatchLabel,
    MatchModel,
    Person,
    PersonMerge,
    Relationship,
    normalise_name,
    normalise_postcode,
)

SEED = 11
RANDOM_PAIRS = 200_000
MAX_BLOCK = 40  # a block bigger than this (a common name, a default date) is left out of a rule
MAX_RULE_PAIRS = 200_000
U_PRIOR_PAIRS = 1_000  # pseudo-pairs drawing u towards the defaults
M_PRIOR_PAIRS = 100  # pseudo-pairs drawing m towards the defaults
MAX_ITERATIONS = 100
TOLERANCE = 1e-7
LABEL_WEIGHT = 1.0
TF_MINIMUM_COUNT = 2  # values seen once are not listed (an unlisted value counts 1)

# Two records of one household are kept out of the m estimate unless their first names are the same (or a
# short and formal form): siblings' names are often alike (Riya and Priya), twins' too.
HOUSEHOLD_SAME_GIVEN = ("exact", "form")

Vector = tuple[str | None, ...]
Counts = dict[str, defaultdict[str, float]]
Pair = tuple[int, int]

# Each blocking rule: the comparisons it blocks on (left out of its EM: they agree by construction), the
# comparisons it learns, and the pairs that are surely the same person (which fix the share of matches
# among its pairs, so that in an index with few duplicates EM cannot make a match class of non-matches).
RULES = {
    "same date of birth and postcode": (("dob", "postcode"), ("given", "family", "sex")),
    "names that sound the same": (("given", "family"), ("dob", "postcode", "nhs", "upn")),
}


def _surely_same(rule: str, levels: dict[str, str | None]) -> bool:
    if "same" in (levels["nhs"], levels["upn"]):
        return True
    if rule == "names that sound the same":
        return levels["dob"] == "exact" and levels["given"] == "exact" and levels["family"] == "exact"
    return levels["given"] in ("exact", "form") and levels["family"] in ("exact", "previous", "part")


@dataclass
class Labelled:
    same: list[Vector]
    different: set[Pair]
    sources: Counter


def _load() -> dict[int, Held]:
    rows = Person.objects.order_by("pk").values_list("pk", "merged_into", *HELD_FIELDS)
    return {pk: Held.from_row(*row) for pk, merged, *row in rows.iterator(chunk_size=20_000) if merged is None}


def _fingerprint(people: dict[int, Held], labels: int) -> str:
    digest = hashlib.sha256()
    for pk, held in people.items():
        digest.update(repr((pk, held)).encode())
    digest.update(str(labels).encode())
    return digest.hexdigest()[:16]


def vector(query: Details, held: Held) -> Vector:
    """The level of each comparison, in `COMPARISONS` order (None: not compared)."""
    levels = {e.comparison: e.level for e in evidence(query, held, DEFAULT_MODEL)}
    return tuple(levels.get(comp) for comp in COMPARISONS)


def term_frequencies(people: Iterable[Held]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter] = {comp: Counter() for comp in TERM_FREQUENCY}
    for held in people:
        first = (normalise_name(held.given).split() or [""])[0]
        if first:
            counts["given"][first] += 1
        if held.family:
            counts["family"][normalise_name(held.family)] += 1
        if held.dob:
            counts["dob"][held.dob.isoformat()] += 1
    return {
        comp: {value: n for value, n in sorted(counter.items()) if n >= TF_MINIMUM_COUNT}
        for comp, counter in counts.items()
    }


DEFAULT_DATE_ALPHA = 1e-6  # how unlikely by chance a date's excess must be to be read as a default
DEFAULT_DATE_SHARE = 0.5  # a date is a default when at least this share of those holding it are defaults


def _poisson_tail(count: int, expected: float) -> float:
    """P(X >= count) for X ~ Poisson(expected); by the normal approximation when `expected` is large."""
    if expected > 100:
        return 0.5 * math.erfc((count - 0.5 - expected) / math.sqrt(2 * expected))
    term = math.exp(-expected)
    below = 0.0
    for k in range(count):
        below += term
        term *= expected / (k + 1)
    return max(0.0, 1.0 - below)


def default_dates(people: Iterable[Held]) -> dict[str, Any]:
    """Dates of birth held far more often than the dates around them — a day and month in every year
    (1 January, 1 July), or one date (a system's "not known") — and the people born in each year.

    A date is a default when so many hold it that chance cannot explain it (Poisson, beside its year's
    daily average, or its day and month beside the average day) and at least half of those holding it
    are the excess. Only its year is then known: scoring compares the year alone (matching.py)."""
    dates = [held.dob for held in people if held.dob]
    by_date, by_year = Counter(dates), Counter(d.year for d in dates)
    by_day = Counter((d.month, d.day) for d in dates)
    day_share = {}
    for day, count in by_day.items():
        expected = len(dates) * (0.25 if day == (2, 29) else 1.0) / 365.25
        if _poisson_tail(count, expected) < DEFAULT_DATE_ALPHA:
            day_share[day] = (count - expected) / count
    defaults = {}
    for date, count in sorted(by_date.items()):
        expected = by_year[date.year] / 365.25
        share = (count - expected) / count if _poisson_tail(count, expected) < DEFAULT_DATE_ALPHA else 0.0
        share = max(share, day_share.get((date.month, date.day), 0.0))
        if count >= TF_MINIMUM_COUNT and share >= DEFAULT_DATE_SHARE:
            defaults[date.isoformat()] = round(share, 4)
    return {"dates": defaults, "years": {str(year): n for year, n in sorted(by_year.items())}}


def estimate_u(people: dict[int, Held], rng: random.Random, n_pairs: int) -> tuple[dict, int]:
    """u per level from random pairs of records (nearly all pairs of an index are different people)."""
    ids = list(people)
    counts: dict[str, Counter] = {comp: Counter() for comp in COMPARISONS}
    sampled = 0
    if len(ids) > 1:
        for _ in range(min(n_pairs, len(ids) * (len(ids) - 1) // 2)):
            a, b = rng.sample(ids, 2)
            for comp, level in zip(COMPARISONS, vector(people[a].as_query(), people[b]), strict=True):
                if level is not None:
                    counts[comp][level] += 1
            sampled += 1
    u = {}
    for comp, levels in LEVELS.items():
        total = sum(counts[comp].values())
        default = DEFAULT_PARAMETERS["u"][comp]
        u[comp] = {lv: (counts[comp][lv] + U_PRIOR_PAIRS * default[lv]) / (total + U_PRIOR_PAIRS) for lv in levels}
    return u, sampled


def pairs_sharing(values: Iterable[Hashable]) -> int:
    """How many pairs of `values` share a value: c(c - 1)/2 for a value seen c times."""
    return sum(c * (c - 1) // 2 for c in Counter(values).values())


def estimate_u_postcode_same_family(people: dict[int, Held]) -> tuple[dict[str, float], int]:
    """u of the postcode levels for two different people with the same family name, counted exactly over
    every such pair of the index (households make a shared postcode common among them)."""
    by_family: dict[str, list[Held]] = defaultdict(list)
    for held in people.values():
        if held.family and held.postcodes:
            by_family[normalise_name(held.family)].append(held)
    pairs = exact = district = 0
    for members in by_family.values():
        n = len(members)
        pairs += n * (n - 1) // 2
        exact += pairs_sharing(pc for h in members for pc in {normalise_postcode(p) for p in h.postcodes})
        district += pairs_sharing(d for h in members for d in {normalise_postcode(p)[:-3] for p in h.postcodes})
    default = DEFAULT_PARAMETERS["u_postcode_same_family"]
    counts = {"exact": exact, "district": max(0, district - exact), "different": max(0, pairs - district)}
    total = sum(counts.values())
    return {lv: (counts[lv] + U_PRIOR_PAIRS * default[lv]) / (total + U_PRIOR_PAIRS) for lv in counts}, pairs


def estimate_u_dob_same_household(people: dict[int, Held]) -> tuple[float, int]:
    """u of an exact date of birth for two different people of one household (the same family name and
    postcode), counted exactly over every such pair of the index with both dates held: the share who are
    twins. Read when the first name gives no evidence, where nothing else tells a child from a twin."""
    households: dict[tuple[str, str], list[datetime.date]] = defaultdict(list)
    for held in people.values():
        if held.family and held.dob:
            for postcode in {normalise_postcode(p) for p in held.postcodes}:
                households[(normalise_name(held.family), postcode)].append(held.dob)
    pairs = same = 0
    for dates in households.values():
        n = len(dates)
        pairs += n * (n - 1) // 2
        same += pairs_sharing(dates)
    default = DEFAULT_PARAMETERS["u_dob_same_household"]
    return (same + U_PRIOR_PAIRS * default) / (pairs + U_PRIOR_PAIRS), pairs


def _block_keys(rule: str, held: Held) -> Iterator[tuple]:
    if rule == "same date of birth and postcode":
        if held.dob:
            for postcode in held.postcodes:
                yield (held.dob, normalise_postcode(postcode))
        return
    first, family = (normalise_name(held.given).split() or [""])[0], normalise_name(held.family)
    if first and family:
        yield (sound(first), sound(family.replace(" ", "")))


class BlockPairs(Sequence[Pair]):
    """Every pair of records that share a block, in sorted order, without holding the pairs.

    At a million people a rule's blocks hold tens of millions of pairs, of which `MAX_RULE_PAIRS` are
    sampled. The pairs are read through this sequence by their place in the sorted order: for each record
    `a`, its partners are the members after it in its block (a slice of the block), or, for a record in
    more than one block, the sorted union of those. `random.Random.sample` reads only the length and the
    items it draws, so a sample of this sequence is the sample of the sorted list of pairs it stands for,
    draw for draw (the same seed gives the same pairs)."""

    def __init__(self, blocks: Iterable[list[int]]) -> None:
        # `blocks`: each block's members in ascending order, each record at most once in a block.
        single: dict[int, tuple[list[int], int]] = {}
        several: dict[int, set[int]] = {}
        for members in blocks:
            for at, pk in enumerate(members[:-1]):
                if pk in several:
                    several[pk].update(members[at + 1 :])
                elif pk in single:
                    block, start = single.pop(pk)
                    several[pk] = set(block[start:]) | set(members[at + 1 :])
                else:
                    single[pk] = (members, at + 1)
        self._firsts = sorted([*single, *several])
        self._partners: list[Sequence[int]] = []
        self._starts: list[int] = []  # the place of each record's first pair in the order
        self._ends: list[int] = []
        total = 0
        for pk in self._firsts:
            if pk in single:
                block, start = single[pk]
                partners: Sequence[int] = _Slice(block, start)
            else:
                partners = sorted(several[pk])
            self._partners.append(partners)
            self._starts.append(total)
            total += len(partners)
            self._ends.append(total)
        self._length = total

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Pair: ...
    @overload
    def __getitem__(self, index: slice) -> list[Pair]: ...
    def __getitem__(self, index: int | slice) -> Pair | list[Pair]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        at = bisect.bisect_right(self._ends, index)
        return (self._firsts[at], self._partners[at][index - self._starts[at]])

    def __iter__(self) -> Iterator[Pair]:
        for pk, partners in zip(self._firsts, self._partners, strict=True):
            for other in partners:
                yield (pk, other)


class _Slice(Sequence[int]):
    """`block[start:]` without a copy."""

    def __init__(self, block: list[int], start: int) -> None:
        self._block, self._start = block, start

    def __len__(self) -> int:
        return len(self._block) - self._start

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return self._block[self._start :][index]
        return self._block[self._start + index]

    def __iter__(self) -> Iterator[int]:
        return itertools.islice(self._block, self._start, None)


def blocked_pairs(rule: str, people: dict[int, Held], rng: random.Random) -> list[Pair]:
    """The pairs of records that share one of the rule's blocks (a block bigger than `MAX_BLOCK` left
    out), in order; at most `MAX_RULE_PAIRS`, a seeded sample of them when there are more."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for pk, held in people.items():  # in ascending order of pk (`_load`), so each block is too
        for key in set(_block_keys(rule, held)):
            blocks[key].append(pk)
    pairs = BlockPairs(members for members in blocks.values() if 1 < len(members) <= MAX_BLOCK)
    if len(pairs) > MAX_RULE_PAIRS:
        return sorted(rng.sample(pairs, MAX_RULE_PAIRS))
    return list(pairs)


def _related() -> set[Pair]:
    related = set()
    for a, b in Relationship.objects.values_list("person_id", "other_id").order_by("person_id", "other_id"):
        related.add((min(a, b), max(a, b)))
    return related


def _family_names(held: Held) -> set[str]:
    return {normalise_name(name) for name in (held.family, *held.others) if name}


def _same_household(a: Held, b: Held) -> bool:
    """Two records of one household: a postcode in common, and a family name one holds now and the other
    now or before (a step-family, a child whose name was changed: twins or siblings with another name)."""
    if not (_family_names(a) & _family_names(b)):
        return False
    return bool({normalise_postcode(p) for p in a.postcodes} & {normalise_postcode(p) for p in b.postcodes})


def _details(data: dict[str, Any]) -> Details:
    dob = data.get("date_of_birth") or None
    return Details(
        str(data.get("given_names") or ""),
        str(data.get("family_name") or ""),
        datetime.date.fromisoformat(dob) if dob else None,
        str(data.get("postcode") or ""),
        str(data.get("nhs_number") or ""),
        str(data.get("sex") or ""),
        str(data.get("upn") or ""),
    )


def _held(pk: int, people: dict[int, Held], extra: dict[int, Held]) -> Held | None:
    if pk in people:
        return people[pk]
    if pk not in extra:
        row = Person.objects.filter(pk=pk).values_list(*HELD_FIELDS).first()
        if row is None:
            return None
        extra[pk] = Held.from_row(*row)
    return extra[pk]


def _from_match_labels(people: dict[int, Held], extra: dict[int, Held], out: "Labelled") -> set[tuple[bool, Pair]]:
    """Labels recorded by the front door's work; returns the pairs of records they cover."""
    seen: set[tuple[bool, Pair]] = set()
    labels = MatchLabel.objects.order_by("pk").values_list("source", "same", "query", "person_id", "other_id")
    for source, same, query, person_id, other_id in labels.iterator():
        held = _held(person_id, people, extra)
        other = _held(other_id, people, extra) if other_id is not None else None
        pair = (min(person_id, other_id), max(person_id, other_id)) if other_id is not None else None
        details = _details(query) if query else other.as_query() if other else None
        if held is None or details is None:
            continue
        out.sources[source] += 1
        if pair:
            seen.add((same, pair))
        if same:
            out.same.append(vector(details, held))
        elif pair:
            out.different.add(pair)
    return seen


def gather_labels(people: dict[int, Held]) -> Labelled:
    """Known pairs: labels recorded by the front door's work, merges, undone merges, confirmed differences."""
    out = Labelled([], set(), Counter())
    extra: dict[int, Held] = {}
    seen = _from_match_labels(people, extra, out)
    merges = PersonMerge.objects.order_by("pk").values_list("duplicate_id", "kept_id", "undone_at")
    pairs = [(dup, kept, undone is None) for dup, kept, undone in merges]
    pairs += [(a, b, False) for a, b in DistinctPair.objects.order_by("pk").values_list("first_id", "second_id")]
    for a, b, same in pairs:
        key = (min(a, b), max(a, b))
        first, second = _held(a, people, extra), _held(b, people, extra)
        if (same, key) in seen or first is None or second is None:
            continue  # already labelled by a MatchLabel row, or a record since deleted
        out.sources["merge" if same else "different records"] += 1
        if same:
            out.same.append(vector(first.as_query(), second))
        else:
            out.different.add(key)
    return out


def _in_order(counter: Counter) -> list[tuple[Vector, float]]:
    return sorted(counter.items(), key=lambda item: tuple(level or "" for level in item[0]))


FAMILY_AT, POSTCODE_AT = COMPARISONS.index("family"), COMPARISONS.index("postcode")


def _expectation(
    items: list[tuple[Vector, float]], m: dict, u: dict, share: float, active: tuple[str, ...]
) -> tuple["Counts", float]:
    """Each pair's chance of being a match under the current m (on the `active` comparisons), by level.

    u is read as scoring reads it: with the same family name, a shared postcode is weighed with the u of
    two different people of one family (`u_postcode_same_family`), or a father and a son of the same
    name at one address would count as a match and teach EM that a different date of birth is common."""
    counts: Counts = {comp: defaultdict(float) for comp in COMPARISONS}
    matches = 0.0
    same_family_u = u.get("postcode_same_family") or DEFAULT_PARAMETERS["u_postcode_same_family"]
    for vec, n in items:
        pm, pu = share, 1 - share
        household = vec[FAMILY_AT] == "exact"
        for at, (comp, level) in enumerate(zip(COMPARISONS, vec, strict=True)):
            if level is not None and comp in active:
                pm *= m[comp][level]
                pu *= same_family_u[level] if household and at == POSTCODE_AT else u[comp][level]
        r = n * pm / (pm + pu) if pm + pu > 0 else 0.0
        matches += r
        for comp, level in zip(COMPARISONS, vec, strict=True):
            if level is not None:
                counts[comp][level] += r
    return counts, matches


def _maximisation(counts: "Counts", m: dict) -> float:
    """m from the counts, drawn towards the defaults; returns the largest change."""
    m0 = DEFAULT_PARAMETERS["m"]
    change = 0.0
    for comp, levels in LEVELS.items():
        seen = sum(counts[comp].values())
        for level in levels:
            new = (counts[comp][level] + M_PRIOR_PAIRS * m0[comp][level]) / (seen + M_PRIOR_PAIRS)
            change = max(change, abs(new - m[comp][level]))
            m[comp][level] = new
    return change


def expectation_maximisation(
    pairs: Counter,
    matched: list[Vector],
    u: dict[str, dict[str, float]],
    share: float,
    active: tuple[str, ...] = COMPARISONS,
) -> tuple[dict[str, dict[str, float]], int]:
    """m per level, given the share of matches among `pairs`, with `matched` known matches counted in each
    round; m is drawn towards the defaults by `M_PRIOR_PAIRS` pseudo-pairs. Only the `active` comparisons
    weigh in the chance that a pair is a match (those a blocking rule chose the pairs by agree in all)."""
    m = {comp: dict(levels) for comp, levels in DEFAULT_PARAMETERS["m"].items()}
    items, known = _in_order(pairs), _in_order(Counter(matched))
    iterations = 0
    for iterations in range(1, MAX_ITERATIONS + 1):  # noqa: B007
        counts, _ = _expectation(items, m, u, share, active)
        for vec, n in known:
            for comp, level in zip(COMPARISONS, vec, strict=True):
                if level is not None:
                    counts[comp][level] += n * LABEL_WEIGHT
        if _maximisation(counts, m) < TOLERANCE:
            break
    return m, iterations


def _rule_vectors(
    rule: str, people: dict[int, Held], labelled: Labelled, related: set[Pair], rng: random.Random
) -> tuple[Counter, dict[str, int]]:
    given_at = COMPARISONS.index("given")
    vectors: Counter = Counter()
    tally = Counter(pairs=0, household=0, labelled_different=0, surely_same=0)
    for a, b in blocked_pairs(rule, people, rng):
        if (a, b) in labelled.different:
            tally["labelled_different"] += 1
            continue
        vec = vector(people[a].as_query(), people[b])
        if vec[given_at] not in HOUSEHOLD_SAME_GIVEN and ((a, b) in related or _same_household(people[a], people[b])):
            # The household trap: siblings and twins share a family name, an address and perhaps a birthday.
            tally["household"] += 1
            continue
        vectors[vec] += 1
        tally["pairs"] += 1
        tally["surely_same"] += _surely_same(rule, dict(zip(COMPARISONS, vec, strict=True)))
    return vectors, dict(tally)


@dataclass
class TrainResult:
    model: MatchModel
    seconds: float


def train(*, seed: int = SEED, random_pairs: int = RANDOM_PAIRS) -> dict[str, Any]:
    """The parameters and a summary of what they were estimated from (stored by `people_train`)."""
    rng = random.Random(seed)  # noqa: S311 - a sample, not a secret
    people = _load()
    labelled = gather_labels(people)
    u, sampled = estimate_u(people, rng, random_pairs)
    same_family, family_pairs = estimate_u_postcode_same_family(people)
    twins, household_pairs = estimate_u_dob_same_household(people)
    related = _related()
    m = {comp: dict(levels) for comp, levels in DEFAULT_PARAMETERS["m"].items()}
    rules: dict[str, Any] = {}
    learnt: set[str] = set()
    for rule, (blocked, free) in RULES.items():
        vectors, tally = _rule_vectors(rule, people, labelled, related, rng)
        active = tuple(comp for comp in COMPARISONS if comp not in blocked)
        share = (tally["surely_same"] + 1) / (tally["pairs"] + 2)
        rule_u = {**u, "postcode_same_family": same_family}
        rule_m, iterations = expectation_maximisation(vectors, labelled.same, rule_u, share, active)
        for comp in set(free) - learnt:
            m[comp] = rule_m[comp]
        learnt.update(free)
        rules[rule] = {**tally, "iterations": iterations, "match_share": round(share, 6), "learns": list(free)}
    parameters = {
        "people": len(people),
        "m": m,
        "u": u,
        "u_postcode_same_family": same_family,
        "u_dob_same_household": twins,
        "tf": term_frequencies(people.values()),
        "dob_defaults": default_dates(people.values()),
        "tf_floor": DEFAULT_PARAMETERS["tf_floor"],
    }
    summary = {
        "people": len(people),
        "random_pairs": sampled,
        "same_family_pairs": family_pairs,
        "same_household_pairs": household_pairs,
        "rules": rules,
        "labels": {"same": len(labelled.same), "different": len(labelled.different), **labelled.sources},
        "seed": seed,
        "fingerprint": _fingerprint(people, len(labelled.same) + len(labelled.different)),
    }
    return {"parameters": parameters, "summary": summary}


def people_train(*, seed: int = SEED, random_pairs: int = RANDOM_PAIRS) -> TrainResult:
    """Estimate the model from the index and labels now held, and store it as the next version."""
    started = time.perf_counter()
    estimated = train(seed=seed, random_pairs=random_pairs)
    with transaction.atomic():
        newest = MatchModel.objects.select_for_update().order_by("-version").first()
        stored = MatchModel.objects.create(
            version=(newest.version + 1) if newest else 1,
            trained_at=timezone.now(),
            parameters=estimated["parameters"],
            summary={**estimated["summary"], "seconds": round(time.perf_counter() - started, 1)},
        )
        audit_record(
            actor=None,
            action=AuditAction.PEOPLE_MODEL_TRAINED,
            object_type="people.matchmodel",
            object_id=str(stored.version),
            detail={
                k: v for k, v in stored.summary.items() if k in ("people", "random_pairs", "labels", "fingerprint")
            },
        )
    forget_model()
    return TrainResult(stored, time.perf_counter() - started)
