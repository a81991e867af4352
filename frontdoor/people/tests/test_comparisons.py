"""R-CHK-1: a search compares each distinct value of its candidates once (`matching.Comparisons`), and
the evidence, probability, band and reasons are the same as comparing each candidate afresh."""

import datetime
import itertools
import random

import pytest

from frontdoor.people import matching
from frontdoor.people.matching import Comparisons, Details, Held, explained, put_in_order, score_held
from frontdoor.people.model import DEFAULT_MODEL, DEFAULT_PARAMETERS, Model

D = datetime.date

# A model with term frequencies and a default date, so that every branch of the weights is read.
MODEL = Model(
    1,
    {
        **DEFAULT_PARAMETERS,
        "people": 50_000,
        "tf": {"given": {"amy": 300, "jack": 250}, "family": {"smith": 900, "khan": 400}, "dob": {"2015-03-07": 40}},
        "dob_defaults": {"dates": {"1980-01-01": 0.95}, "years": {"1980": 1_000, "2015": 5_000}},
    },
)

GIVEN = ["Amy", "Amy Jane", "Aimee", "Jack", "Smith", "Baby", "", "A.", "Jane", "Khan"]
FAMILY = [("Smith", []), ("Smith", ["Jones"]), ("Smyth", []), ("Khan", []), ("Amy", []), ("Jones-Smith", [])]
DATES = [(D(2015, 3, 7), None), (D(2015, 7, 3), None), (D(1980, 1, 1), None), (None, D(2015, 3, 7)), (None, None)]
POSTCODES = [["CB1 2AB"], ["CB1 9ZZ"], ["N1 1AA", "CB1 2AB"], ["N1 1AA"], []]


def _records() -> list[Held]:
    """Candidates that share given names, family names, dates and postcodes in many combinations."""
    rows = itertools.product(GIVEN, FAMILY, DATES, POSTCODES, ["F", "M", "U"], ["", "9434765919"])
    picked = random.Random(11).sample(list(rows), 1_500)
    return [
        Held(g, f, list(others), dob, list(pcs), nhs, sex, "", edd)
        for g, (f, others), (dob, edd), pcs, sex, nhs in picked
    ]


QUERIES = [
    Details("Amy", "Smith", D(2015, 3, 7), "CB1 2AB", sex="F"),
    Details("Smith", "Amy", D(2015, 3, 7), "CB1 2AB", sex="F"),  # names swapped
    Details("Baby", "Smith", D(2015, 3, 7), "CB1 2AB"),  # nothing tells a twin apart
    Details("Aimee", "Smyth", D(1980, 6, 12), "CB1 9ZZ", "9434765919", "F"),  # a default date, an NHS number
    Details("", "Khan", None, ""),
    Details("Amy", "Jones", D(2015, 7, 3), "CB1 2XY", sex="F"),  # a previous family name
    Details("Jane", "", D(2015, 3, 7), "N1 1AA", sex="M"),
]


class _Forgetful(dict):
    """A memo that keeps nothing: every value compared afresh."""

    def __setitem__(self, key: object, value: object) -> None:
        pass


def afresh(query: Details, held: Held, model: Model) -> matching.Score:
    """`held` scored with nothing kept between its comparisons, or from any other record's."""
    compare = Comparisons(query, model)
    for name, value in vars(compare).items():
        if isinstance(value, dict):
            setattr(compare, name, _Forgetful())
    return compare.score(held)


def _same(a: matching.Score, b: matching.Score) -> None:
    assert (a.value, a.band, a.weight, a.near) == (b.value, b.band, b.weight, b.near)
    assert (a.found, a.reasons, a.evidence) == (b.found, b.reasons, b.evidence)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("model", [DEFAULT_MODEL, MODEL], ids=["default", "trained"])
def test_r_chk_1_one_searchs_comparisons_give_the_evidence_of_each_compared_afresh(
    query: Details, model: Model
) -> None:
    records = _records()
    compare = Comparisons(query, model)  # shared by every candidate, as a search shares it
    for held in records:
        _same(compare.score(held), afresh(query, held, model))
        _same(score_held(query, held, model), afresh(query, held, model))
    # Scored unexplained and explained afterwards (a search words only the candidates it shows): the same.
    shared = [(pk, held, compare.score(held, explain=False)) for pk, held in enumerate(records)]
    each = [(pk, held, afresh(query, held, model)) for pk, held in enumerate(records)]
    for (pk, r), (pk2, r2) in zip(put_in_order(shared), put_in_order(each), strict=True):
        assert pk == pk2
        _same(explained(r), r2)


def test_r_chk_1_a_search_compares_each_distinct_given_and_family_name_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidates sharing a first name or a family name (and previous names) are compared on it once."""
    calls: dict[str, list[tuple[str, ...]]] = {"given": [], "family": []}
    real_given, real_family = matching.given_level, matching.family_level

    def given_level(asked: str, held: str) -> tuple[str | None, str]:
        calls["given"].append((asked, held))
        return real_given(asked, held)

    def family_level(asked: str, held: str, previous: list[str]) -> tuple[str | None, str]:
        calls["family"].append((asked, held, *previous))
        return real_family(asked, held, previous)

    monkeypatch.setattr(matching, "given_level", given_level)
    monkeypatch.setattr(matching, "family_level", family_level)
    records = _records()
    compare = Comparisons(QUERIES[0], MODEL)
    for held in records:
        compare.score(held)
    assert len(calls["given"]) == len(set(calls["given"])) <= 2 * len(GIVEN)  # as written, and swapped
    assert len(calls["family"]) == len(set(calls["family"])) <= 2 * len(FAMILY)
    assert len(records) > 10 * len(GIVEN)
