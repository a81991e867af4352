"""The person-matching model (R-CHK-1): Fellegi–Sunter evidence weights, in words and in numbers.

Each comparison (given name, family name, date of birth, postcode, sex, NHS number, Unique Pupil
Number) puts a pair — what a caller told us and a record of the index — at one of a few levels. Each
level has two probabilities: `m`, how often the level is seen when the two are the same person, and
`u`, how often it is seen when they are not. The level's weight is log2(m / u) bits: positive is
evidence for, negative evidence against, 0 (a detail missing on one side) no evidence. The weights
are added to the prior (the log-odds that any one record is the person asked about, 1 in the number
of people held) and the sum turned into a probability: 2^w / (1 + 2^w).

An exact given name, family name or date of birth is adjusted for how common the value is in the
index (term frequency): sharing "Smith" or 1 January is weaker evidence than sharing a rare name or
date. `u` for that exact match is the value's share of the index, never below a floor.

The parameters come from `frontdoor people train` (training.py), stored as a `MatchModel` row; a
search uses the newest one. Until one is stored, `DEFAULT_PARAMETERS` (set from first principles,
see docs/MATCHING.md) are used. docs/adr/0015 records the choice.
"""

import math
import threading
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

# The comparisons and their levels, best first. A comparison with a detail missing on either side
# is at no level ("null") and weighs nothing.
LEVELS: dict[str, tuple[str, ...]] = {
    "given": ("exact", "form", "sound", "close", "middle", "different"),
    "family": ("exact", "previous", "part", "sound", "close", "different"),
    "dob": ("exact", "swapped", "year", "part", "weeks", "different"),
    "postcode": ("exact", "district", "different"),
    "sex": ("same", "different"),
    "nhs": ("same", "different"),
    "upn": ("same", "different"),
}
COMPARISONS = tuple(LEVELS)
# The comparisons whose exact level is adjusted for how common the value is.
TERM_FREQUENCY = ("given", "family", "dob")

# First principles, for an installation that has not trained a model yet (docs/MATCHING.md):
# m — how a caller's detail relates to the record of the same child (most details typed right; a few
#     per hundred a nickname, a misspelling, a swapped day and month, a move of house; one in twenty
#     children known by another family name: a mother's, a father's, a new partner's);
# u — how often two different people in an English index agree by chance (about 1 in 200 share a
#     first name, 1 in 300 a family name, 1 in 20,000 a date of birth, 1 in 5,000 a postcode).
DEFAULT_PARAMETERS: dict[str, Any] = {
    "people": 100_000,  # a mid-sized council's index; the prior is 1 in this
    "m": {
        "given": {"exact": 0.85, "form": 0.05, "sound": 0.03, "close": 0.03, "middle": 0.02, "different": 0.02},
        "family": {"exact": 0.82, "previous": 0.04, "part": 0.03, "sound": 0.03, "close": 0.03, "different": 0.05},
        "dob": {"exact": 0.9, "swapped": 0.015, "year": 0.015, "part": 0.04, "weeks": 0.01, "different": 0.02},
        "postcode": {"exact": 0.75, "district": 0.1, "different": 0.15},
        "sex": {"same": 0.98, "different": 0.02},
        "nhs": {"same": 0.995, "different": 0.005},
        "upn": {"same": 0.99, "different": 0.01},
    },
    "u": {
        "given": {"exact": 0.005, "form": 0.002, "sound": 0.003, "close": 0.005, "middle": 0.005, "different": 0.98},
        "family": {
            "exact": 0.003,
            "previous": 0.0005,
            "part": 0.0005,
            "sound": 0.003,
            "close": 0.003,
            "different": 0.99,
        },
        "dob": {"exact": 5e-5, "swapped": 5e-5, "year": 1e-4, "part": 0.005, "weeks": 0.001, "different": 0.9938},
        "postcode": {"exact": 0.0002, "district": 0.01, "different": 0.9898},
        "sex": {"same": 0.5, "different": 0.5},
        "nhs": {"same": 1e-6, "different": 0.999999},
        "upn": {"same": 1e-6, "different": 0.999999},
    },
    # Two different people with the same family name often live together (a household): for them a
    # shared postcode is much less rare than for any two people. u of the postcode levels when the
    # family names are the same (about 1 in 20 such pairs share a postcode in a default index).
    "u_postcode_same_family": {"exact": 0.05, "district": 0.1, "different": 0.85},
    # Two different people of one household (the same family name and postcode) born the same day: twins.
    # About 1 birth in 65 in England is a twin's; 1 in 100 pairs of a household share a date of birth.
    # Read when the first name gives no evidence (a placeholder, or missing): nothing then tells a child
    # from a twin, so a shared date of birth in the household is weighed with this u (matching.py).
    "u_dob_same_household": 0.01,
    # Term frequencies: {comparison: {value: count}} over `people`; an unlisted value counts 1.
    "tf": {},
    # No exact match is rarer than this by chance, however rare the value (a typing error can make any
    # value appear twice): it bounds the strongest single piece of evidence.
    "tf_floor": 1e-5,
}


@dataclass
class Model:
    """A set of parameters made ready for scoring: weights precomputed, term frequencies in dicts."""

    version: int  # 0: the default parameters
    parameters: dict[str, Any]
    weights: dict[str, dict[str, float]] = field(default_factory=dict)
    prior: float = 0.0  # log2 odds that one record is the person asked about
    _tf_cache: dict[tuple[str, str], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        p = self.parameters
        self.people = max(2, int(p.get("people") or 2))
        self.prior = math.log2(1 / (self.people - 1))
        self.weights = {
            comp: {level: math.log2(p["m"][comp][level] / p["u"][comp][level]) for level in levels}
            for comp, levels in LEVELS.items()
        }
        for levels in self.weights.values():
            # No level is better evidence than agreeing exactly: a level too rare to be seen among the
            # random pairs (a swapped day and month) gets a u so small that its weight could outgrow it.
            best = next(iter(levels.values()))
            for level, weight in levels.items():
                levels[level] = min(weight, best)
        same_family = p.get("u_postcode_same_family") or DEFAULT_PARAMETERS["u_postcode_same_family"]
        self.postcode_same_family = {
            level: math.log2(p["m"]["postcode"][level] / same_family[level]) for level in LEVELS["postcode"]
        }
        twins = float(p.get("u_dob_same_household") or DEFAULT_PARAMETERS["u_dob_same_household"])
        self.dob_same_household = math.log2(p["m"]["dob"]["exact"] / twins)
        self.tf = {comp: p.get("tf", {}).get(comp, {}) for comp in TERM_FREQUENCY}
        defaults = p.get("dob_defaults") or {}
        self.default_dates = frozenset(defaults.get("dates", {}))
        self.born_in = {int(year): n for year, n in defaults.get("years", {}).items()}
        self.born_total = sum(self.born_in.values())
        m_dob = p["m"]["dob"]
        # The same person's year of birth is right unless it is one off or the date is wholly different.
        self.m_same_year = 1.0 - m_dob["year"] - m_dob["different"]
        self.tf_floor = float(p.get("tf_floor", DEFAULT_PARAMETERS["tf_floor"]))

    def exact_weight(self, comp: str, value: str) -> float:
        """log2(m / u) for an exact match on `value`, u being the value's share of the index."""
        key = (comp, value)
        cached = self._tf_cache.get(key)
        if cached is None:
            if not self.tf[comp]:  # no term frequencies (the default parameters)
                cached = self.weights[comp]["exact"]
            else:
                share = max(self.tf[comp].get(value, 1) / self.people, self.tf_floor)
                cached = math.log2(self.parameters["m"][comp]["exact"] / share)
            if len(self._tf_cache) < 200_000:
                self._tf_cache[key] = cached
        return cached

    def year_weight(self, year: int) -> float:
        """log2(m / u) for the same year of birth, u being the share of the index born that year: the
        evidence a date held as a default (1 January of the year) still gives (training.default_dates)."""
        total = self.born_total
        share = max(self.born_in.get(year, 1) / total, self.tf_floor) if total else 1 / 80
        return math.log2(self.m_same_year / share)


DEFAULT_MODEL = Model(0, DEFAULT_PARAMETERS)


def thresholds() -> tuple[float, float]:
    """The probabilities at which a candidate is a "likely" and a "possible" match (settings)."""
    return settings.FRONTDOOR_MATCH_LIKELY, settings.FRONTDOOR_MATCH_POSSIBLE


_lock = threading.Lock()
_current: dict[str, Any] = {}


def current_model() -> Model:
    """The newest stored model, read once per process and again only when a newer one is stored
    (one indexed look-up of the newest version per call); the default parameters when none is."""
    from .models import MatchModel

    newest = MatchModel.objects.order_by("-version").values_list("pk", "version", "trained_at").first()
    if newest is None:
        return DEFAULT_MODEL
    cached = _current.get("model")
    if cached is not None and _current.get("key") == newest:
        return cached
    with _lock:
        parameters = MatchModel.objects.values_list("parameters", flat=True).get(pk=newest[0])
        model = Model(newest[1], parameters)
        _current.update(model=model, key=newest)
    return model


def forget_model() -> None:
    """Drop the cached model (tests, and after training in the same process)."""
    _current.clear()


# --- comparing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    comparison: str
    level: str | None  # None: not compared (a detail missing)
    words: str
    weight: float


def strength(weight: float) -> str:
    """A weight in words, for pages: direction and strength, never the number."""
    if weight == 0:
        return "no evidence either way"
    if weight >= 10:
        return "very strong evidence for"
    if weight >= 4:
        return "strong evidence for"
    if weight >= 1:
        return "evidence for"
    if weight > -1:
        return "little evidence either way"
    if weight > -4:
        return "evidence against"
    return "strong evidence against"
