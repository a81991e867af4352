"""R-CHK-1: the matching suite, run through the real search and database (SQLite and PostgreSQL both
run it under `make test`): every kind of error a caller or a record can carry, twins, and people
who are not in the index."""

import datetime

import pytest

from frontdoor.people.keys import person_keys, query_keys
from frontdoor.people.matching import Details
from frontdoor.people.models import PersonKey, PersonName
from frontdoor.people.selectors import people_search
from frontdoor.people.services import person_create

D = datetime.date
pytestmark = pytest.mark.django_db

INDEX = [
    # key, given, family, dob, postcode, previous family names, NHS number
    ("alfred", "Alfred", "Smith", D(2015, 3, 7), "CB1 2AB", [], ""),
    ("isabella", "Isabella", "Smith", D(2015, 3, 7), "CB1 2AB", [], ""),  # Alfred's twin
    ("catherine", "Catherine Rose", "Okafor", D(2011, 11, 2), "PE13 1AA", [], ""),
    ("mohammed", "Mohammed", "Hussain", D(2013, 6, 21), "LU1 3HH", [], "9434765919"),
    ("leah", "Leah", "Smith-Jones", D(2016, 9, 30), "CB4 1XY", ["Jones"], ""),
    ("baby", "Baby", "Kowalski", D(2026, 10, 1), "CB2 8PQ", [], ""),
    ("kayden", "Kayden", "Brown", D(2009, 4, 12), "CB5 8JJ", ["Green"], ""),
    ("oliver", "Oliver", "Taylor", D(2018, 1, 15), "CB1 3DD", [], ""),
    ("olivia", "Olivia", "Taylor", D(2020, 5, 15), "CB1 3DD", [], ""),  # Oliver's sister
]

CASES = [
    # given, family, dob, postcode, expected top result
    ("Alfred", "Smith", D(2015, 3, 7), "CB1 2AB", "alfred"),
    ("Alfie", "Smith", D(2015, 3, 7), "", "alfred"),
    ("Bella", "Smith", D(2015, 3, 7), "CB1 2AB", "isabella"),
    ("Kate", "Okafor", D(2011, 11, 2), "", "catherine"),
    ("Rose", "Okafor", D(2011, 11, 2), "", "catherine"),  # known by her middle name
    ("Muhammad", "Husain", D(2013, 6, 21), "", "mohammed"),
    ("Mohamed", "Hussein", None, "LU1 3HH", "mohammed"),
    ("Leah", "Jones", D(2016, 9, 30), "", "leah"),  # previous name, and a part of the current one
    ("Leah", "Smith", D(2016, 9, 30), "", "leah"),
    ("Smith", "Alfred", D(2015, 3, 7), "", "alfred"),  # names swapped
    ("Alfred", "Smith", D(2015, 7, 3), "", "alfred"),  # day and month swapped
    ("Alfred", "Smith", D(2016, 3, 7), "", "alfred"),  # year off by one
    ("Alfred", "Smith", D(2015, 3, 9), "", "alfred"),  # day mistyped
    ("Alfred", "Smith", None, "", "alfred"),  # no date of birth, no postcode
    ("Alfred", "Smtih", D(2015, 3, 7), "", "alfred"),  # letters swapped in the family name
    ("Alfre", "Smith", D(2015, 3, 7), "", "alfred"),  # a letter dropped from the first name
    ("Zofia", "Kowalski", D(2026, 10, 1), "CB2 8PQ", "baby"),  # a "Baby" record, named since
    ("Kayden", "Green", D(2009, 4, 12), "ZZ9 9ZZ", "kayden"),  # changed name and moved house
    ("Caden", "Brown", D(2009, 4, 12), "", "kayden"),  # spelling variant
    ("Olivia", "Taylor", D(2020, 5, 15), "CB1 3DD", "olivia"),
    ("Oliver", "Taylor", None, "CB1 3DD", "oliver"),
]


@pytest.fixture
def index(officer):  # noqa: ANN001, ANN201
    people = {}
    for key, given, family, dob, postcode, previous, nhs in INDEX:
        person = person_create(
            created_by=officer,
            given_names=given,
            family_name=family,
            date_of_birth=dob,
            postcode=postcode,
            address="1 High Street",
            nhs_number=nhs,
        )
        for name in previous:
            PersonName.objects.create(person=person, family_name=name, family_name_norm=name.lower())
        people[key] = person
    from frontdoor.people.keys import person_keys_refresh

    person_keys_refresh([p.pk for p in people.values()])
    return people


@pytest.mark.parametrize(("given", "family", "dob", "postcode", "expected"), CASES)
def test_the_right_person_comes_first(index, officer, given, family, dob, postcode, expected) -> None:  # noqa: ANN001
    results = people_search(user=officer, given_names=given, family_name=family, date_of_birth=dob, postcode=postcode)
    assert results, "no candidates"
    assert results[0].person == index[expected], [(c.person.full_name, c.score, c.reasons) for c in results[:3]]
    assert results[0].band in ("likely", "possible")
    assert results[0].reasons


def test_twins_and_siblings_are_never_the_likely_answer_for_each_other(index, officer) -> None:  # noqa: ANN001
    results = people_search(user=officer, given_names="Alfred", family_name="Smith", date_of_birth=D(2015, 3, 7))
    twin = next(c for c in results if c.person == index["isabella"])
    assert results[0].person == index["alfred"]
    assert results[0].band == "likely"
    assert twin.band == "unlikely"
    assert twin.reasons[0] == "different first name"


@pytest.mark.parametrize(
    ("given", "family", "dob"),
    [
        ("Amelia", "Smith", D(2015, 3, 7)),  # a third sibling not yet known, same birthday as the twins
        ("Alfred", "Smith", D(1984, 8, 30)),  # same name, another person
        ("Noah", "Taylor", D(2022, 2, 2)),  # a new baby in a known household
        ("Jessica", "Nowak", D(2012, 12, 12)),
    ],
)
def test_people_not_in_the_index_get_no_likely_candidate(index, officer, given, family, dob) -> None:  # noqa: ANN001
    results = people_search(user=officer, given_names=given, family_name=family, date_of_birth=dob, postcode="CB1 3DD")
    assert all(c.band != "likely" for c in results), [(c.person.full_name, c.score) for c in results]


def test_nhs_number_finds_the_child_whatever_the_name(index, officer) -> None:  # noqa: ANN001
    results = people_search(user=officer, given_names="Mo", family_name="H", nhs_number="9434765919")
    assert results[0].person == index["mohammed"]
    assert results[0].reasons[0] == "same NHS number"
    assert results[0].band == "likely"


def test_an_empty_query_or_a_postcode_alone_finds_nobody(index, officer) -> None:  # noqa: ANN001
    assert people_search(user=officer) == []
    assert people_search(user=officer, postcode="CB1 2AB") == []


def test_a_merged_record_is_not_offered(index, officer) -> None:  # noqa: ANN001
    index["olivia"].merged_into = index["oliver"]
    index["olivia"].save()
    results = people_search(user=officer, given_names="Olivia", family_name="Taylor", date_of_birth=D(2020, 5, 15))
    assert index["olivia"] not in [c.person for c in results]


def test_every_corruption_leaves_a_key_in_common() -> None:
    """The blocking keys of a record and of a query that differs from it in one detail always meet."""
    held = person_keys(given_names="Alfred", family_name="Smith-Jones", other_names=["Brown"], dob=D(2015, 3, 7))
    for query in (
        Details("Alfie", "Smith-Jones", D(2015, 3, 7)),
        Details("Alfred", "Brown", None),
        Details("Alfred", "Jones", D(2016, 3, 7)),
        Details("Smith", "Alfred", D(2015, 7, 3)),
        Details("Zzyzx", "Qwerty", D(2015, 3, 7)),
        Details("Alfred", "Smyth-Jones", D(2015, 3, 30)),
    ):
        assert query_keys(query) & held, query


def test_import_and_create_write_keys(officer, tmp_path) -> None:  # noqa: ANN001
    from frontdoor.people.importer import people_import

    person = person_create(created_by=officer, given_names="Ada", family_name="Lovelace", date_of_birth=D(2014, 1, 2))
    assert set(PersonKey.objects.filter(person=person).values_list("key", flat=True)) == person_keys(
        given_names="Ada", family_name="Lovelace", other_names=[], dob=D(2014, 1, 2)
    )
    csv_file = tmp_path / "people.csv"
    header = "person_id,given_names,family_name,previous_family_names,date_of_birth,sex,postcode,address,nhs_number\n"
    csv_file.write_text(header + "X1,Grace,Hopper,Murray,2013-05-06,F,CB1 1AA,1 Road,\n", encoding="utf-8")
    people_import(path=csv_file)
    found = people_search(user=officer, given_names="Grace", family_name="Murray", date_of_birth=D(2013, 5, 6))
    assert found[0].person.source_id == "X1"
    # A re-import with a new surname and address re-keys the record and keeps the old postcode.
    csv_file.write_text(header + "X1,Grace,Smith,Murray;Hopper,2013-05-06,F,PE1 1AA,2 Road,\n", encoding="utf-8")
    people_import(path=csv_file)
    found = people_search(
        user=officer, given_names="Grace", family_name="Smith", date_of_birth=None, postcode="CB1 1AA"
    )
    assert found[0].person.source_id == "X1"
    assert "same postcode" in found[0].reasons


def test_search_page_shows_a_restricted_match_as_restricted_and_nothing_more(index, client, officer) -> None:  # noqa: ANN001
    index["kayden"].restricted = True
    index["kayden"].open_case, index["kayden"].cp_plan = True, True
    index["kayden"].save()
    client.force_login(officer)
    page = client.post(
        "/people/",
        {
            "given_names": "Kayden",
            "family_name": "Brown",
            "date_of_birth_0": "12",
            "date_of_birth_1": "4",
            "date_of_birth_2": "2009",
        },
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Restricted record" in text
    assert "Kayden" not in text.split("<h2", 1)[1]  # the results, below the form that echoes the query
    assert "CP plan" not in text


def test_search_page_shows_band_reasons_and_case_flags(index, client, officer) -> None:  # noqa: ANN001
    index["oliver"].open_case, index["oliver"].allocated_worker = True, "Jo Worker"
    index["oliver"].save()
    client.force_login(officer)
    page = client.post("/people/", {"given_names": "Ollie", "family_name": "Taylor"})
    text = page.content.decode()
    assert "Oliver Taylor" in text
    assert "Open case" in text
    assert "Jo Worker" in text
    assert "short or formal form" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"given_names": ""}, "Enter a name, a date of birth or an NHS number to search"),
        ({"postcode": "CB1 2AB"}, "A postcode alone is not enough: add a name or a date of birth"),
        ({"given_names": "A" * 10_000}, "Given names must be 100 characters or fewer"),
        ({"family_name": "Smith", "nhs_number": "9434765918"}, "last digit does not match"),
        ({"family_name": "Smith", "nhs_number": "94347"}, "An NHS number is 10 digits"),
        (
            {"family_name": "Smith", "date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "2015"},
            "real date",
        ),
    ],
)
def test_bad_searches_get_a_clear_message_and_keep_what_was_typed(client, officer, params, message) -> None:  # noqa: ANN001
    client.force_login(officer)
    page = client.post("/people/", params)
    text = page.content.decode()
    assert page.status_code == 200
    assert message in text
    assert "govuk-error-summary" in text
    if params.get("family_name"):
        assert 'value="Smith"' in text


def test_search_by_nhs_number_alone(index, client, officer) -> None:  # noqa: ANN001
    client.force_login(officer)
    page = client.post("/people/", {"nhs_number": "943 476 5919"})
    assert "Mohammed Hussain" in page.content.decode()


@pytest.mark.parametrize(
    ("upn", "valid"),
    [("A123456789012", True), ("U80120000100A", True), ("B123456789012", False), ("A12345678901", False), ("", False)],
)
def test_unique_pupil_number_check_letter(upn, valid) -> None:  # noqa: ANN001
    from frontdoor.people.identifiers import upn_valid

    assert upn_valid(upn) is valid


def test_a_unique_pupil_number_is_strong_evidence_both_ways(index, officer, client) -> None:  # noqa: ANN001
    index["oliver"].upn = "A123456789012"
    index["oliver"].save()
    found = people_search(user=officer, given_names="Ollie", family_name="T", upn="A123456789012")
    assert found[0].person == index["oliver"]
    assert found[0].reasons[0] == "same Unique Pupil Number"
    assert found[0].band == "likely"
    other = people_search(
        user=officer, given_names="Oliver", family_name="Taylor", date_of_birth=D(2018, 1, 15), upn="U80120000100A"
    )
    assert next(c for c in other if c.person == index["oliver"]).band == "unlikely"
    client.force_login(officer)
    page = client.post("/people/", {"family_name": "Taylor", "upn": "B123456789012"}).content.decode()
    assert "the letter checks the rest" in page


def test_reindex_builds_keys_for_records_written_outside_the_services(officer) -> None:  # noqa: ANN001
    from django.core.management import call_command

    from frontdoor.people.models import Person

    Person.objects.create(
        given_names="Rosa",
        family_name="Parks",
        given_names_norm="rosa",
        family_name_norm="parks",
        date_of_birth=D(2013, 2, 4),
    )
    assert people_search(user=officer, given_names="Rosa", family_name="Parks", date_of_birth=D(2013, 2, 4)) == []
    call_command("people", "reindex")
    found = people_search(user=officer, given_names="Rosa", family_name="Parks", date_of_birth=D(2013, 2, 4))
    assert found[0].person.given_names == "Rosa"
    assert found[0].band == "likely"
