"""Scoring a candidate person against what a caller told us, with the reasons in words (R-CHK-1).

Evidence is weighed on the person's own details, so that siblings and twins (same surname, address
and perhaps date of birth) do not score as the same child. An NHS number is strong evidence.
"""

import datetime
import functools
from dataclasses import dataclass, field

import jellyfish
from nicknames import NickNamer

from .models import normalise_name, normalise_postcode

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
PLACEHOLDERS = frozenset({"baby", "unborn", "infant", "unknown", "not known"})
WEIGHTS = {"given": 0.30, "family": 0.25, "dob": 0.35, "postcode": 0.10}
LIKELY, POSSIBLE = 0.85, 0.6
PLACEHOLDER_REASON = "first name is a placeholder (Baby / Unborn)"


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

    @classmethod
    def from_row(cls, *row: object) -> "Held":
        given, family, others, dob, postcodes, nhs, sex, upn = row
        split = lambda text: text.split(";") if text else []  # noqa: E731
        return cls(given, family, split(others), dob, split(postcodes), nhs, sex, upn)  # type: ignore[arg-type]

    def as_query(self) -> Details:
        return Details(
            self.given,
            self.family,
            self.dob,
            self.postcodes[0] if self.postcodes else "",
            self.nhs,
            self.sex,
            self.upn,
        )


@dataclass
class Score:
    value: float
    band: str
    reasons: list[str] = field(default_factory=list)


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


def _close_spelling(a: str, b: str) -> bool:
    """One letter added, dropped, changed or two swapped; or close by Jaro-Winkler for longer names."""
    if abs(len(a) - len(b)) > 2:
        return False
    if jellyfish.damerau_levenshtein_distance(a, b) <= 1 and min(len(a), len(b)) >= 3:
        return True
    return jellyfish.jaro_winkler_similarity(a, b) >= 0.9


@functools.lru_cache(maxsize=50_000)
def _first(name: str) -> str:
    return (normalise_name(name).split() or [""])[0]


def compare_given(query: str, held: str) -> tuple[float, str]:
    q, h = _first(query), _first(held)
    if not q or not h:
        return 0.5, ""
    if q in PLACEHOLDERS or h in PLACEHOLDERS:
        # A "Baby" record may be this child, or a twin or a newborn sibling: never likely on names alone.
        return 0.4, PLACEHOLDER_REASON
    if q == h:
        return 1.0, "same first name"
    if h in name_forms(q) or q in name_forms(h):
        return 0.9, f"{q.title()} is a short or formal form of {h.title()}"
    if sound(q) == sound(h):
        return 0.85, "first name sounds the same (spelling variant)"
    if sound(h) in form_sounds(q) or sound(q) in form_sounds(h):
        return 0.85, f"{q.title()} is a short or formal form of a name spelt like {h.title()}"
    if _close_spelling(q, h):
        return 0.8, "first name spelt slightly differently"
    held_tokens, query_tokens = normalise_name(held).split(), normalise_name(query).split()
    if q in held_tokens[1:] or h in query_tokens[1:]:
        return 0.85, "first name matches a middle name"
    return 0.0, ""


def compare_family(query: str, held: str, previous: list[str]) -> tuple[float, str]:
    q, h = normalise_name(query), normalise_name(held)
    if not q:
        return 0.5, ""
    if q == h:
        return 1.0, "same family name"
    if previous and (q in previous or q in {normalise_name(p) for p in previous}):
        return 0.9, "matches a previous family name"
    if set(q.split()) & set(h.split()):
        return 0.85, "part of a double-barrelled or changed family name"
    q_joined, h_joined = q.replace(" ", ""), h.replace(" ", "")
    if sound(q_joined) == sound(h_joined):
        return 0.8, "family name sounds the same"
    if _close_spelling(q_joined, h_joined):
        return 0.75, "family name spelt slightly differently"
    if any(_close_spelling(q_joined, normalise_name(p).replace(" ", "")) for p in previous):
        return 0.7, "close to a previous family name"
    return 0.0, ""


def compare_dob(query: datetime.date | None, held: datetime.date | None) -> tuple[float, str]:
    if query is None or held is None:
        return 0.5, "date of birth not known on one side"
    if query == held:
        return 1.0, "same date of birth"
    if (query.day, query.month, query.year) == (held.month, held.day, held.year):
        return 0.8, "date of birth day and month swapped"
    if (query.day, query.month) == (held.day, held.month) and abs(query.year - held.year) == 1:
        return 0.75, "date of birth year differs by one"
    same = sum((query.day == held.day, query.month == held.month, query.year == held.year))
    if same == 2:
        return 0.6, "date of birth differs in one part (possible typing error)"
    if abs((query - held).days) <= 7:
        return 0.5, "date of birth within a week"
    return 0.0, ""


def compare_postcode(query: str, held: list[str]) -> tuple[float, str]:
    pc = normalise_postcode(query)
    held = [normalise_postcode(p) for p in held]
    if not pc or not held:
        return 0.5, ""
    if pc in held:
        return 1.0, "same postcode"
    if any(h[:-3] == pc[:-3] for h in held if len(h) > 4):
        return 0.5, "same postcode district"
    return 0.3, "different postcode (may have moved)"


def _names(query: Details, given: str, family: str, previous: list[str]) -> tuple[float, float, str, str]:
    g, g_reason = compare_given(query.given_names, given)
    f, f_reason = compare_family(query.family_name, family, previous)
    if g == 0.0 or f == 0.0:
        # Given and family names written the wrong way round.
        g2, _ = compare_given(query.family_name, given)
        f2, _ = compare_family(query.given_names, family, previous)
        if g2 >= 0.85 and f2 >= 0.85:
            return g2, f2, "given and family names swapped", ""
    return g, f, g_reason, f_reason


def _by_identifier(query: Details, nhs_number: str, upn: str) -> Score | None:
    """An NHS number or a Unique Pupil Number held on both sides decides on its own."""
    for name, asked, held in (("NHS number", query.nhs_number, nhs_number), ("Unique Pupil Number", query.upn, upn)):
        if asked and held:
            if asked.upper() == held.upper():
                return Score(0.99, "likely", [f"same {name}"])
            return Score(0.05, "unlikely", [f"different {name}"])
    return None


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
) -> Score:
    decided = _by_identifier(query, nhs_number, upn)
    if decided is not None:
        return decided
    g, f, g_reason, f_reason = _names(query, given, family, previous)
    d, d_reason = compare_dob(query.date_of_birth, dob)
    p, p_reason = compare_postcode(query.postcode, postcodes)
    placeholder = g_reason == PLACEHOLDER_REASON
    if placeholder and p == 1.0 and f >= 0.85:
        # A Baby record in the same household is the best lead for a newly named child, but a twin or
        # a newborn sibling is as plausible: it ranks high and is never more than possible.
        g, g_reason = 0.8, "a Baby / Unborn record at the same address"
    value = g * WEIGHTS["given"] + f * WEIGHTS["family"] + d * WEIGHTS["dob"] + p * WEIGHTS["postcode"]
    reasons = [r for r in (g_reason, f_reason, d_reason, p_reason) if r]
    if {query.sex, sex} == {"M", "F"}:
        # Weak evidence on its own (sex is sometimes recorded wrongly), but it separates Baby twins.
        value -= 0.05
        reasons.append("different sex recorded")
    if g == 0.0:
        # A different first name is evidence of a different person (a sibling or twin).
        value = min(value, POSSIBLE - 0.01)
        reasons.insert(0, "different first name")
    if placeholder:
        value = min(value, LIKELY - 0.01)
    band = "likely" if value >= LIKELY else "possible" if value >= POSSIBLE else "unlikely"
    return Score(round(value, 3), band, reasons)


def score_held(query: Details, held: Held) -> Score:
    return score(
        query,
        given=held.given,
        family=held.family,
        previous=held.others,
        dob=held.dob,
        postcodes=held.postcodes,
        nhs_number=held.nhs,
        sex=held.sex,
        upn=held.upn,
    )
