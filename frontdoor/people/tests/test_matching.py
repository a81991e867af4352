"""R-CHK-1: the person search tolerates misspellings, nicknames, previous surnames, swapped day and
month, and missing fields, shows why each candidate matched, and does not confuse twins."""

import datetime

import pytest

from frontdoor.people.keys import person_keys_refresh
from frontdoor.people.matching import Details, score
from frontdoor.people.models import Address, Person, PersonName, normalise_name, normalise_postcode
from frontdoor.people.selectors import people_search

D = datetime.date


def held(**overrides: object) -> dict:
    values = {"given": "Alfred", "family": "Smith", "previous": [], "dob": D(2015, 3, 7), "postcodes": ["CB1 2AB"]}
    values.update(overrides)
    return values


@pytest.mark.parametrize(
    ("query", "band", "reason"),
    [
        (Details("Alfred", "Smith", D(2015, 3, 7), "CB1 2AB"), "likely", "same date of birth"),
        (Details("Alfie", "Smith", D(2015, 3, 7), "CB1 2AB"), "likely", "short or formal form"),
        (Details("Alfred", "Smith", D(2015, 7, 3), "CB1 2AB"), "likely", "day and month swapped"),
        (Details("Alfred", "Smith", D(2016, 3, 7), "CB1 2AB"), "likely", "year differs by one"),
        (Details("Alfred", "Smyth", D(2015, 3, 7), ""), "likely", "family name"),
        (Details("Alfred", "Jones", D(2015, 3, 7), "PE13 1AA"), "likely", "previous family name"),
        (Details("Smith", "Alfred", D(2015, 3, 7), "CB1 2AB"), "likely", "given and family names swapped"),
        (Details("Alfred", "Smith", None, ""), "possible", "not known"),
    ],
)
def test_tolerant_matching_with_reasons(query: Details, band: str, reason: str) -> None:
    result = score(query, **held(previous=["Jones"]))
    assert result.band == band, result
    assert any(reason in r for r in result.reasons), result.reasons


def test_transliteration_variants_match() -> None:
    result = score(
        Details("Muhammad", "Khan", D(2012, 1, 5)), **held(given="Mohammed", family="Khan", dob=D(2012, 1, 5))
    )
    assert result.band == "likely"
    assert "sounds the same" in " ".join(result.reasons)


def test_twins_are_not_the_same_child() -> None:
    """Same surname, address and date of birth, different first name: not a likely match."""
    result = score(Details("Amelia", "Smith", D(2015, 3, 7), "CB1 2AB"), **held(given="Olivia"))
    assert result.band == "unlikely"
    assert result.reasons[0] == "different first name"


def test_nhs_number_is_strong_evidence_both_ways() -> None:
    assert score(Details("Al", "Smith", nhs_number="9434765919"), **held(), nhs_number="9434765919").band == "likely"
    assert (
        score(
            Details("Alfred", "Smith", D(2015, 3, 7), nhs_number="9434765919"), **held(), nhs_number="4010232137"
        ).band
        == "unlikely"
    )


def test_placeholder_baby_name_is_not_held_against_a_match() -> None:
    result = score(Details("Baby", "Smith", D(2026, 1, 2)), **held(given="Noah", dob=D(2026, 1, 2)))
    assert result.band == "possible"  # Noah, or a twin of his: nothing tells them apart
    assert not any(w < 0 for _, w in result.evidence)


@pytest.mark.django_db
def test_search_ranks_the_right_twin_first_and_finds_previous_surnames(officer) -> None:  # noqa: ANN001
    def person(given: str, family: str, dob: D) -> Person:
        p = Person.objects.create(
            given_names=given,
            family_name=family,
            date_of_birth=dob,
            given_names_norm=normalise_name(given),
            family_name_norm=normalise_name(family),
        )
        Address.objects.create(
            person=p, line="1 Mill Road", postcode="CB1 2AB", postcode_norm=normalise_postcode("CB1 2AB")
        )
        return p

    olivia, amelia = person("Olivia", "Smith", D(2015, 3, 7)), person("Amelia", "Smith", D(2015, 3, 7))
    changed = person("Kate", "Brown", D(2010, 5, 1))
    PersonName.objects.create(person=changed, family_name="Green", family_name_norm="green")
    person_keys_refresh([olivia.pk, amelia.pk, changed.pk])

    results = people_search(user=officer, given_names="Amelia", family_name="Smith", date_of_birth=D(2015, 3, 7))
    assert results[0].person == amelia
    assert results[0].band == "likely"
    assert next(c for c in results if c.person == olivia).band == "unlikely"

    results = people_search(user=officer, given_names="Catherine", family_name="Green", date_of_birth=D(2010, 1, 5))
    assert results[0].person == changed
    assert "matches a previous family name" in results[0].reasons
    assert "date of birth day and month swapped" in results[0].reasons
