"""Scoring a candidate person against what a caller told us, with the reasons in words (R-CHK-1).

Each detail is compared at one of a few levels (`given_level`, `family_level`, `dob_level`, ...) and each
level weighs what the matching model (model.py) says it is worth, in bits; the weights add up to a
match probability and a band. Evidence is weighed on the person's own details, so that siblings and
twins (same surname, address and perhaps date of birth) do not score as the same child: a different
first name is never a likely match, and when the first name gives no evidence (Baby, or missing) a
date of birth shared within the household is weighed as a twin's would be. An NHS number or a Unique
Pupil Number held on both sides is strong evidence either way.
"""

import datetime
import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import jellyfish
from nicknames import NickNamer

from .model import DEFAULT_MODEL, LEVELS, TERM_FREQUENCY, Evidence, Model, thresholds
from .models import normalise_name, normalise_postcode

PLACEHOLDERS = frozenset({"baby", "unborn", "infant", "unknown", "not known"})
PLACEHOLDER_REASON = "first name is a placeholder (Baby / Unborn)"
DEFAULT_DATE_REASON = "date of birth held is a default (held far more often than the days around it)"
TWIN_REASON = "weighed as a twin's would be: no first name to tell them apart"

# Short forms common in England that the `nicknames` list does not hold.
EXTRA_SHORT_FORMS = {
    "alfie": {"alfred"},
    "archie": {"archibald"},
    "ollie": {"oliver", "olivia"},
    "charlie": {"charles", "charlotte"},
    "freddie": {"frederick"},
    "harry": {"henry", "harold"},
    "evie": {"eve", "evelyn"},
    "millie": {"amelia", "millicent"},
    "ellie": {"eleanor", "ellen", "elizabeth"},
    "izzy": {"isabel", "isabella"},
    "lottie": {"charlotte"},
    "maisie": {"margaret"},
    "alfy": {"alfred"},
    "teddy": {"edward", "theodore"},
    "bobby": {"robert"},
}


@dataclass(frozen=True)
class Details:
    given_names: str = ""
    family_name: str = ""
    date_of_birth: datetime.date | None = None
    postcode: str = ""
    nhs_number: str = ""
    sex: str = ""  # M / F; anything else is not known
    upn: str = ""  # Unique Pupil Number

    @property
    def has_search_terms(self) -> bool:
        """A name, a date of birth or an identifier: a postcode or a sex alone finds nobody."""
        names = self.given_names.strip() or self.family_name.strip()
        return bool(names or self.date_of_birth or self.nhs_number or self.upn)


# The person's columns scoring reads, in `Held.from_row` order (keys.py keeps the match_ ones current).
HELD_FIELDS = (
    "given_names",
    "family_name",
    "match_other_names",
    "date_of_birth",
    "match_postcodes",
    "nhs_number",
    "sex",
    "upn",
    "expected_delivery_date",
)


@dataclass(frozen=True)
class Held:
    """What the index holds about a candidate, as scoring reads it."""

    given: str
    family: str
    others: list[str]
    dob: datetime.date | None
    postcodes: list[str]
    nhs: str
    sex: str
    upn: str = ""
    edd: datetime.date | None = None  # an unborn child's expected date of birth

    @classmethod
    def from_row(cls, *row: object) -> "Held":
        given, family, others, dob, postcodes, nhs, sex, upn, edd = row
        split = lambda text: text.split(";") if text else []  # noqa: E731
        return cls(given, family, split(others), dob, split(postcodes), nhs, sex, upn, edd)  # type: ignore[arg-type]

    def as_query(self) -> Details:
        return Details(
            self.given,
            self.family,
            self.dob or self.edd,
            self.postcodes[0] if self.postcodes else "",
            self.nhs,
            self.sex,
            self.upn,
        )


@dataclass
class Score:
    value: float  # the match probability, 0-1
    band: str  # likely / possible / unlikely
    reasons: list[str] = field(default_factory=list)
    # Each reason with its weight in bits (log2 of m/u): positive for, negative against (docs/MATCHING.md).
    evidence: list[tuple[str, float]] = field(default_factory=list)
    weight: float = 0.0  # the match weight: the prior plus every comparison's weight
    found: list[Evidence] = field(default_factory=list, repr=False)  # the comparisons, for the band rules
    near: float = 0.0  # how near the first names are spelt, 0-1: orders records of equal weight (`rank`)
    middle: int = 0  # the middle names asked that the record holds, less those it holds otherwise (`rank`)
    # `ruled_out(found)`, as `Comparisons.score` found it (None: not known, read from `found` when needed).
    ruled: bool | None = field(default=None, repr=False, compare=False)


@functools.cache
def _namer() -> NickNamer:
    return NickNamer()


@functools.lru_cache(maxsize=50_000)  # bounded: typed names are endless
def name_forms(name: str) -> frozenset[str]:
    """A given name with its formal names and short forms."""
    forms = {name} | EXTRA_SHORT_FORMS.get(name, set())
    forms |= {short for short, formal in EXTRA_SHORT_FORMS.items() if name in formal}
    namer = _namer()
    forms |= set(namer.canonicals_of(name)) | set(namer.nicknames_of(name))
    return frozenset(forms)


@functools.lru_cache(maxsize=50_000)
def sound(name: str) -> str:
    """A name's sound (metaphone), so that Mohammed and Muhammad, Smith and Smyth share a key and compare
    as alike. A name metaphone has no code for is its own sound, so two such names never sound alike."""
    return jellyfish.metaphone(name.replace(" ", "")) or name


@functools.lru_cache(maxsize=50_000)
def form_sounds(name: str) -> frozenset[str]:
    """How a name's short and formal forms sound: Kate is a form of Katherine, which sounds as Catherine."""
    return frozenset(sound(form) for form in name_forms(name))


# Letters that print, scanning and handwriting confuse, each one read as the other: a name read from a
# scanned referral ("Jarnes" for James, "Milhe" for Millie, "Pate1" for Patel) is one misreading away.
GLYPHS = (
    ("rn", "m"),
    ("cl", "d"),
    ("li", "h"),
    ("vv", "w"),
    ("1", "l"),
    ("1", "i"),
    ("0", "o"),
    ("5", "s"),
    ("8", "b"),
)


@functools.lru_cache(maxsize=50_000)
def misreadings(name: str) -> frozenset[str]:
    """The names `name` may be with one of its letters (or pairs of letters) misread (`GLYPHS`)."""
    out = set()
    for one, other in GLYPHS:
        for seen, meant in ((one, other), (other, one)):
            at = name.find(seen)
            while at >= 0:
                out.add(name[:at] + meant + name[at + len(seen) :])
                at = name.find(seen, at + 1)
    out.discard(name)
    return frozenset(out)


def _close_spelling(a: str, b: str) -> bool:
    """One letter added, dropped, changed, misread or two swapped; or close by Jaro-Winkler for longer names."""
    if abs(len(a) - len(b)) > 2:
        return False
    if jellyfish.damerau_levenshtein_distance(a, b) <= 1 and min(len(a), len(b)) >= 3:
        return True
    if min(len(a), len(b)) >= 3 and b in misreadings(a):
        return True
    return jellyfish.jaro_winkler_similarity(a, b) >= 0.9


# --- the levels of each comparison (the model's weights are in model.py) -------------------------

SWAPPED_REASON = "given and family names swapped"


@functools.lru_cache(maxsize=50_000)
def _given(name: str) -> tuple[str, ...]:
    """A person's given names, each as a word: "D." is the initial "d"."""
    return tuple(word for word in (t.strip(".") for t in normalise_name(name).split()) if word)


def _first(name: str) -> str:
    return (_given(name) or ("",))[0]


def _alike(a: str, b: str) -> bool:
    """Two names that are the same, a short or formal form, sound the same or are spelt nearly alike."""
    return a == b or b in name_forms(a) or a in name_forms(b) or sound(a) == sound(b) or _close_spelling(a, b)


def given_level(query: str, held: str) -> tuple[str | None, str]:
    """The level of two given names (their first names, with a middle name or an initial)."""
    query_tokens, held_tokens = _given(query), _given(held)
    q, h = (query_tokens or ("",))[0], (held_tokens or ("",))[0]
    if not q or not h:
        return None, ""
    if q in PLACEHOLDERS or h in PLACEHOLDERS:
        return None, PLACEHOLDER_REASON
    if q == h:
        return "exact", "same first name"
    if len(q) == 1 or len(h) == 1:
        # An initial says only which letter the name begins with: no sound or short form to compare.
        if q[0] == h[0]:
            return "middle", "first name given as an initial only"
        return "different", "different first name"
    if h in name_forms(q) or q in name_forms(h):
        return "form", f"{q.title()} is a short or formal form of {h.title()}"
    if sound(q) == sound(h):
        return "sound", "first name sounds the same (spelling variant)"
    if sound(h) in form_sounds(q) or sound(q) in form_sounds(h):
        return "sound", f"{q.title()} is a short or formal form of a name spelt like {h.title()}"
    if _close_spelling(q, h):
        return "close", "first name spelt slightly differently"
    return _given_beyond_first(query_tokens, held_tokens)


def _given_beyond_first(query_tokens: tuple[str, ...], held_tokens: tuple[str, ...]) -> tuple[str, str]:
    """Given names whose first names differ: run together or split, a middle name, or an initial."""
    q, h = query_tokens[0], held_tokens[0]
    if len(query_tokens) != len(held_tokens) and _close_spelling("".join(query_tokens), "".join(held_tokens)):
        return "close", "given names spelt slightly differently (run together or split)"
    if any(_alike(q, t) for t in held_tokens[1:]) or any(_alike(h, t) for t in query_tokens[1:]):
        return "middle", "first name matches a middle name"
    if set(query_tokens[1:]) & set(held_tokens[1:]) and q[0] == h[0]:
        return "middle", "same middle name, first name spelt differently"
    if (len(q) <= 2 and h.startswith(q)) or (len(h) <= 2 and q.startswith(h)):
        return "middle", "first name given as an initial only"
    return "different", "different first name"


def family_level(query: str, held: str, previous: Iterable[str]) -> tuple[str | None, str]:
    q, h = normalise_name(query), normalise_name(held)
    if not q or not h:
        return None, ""
    if q == h:
        return "exact", "same family name"
    previous = [normalise_name(p) for p in previous]
    if q in previous:
        return "previous", "matches a previous family name"
    if set(q.split()) & set(h.split()):
        return "part", "part of a double-barrelled or changed family name"
    q_joined, h_joined = q.replace(" ", ""), h.replace(" ", "")
    if sound(q_joined) == sound(h_joined):
        return "sound", "family name sounds the same"
    if _close_spelling(q_joined, h_joined):
        return "close", "family name spelt slightly differently"
    if any(_close_spelling(q_joined, p.replace(" ", "")) for p in previous):
        return "close", "close to a previous family name"
    if len(q_joined) == 1 and h_joined.startswith(q_joined):
        return "close", "family name given as an initial only"
    return "different", "different family name"


_DOB_WORDS = {
    "exact": "same date of birth",
    "swapped": "date of birth day and month swapped",
    "year": "date of birth year differs by one",
    "part": "date of birth differs in one part (possible typing error)",
    "weeks": "date of birth within a few weeks",
    "different": "different date of birth",
}
WEEKS = 28


def _date_level(query: datetime.date, held: datetime.date) -> str:
    if query == held:
        return "exact"
    if (query.day, query.month, query.year) == (held.month, held.day, held.year):
        return "swapped"
    if (query.day, query.month) == (held.day, held.month) and abs(query.year - held.year) == 1:
        return "year"
    if sum((query.day == held.day, query.month == held.month, query.year == held.year)) == 2:
        return "part"
    if abs((query - held).days) <= WEEKS:
        return "weeks"
    return "different"


def dob_level(
    query: datetime.date | None, held: datetime.date | None, expected: datetime.date | None = None
) -> tuple[str | None, str]:
    """The level of two dates of birth; a record of an unborn child is compared on its expected date."""
    dates = [d for d in (held, expected) if d is not None]
    if query is None or not dates:
        return None, "date of birth not known on one side"
    order = LEVELS["dob"]
    best = min((_date_level(query, d) for d in dates), key=order.index)
    if held is None or (expected is not None and _date_level(query, held) != best):
        words = {
            "exact": "date of birth is the expected date of birth",
            "different": "date of birth far from the expected date of birth",
        }.get(best, _DOB_WORDS[best].replace("date of birth", "expected date of birth", 1))
        return best, words
    return best, _DOB_WORDS[best]


def postcode_level(query: str, held: Iterable[str]) -> tuple[str | None, str]:
    pc = normalise_postcode(query)
    held = [normalise_postcode(p) for p in held if p]
    if not pc or not held:
        return None, ""
    if pc in held:
        return "exact", "same postcode"
    if len(pc) > 4 and any(len(h) > 4 and h[:-3] == pc[:-3] for h in held):
        return "district", "same postcode district"
    return "different", "different postcode (may have moved)"


def sex_level(query: str, held: str) -> tuple[str | None, str]:
    if query not in ("M", "F") or held not in ("M", "F"):
        return None, ""
    return ("same", "same sex recorded") if query == held else ("different", "different sex recorded")


def identifier_level(query: str, held: str, name: str) -> tuple[str | None, str]:
    if not query or not held:
        return None, ""
    if query.upper() == held.upper():
        return "same", f"same {name}"
    return "different", f"different {name}"


# Levels of a name that are weighed down for a common name, as the exact level is (term frequency).
# A previous family name or a part of a double-barrelled one agrees exactly too, with a name that may be
# as common: "Roberts" held before by one record weighs no more than "Roberts" held now by another.
LOOSE_TF = {"given": ("form", "sound", "close"), "family": ("previous", "part", "sound", "close")}


def _level_weight(model: Model, comp: str, level: str | None, value: str, asked: str = "") -> float:
    """The weight of a level; an exact name or date by how common the value is. A name that agrees only
    loosely (a short form, the same sound, a near spelling) with the name asked is weighed down by as
    much as that name would be when exact, never up: otherwise Eva, for "Ava", could outweigh Ava
    herself, Ava's exact match weighed down for being common and Eva's level at its average."""
    if level is None:
        return 0.0
    if level == "exact" and comp in TERM_FREQUENCY:
        return model.exact_weight(comp, value)
    weight = model.weights[comp][level]
    if level in LOOSE_TF.get(comp, ()) and asked:
        average = model.weights[comp]["exact"]
        weight += min(0.0, model.exact_weight(comp, asked) - average)
    return weight


def _identifier_evidence(query: Details, held: Held, model: Model) -> list[Evidence]:
    out = []
    for comp, name, asked, kept in (
        ("nhs", "NHS number", query.nhs_number, held.nhs),
        ("upn", "Unique Pupil Number", query.upn, held.upn),
    ):
        level, words = identifier_level(asked, kept, name)
        if level is not None:
            out.append(Evidence(comp, level, words, model.weights[comp][level]))
    return out


class Comparisons:
    """One query compared with the records of one search, each distinct value of a record compared once.

    A search scores up to SCORED_CAP records, and they share values: a block is often one family name,
    and first names, dates of birth and postcodes recur among them. Each comparison depends on the query
    and on one of the record's details only (the given names; the family name with the previous names;
    the date of birth with the expected one; the postcodes; the sex), so its `Evidence` (immutable) is
    kept by that value for the rest of the search: the same evidence as comparing afresh, without
    comparing it again. The query and the model are fixed for the life of one `Comparisons`."""

    def __init__(self, query: Details, model: Model) -> None:
        self.query, self.model = query, model
        self._both_names = bool(query.given_names.strip() and query.family_name.strip())
        self._identifiers = bool(query.nhs_number or query.upn)
        self._asked_first = _first(query.given_names)
        self._thresholds = thresholds()
        self._given: dict[str, Evidence] = {}
        self._family: dict[str | tuple[str, ...], Evidence] = {}
        self._given_swapped: dict[str, Evidence] = {}
        self._family_swapped: dict[str | tuple[str, ...], Evidence] = {}
        self._dob: dict[tuple[datetime.date | None, datetime.date | None], tuple[Evidence, Evidence | None]] = {}
        self._postcode: dict[tuple[str, ...], tuple[Evidence, Evidence]] = {}
        self._sex: dict[str, Evidence] = {}
        self._near: dict[str, tuple[float, int]] = {}

    def _given_evidence(self, asked: str, held_given: str, swapped: bool) -> Evidence:
        memo = self._given_swapped if swapped else self._given
        found = memo.get(held_given)
        if found is None:
            g, words = given_level(asked, held_given)
            weight = _level_weight(self.model, "given", g, _first(held_given), _first(asked))
            found = memo[held_given] = Evidence("given", g, f"{words} ({SWAPPED_REASON})" if swapped else words, weight)
        return found

    def _family_evidence(self, asked: str, held: Held, key: str | tuple[str, ...], swapped: bool) -> Evidence:
        memo = self._family_swapped if swapped else self._family
        found = memo.get(key)
        if found is None:
            f, words = family_level(asked, held.family, held.others)
            weight = _level_weight(self.model, "family", f, normalise_name(held.family), normalise_name(asked))
            found = memo[key] = Evidence("family", f, words, weight)
        return found

    def names(self, held: Held) -> list[Evidence]:
        """Given and family names, as written and the wrong way round: the better reading, with the reason."""
        query = self.query
        key = (held.family, *held.others) if held.others else held.family  # the family name's memo key
        g = self._given.get(held.given) or self._given_evidence(query.given_names, held.given, False)
        f = self._family.get(key) or self._family_evidence(query.family_name, held, key, False)
        if self._both_names and "different" in (g.level, f.level):
            # The family name read as the first name given is seldom alike, and the candidates share family
            # names far more often than first names: that reading first, the other only if it is alike.
            f2 = self._family_swapped.get(key) or self._family_evidence(query.given_names, held, key, True)
            if f2.level not in (None, "different"):
                g2 = self._given_evidence(query.family_name, held.given, True)
                if g2.level not in (None, "different") and g2.weight + f2.weight > g.weight + f.weight:
                    return [g2, f2]
        return [g, f]

    def _dob_evidence(self, held: Held) -> tuple[Evidence, Evidence | None]:
        """The date of birth's evidence, and for an exact date the same weighed as a twin's would be."""
        key = (held.dob, held.edd)
        found = self._dob.get(key)
        if found is not None:
            return found
        query, model = self.query, self.model
        d, d_words = dob_level(query.date_of_birth, held.dob, held.edd)
        twin = None
        if d == "exact":
            day = query.date_of_birth.isoformat() if query.date_of_birth else ""
            d_weight = model.exact_weight("dob", day)
            # Nothing tells this child from a twin: no first name to compare (Baby, or missing), the same
            # family and nothing to say they live apart. Two of one household born the same day are
            # twins, far more common than two strangers born that day: weighed with their u (model.py).
            twin = Evidence("dob", d, f"{d_words} ({TWIN_REASON})", min(d_weight, model.dob_same_household))
        elif d is not None and query.date_of_birth and held.dob and held.dob.isoformat() in model.default_dates:
            # A date held far more often than the days around it (1 January of the year, a "not known" date)
            # is a default: only its year is known, so the year is compared and nothing else (training.py).
            if query.date_of_birth.year == held.dob.year:
                d_words, d_weight = f"{DEFAULT_DATE_REASON}: same year", model.year_weight(held.dob.year)
            else:
                d_words, d_weight = f"{DEFAULT_DATE_REASON}: {_DOB_WORDS[d]}", _level_weight(model, "dob", d, "")
        else:
            d_weight = _level_weight(model, "dob", d, "")
        found = self._dob[key] = (Evidence("dob", d, d_words, d_weight), twin)
        return found

    def _postcode_evidence(self, held: Held) -> tuple[Evidence, Evidence]:
        """The postcode's evidence: for a record of another family name, and of the same one."""
        key = tuple(held.postcodes)
        found = self._postcode.get(key)
        if found is None:
            p, words = postcode_level(self.query.postcode, held.postcodes)
            model = self.model
            # With the same family name, a shared postcode is weighed as the household it usually is (model.py).
            found = self._postcode[key] = (
                Evidence("postcode", p, words, model.weights["postcode"][p] if p else 0.0),
                Evidence("postcode", p, words, model.postcode_same_family[p] if p else 0.0),
            )
        return found

    def _sex_evidence(self, held: Held) -> Evidence:
        found = self._sex.get(held.sex)
        if found is None:
            s, words = sex_level(self.query.sex, held.sex)
            found = self._sex[held.sex] = Evidence("sex", s, words, _level_weight(self.model, "sex", s, ""))
        return found

    def evidence(self, held: Held) -> list[Evidence]:
        """Every comparison of the query with a record, identifiers first, with its weight in bits."""
        out = _identifier_evidence(self.query, held, self.model) if self._identifiers else []
        given, family = self.names(held)
        out += (given, family)
        dob, twin = self._dob_evidence(held)
        other_family, same_family_postcode = self._postcode_evidence(held)
        same_family = family.level == "exact"
        if twin is not None and given.level is None and same_family and other_family.level != "different":
            dob = twin
        out += (dob, same_family_postcode if same_family else other_family, self._sex_evidence(held))
        return out

    def nearness(self, held_given: str) -> tuple[float, int]:
        """How near the record's first name is spelt to the one asked (`_nearness`), and how many of the
        middle names asked it holds (`_middle_names`): what orders records of equal weight."""
        near = self._near.get(held_given)
        if near is None:
            near = self._near[held_given] = (
                _nearness(self._asked_first, _first(held_given)),
                _middle_names(_given(self.query.given_names)[1:], _given(held_given)[1:]),
            )
        return near

    def score(self, held: Held, *, explain: bool = True) -> Score:
        """R-CHK-1: the probability that `held` is the person asked about, its band and (unless `explain` is
        false: a search explains only the candidates it shows, `explained`) the reasons."""
        found = self.evidence(held)
        weight = self.model.prior + sum(e.weight for e in found)
        probability = 1.0 / (1.0 + 2.0 ** -max(-60.0, min(60.0, weight)))
        ruled = ruled_out(found)
        band = _band_of(probability, ruled, *self._thresholds)
        near, middle = self.nearness(held.given)
        result = Score(probability, band, weight=weight, found=found, near=near, middle=middle, ruled=ruled)
        return explained(result) if explain else result


def explained(result: Score) -> Score:
    """`result` with its reasons in words, each with its weight (those of its comparisons that have words)."""
    shown = [(e.words, round(e.weight, 2)) for e in result.found if e.words]
    result.reasons, result.evidence = [w for w, _ in shown], shown
    return result


def evidence(query: Details, held: Held, model: Model) -> list[Evidence]:
    """Every comparison of the query with a record, identifiers first, with its weight in bits."""
    return Comparisons(query, model).evidence(held)


def ruled_out(found: list[Evidence]) -> bool:
    """The rules that make a record someone else, whatever its probability (R-CHK-1): a different NHS
    number or UPN held on both sides (both carry a check digit), or a different first name with nothing
    to say it is the child (a sibling or a twin shares everything else)."""
    levels = {e.comparison: e.level for e in found}
    if "different" in (levels.get("nhs"), levels.get("upn")):
        return True
    identified = "same" in (levels.get("nhs"), levels.get("upn"))
    return levels.get("given") == "different" and not identified


def _band(probability: float, found: list[Evidence]) -> str:
    return _band_of(probability, ruled_out(found), *thresholds())


def _band_of(probability: float, ruled: bool, likely: float, possible: float) -> str:
    """The band of a probability (`ruled`: `ruled_out` of its evidence; `likely`, `possible`: `thresholds()`)."""
    if ruled:
        return "unlikely"
    # A "Baby" record may be this child or a twin: that is weighed in the probability (`evidence`), so a
    # placeholder first name has no band rule of its own (docs/MATCHING.md).
    return "likely" if probability >= likely else "possible" if probability >= possible else "unlikely"


def score_held(query: Details, held: Held, model: Model | None = None) -> Score:
    """R-CHK-1: the probability that `held` is the person `query` describes, its band and the reasons."""
    return Comparisons(query, model or DEFAULT_MODEL).score(held)


def _middle_names(asked: tuple[str, ...], held: tuple[str, ...]) -> int:
    """Of the middle names asked, those the record holds (alike), less those where it holds others."""
    if not asked or not held:
        return 0
    return sum(1 if any(_alike(a, h) or a == h[:1] or h == a[:1] for h in held) else -1 for a in asked)


BAND_ORDER = {"likely": 0, "possible": 1, "unlikely": 2}


def rank(query: Details, candidates: Iterable[tuple[int, Held]], model: Model | None = None) -> list[tuple[int, Score]]:
    """R-CHK-1: every candidate scored and put in order, best first: by band, then by match weight.

        The band comes first because the band rules can demote a candidate whatever its weight: a twin with
        a different first name is "unlikely" and must not rank above her "likely" sibling who is the child
        asked about. Records of equal weight (twins whose first names both differ from the one asked, so
        that all else is shared) go by how near the first name is spelt to the one asked ("Ils": Isla before
        her twin Ella), then by the middle names asked that the record holds ("Jack Jordan": Jack Jordan before
    his twin Jack James), then by family name, given name and record, so the order is the same every time."""
    compare = Comparisons(query, model or DEFAULT_MODEL)
    return put_in_order([(pk, held, compare.score(held)) for pk, held in candidates])


def put_in_order(results: list[tuple[int, Held, Score]]) -> list[tuple[int, Score]]:
    """`rank` of candidates already scored by `score_held` (a search that scores more of them in a second
    pass adds to the first pass's scores): the probability shared among them all, then the order."""
    share_out([r for _, _, r in results])
    scored = [
        (BAND_ORDER[r.band], -r.weight, -r.near, -r.middle, held.family, held.given, pk, r) for pk, held, r in results
    ]
    scored.sort(key=lambda row: row[:7])
    return [(row[6], row[7]) for row in scored]


def _nearness(asked: str, held: str) -> float:
    """How near two first names are spelt (Jaro–Winkler, 0–1); 0 when either is missing or a placeholder."""
    if not asked or not held or asked in PLACEHOLDERS or held in PLACEHOLDERS:
        return 0.0
    return jellyfish.jaro_winkler_similarity(asked, held)


def share_out(scores: list[Score]) -> None:
    """The probabilities of one search's candidates, made to add up to at most 1 (and the bands again).

    A query is about one person, held once or not at all. `score_held` weighs each record as if it were
    the only one that could be the person; when two records both fit (a namesake of the same age, a
    twin, a parent of the same name), each alone would look near certain, yet at most one can be. With
    the prior of model.py (as likely not held as held, spread over the people held) the chance that
    record i is the person, given every candidate found, is 2^w_i / (1 + sum of 2^w_j): Bayes' rule
    over "not held" and "record j" for each candidate j. Records no key found weigh nothing here, nor
    do records the rules say are someone else (`ruled_out`: a twin with another first name), whose
    weight counts a shared household as if it were evidence about the child."""
    if not scores:
        return
    shift = max(0.0, *(s.weight for s in scores))  # 2^(w - shift) is at most 1: no overflow
    odds = [2.0 ** max(-200.0, s.weight - shift) for s in scores]
    out = [ruled_out(s.found) if s.ruled is None else s.ruled for s in scores]
    # fsum is exactly rounded, so the total (and every probability) is the same to the last digit in
    # whatever order the database returns the candidates: SQLite and PostgreSQL give the same answers.
    total = math.fsum([2.0**-shift, *(o for o, ruled in zip(odds, out, strict=True) if not ruled)])
    likely, possible = thresholds()
    below_possible = math.nextafter(possible, 0.0)
    for s, o, ruled in zip(scores, odds, out, strict=True):
        # A record ruled out is someone else: its probability is its share beside the others, but never
        # as high as a "possible" one, so that the probability shown agrees with its band.
        s.value = min(o / (total + o), below_possible) if ruled else o / total
        s.band = _band_of(s.value, ruled, likely, possible)


def score(
    query: Details,
    *,
    given: str,
    family: str,
    previous: list[str],
    dob: datetime.date | None,
    postcodes: list[str],
    nhs_number: str = "",
    sex: str = "",
    upn: str = "",
    expected: datetime.date | None = None,
    model: Model | None = None,
) -> Score:
    held = Held(given, family, previous, dob, postcodes, nhs_number, sex, upn, expected)
    return score_held(query, held, model)
