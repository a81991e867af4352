"""R-CHK-1: a search of the commonest family names scores a capped number of candidates, the best-keyed
first, so recording a contact stays quick without losing the person sought."""

import datetime
from pathlib import Path

import pytest

from frontdoor.people import selectors
from frontdoor.people.importer import people_import
from frontdoor.people.matching import Details
from frontdoor.people.models import Person
from frontdoor.people.selectors import candidate_ids, people_search

pytestmark = pytest.mark.django_db
CAP = 40


@pytest.fixture
def namesakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Person:
    """120 John Smiths born on other days, then the one sought (the last row, so the highest id)."""
    monkeypatch.setattr(selectors, "SCORED_CAP", CAP)
    rows = [
        f"N{i},John,Smith,{datetime.date(1950 + i // 4, 1 + i % 12, 1 + i % 28).isoformat()},M,LS{i % 9} 1AA"
        for i in range(120)
    ]
    rows.append("T1,John,Smith,2014-05-06,M,CB1 2AB")
    path = tmp_path / "people.csv"
    path.write_text("person_id,given_names,family_name,date_of_birth,sex,postcode\n" + "\n".join(rows) + "\n")
    assert people_import(path=path).created == 121
    return Person.objects.get(source_id="T1")


def test_r_chk_1_a_common_name_with_a_date_of_birth_finds_the_person_among_capped_candidates(
    namesakes: Person,
    officer,  # noqa: ANN001
) -> None:
    query = Details("Jon", "Smith", datetime.date(2014, 5, 6))
    ids = candidate_ids(Person.objects.all(), query)
    assert len(ids) <= CAP
    assert namesakes.pk in ids
    found = people_search(user=officer, given_names="Jon", family_name="Smith", date_of_birth=datetime.date(2014, 5, 6))
    assert found[0].person == namesakes
    # A year typed one too high and no postcode: still among the candidates scored, and first.
    found = people_search(
        user=officer, given_names="John", family_name="Smith", date_of_birth=datetime.date(2015, 5, 6)
    )
    assert found[0].person == namesakes


def test_r_chk_1_a_family_name_alone_is_capped_and_the_postcode_brings_the_household_first(
    namesakes: Person,
) -> None:
    assert len(candidate_ids(Person.objects.all(), Details("", "Smith"))) <= CAP
    assert namesakes.pk in candidate_ids(Person.objects.all(), Details("", "Smith", postcode="CB1 2AB"))


def test_r_chk_1_most_specific_keeps_the_members_of_most_and_smallest_blocks() -> None:
    blocks = [[1, 2, 3, 4, 5, 6], [6, 7], [5, 6, 8, 9]]
    assert selectors.most_specific(blocks, 3) == {5, 6, 7}
    assert selectors.most_specific(blocks, 100) == set(range(1, 10))


def test_r_chk_1_best_keyed_keeps_the_order_a_block_was_read_in() -> None:
    """Members of one block are taken in the order the block gives them (a range read nearest first),
    after the members of more blocks and of smaller ones."""
    assert selectors.best_keyed([[9, 3, 5, 1]], 2) == [9, 3]
    assert selectors.best_keyed([[9, 3, 5, 1], [1, 7], [2]], 3) == [1, 2, 7]


def _scored(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many candidates had been scored each time the search put them in order."""
    counts: list[int] = []
    real = selectors.put_in_order

    def counting(results):  # noqa: ANN001, ANN202
        counts.append(len(results))
        return real(results)

    monkeypatch.setattr(selectors, "put_in_order", counting)
    return counts


def test_r_chk_1_a_likely_match_among_the_best_keyed_stops_the_search_there(
    namesakes: Person,
    officer,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The slow tail of a common name (issue 11): the best-keyed candidates are scored first, and when one
    of them is a likely match the hundred other John Smiths are not scored at all."""
    monkeypatch.setattr(selectors, "FIRST_PASS", 10)
    scored = _scored(monkeypatch)
    found = people_search(
        user=officer,
        given_names="John",
        family_name="Smith",
        date_of_birth=datetime.date(2014, 5, 6),
        postcode="CB1 2AB",
    )
    assert found[0].person == namesakes
    assert found[0].band == "likely"
    assert scored == [10]


def test_r_chk_1_with_no_likely_match_among_the_best_keyed_the_rest_are_scored(
    namesakes: Person,
    officer,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A query that finds no likely match among the first candidates scores the rest up to the cap, so the
    person sought is not lost to the first cut: "J Smith" with a postcode and no date of birth."""
    monkeypatch.setattr(selectors, "FIRST_PASS", 10)
    scored = _scored(monkeypatch)
    found = people_search(user=officer, given_names="J", family_name="Smith", postcode="CB1 2AB")
    assert scored == [10, CAP]
    assert namesakes in [c.person for c in found]


def test_r_chk_1_a_misspelt_family_name_reads_the_nearest_spellings_first(
    tmp_path: Path,
    officer,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    """With no date of birth and a family name nobody holds, the given name's keys are read nearest
    spelling first: a Gary whose family name is early in the alphabet does not crowd out Gary Adams
    ("Asams") when a common given name has more namesakes than the read keeps."""
    monkeypatch.setattr(selectors, "_FALLBACK_CAP", 5)
    families = ["Aaberg", "Abbas", "Abbott", "Abel", "Abrams", "Acton", "Adair", "Adcock"]
    rows = [f"G{i},Gary,{family},1970-01-0{1 + i % 9},M,L1 {i}AA" for i, family in enumerate(families)]
    rows.append("T1,Gary,Adams,1974-01-29,M,L7 4AZ")
    path = tmp_path / "people.csv"
    path.write_text("person_id,given_names,family_name,date_of_birth,sex,postcode\n" + "\n".join(rows) + "\n")
    assert people_import(path=path).created == len(rows)
    found = people_search(user=officer, given_names="Gary", family_name="Asams")
    assert found[0].person == Person.objects.get(source_id="T1")
