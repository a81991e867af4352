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
