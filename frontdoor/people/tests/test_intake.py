"""R-INT-9 and R-CHK-1 at intake: unborn children in the import, dates of birth in the future in every
search (page, contact form, `frontdoor people match`), and the words the commands use for what they
did not load or search."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from frontdoor.people.importer import people_import
from frontdoor.people.keys import person_keys_refresh
from frontdoor.people.matching import Details
from frontdoor.people.models import Address, Person, normalise_name, normalise_postcode
from frontdoor.people.query import usable_query
from frontdoor.people.selectors import people_search

D = datetime.date
TODAY = D(2026, 12, 2)
HEADER = "person_id,given_names,family_name,date_of_birth,expected_date_of_birth,sex,postcode\n"
# Noon in London on TODAY: every test here runs on the same calendar day.
NOW = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.UTC)


def write(tmp_path: Path, body: str, header: str = HEADER, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def test_r_chk_1_usable_query_keeps_a_plausible_future_date_and_sets_aside_an_impossible_one() -> None:
    past = Details("Alfie", "Smith", D(2025, 12, 1))
    assert usable_query(past, TODAY) == (past, [])
    near = Details("Alfie", "Smith", D(2027, 11, 30))  # a baby born last month, its year typed one too high
    kept, notes = usable_query(near, TODAY)
    assert kept == near
    assert notes == [
        "The date of birth given (30 November 2027) is in the future: it was compared with expected dates "
        "of delivery and with dates of birth a year earlier"
    ]
    far = Details("Alfie", "Smith", D(2031, 1, 1), "CB1 2AB")
    used, notes = usable_query(far, TODAY)
    assert used == Details("Alfie", "Smith", None, "CB1 2AB")
    assert "more than a year ahead, so it was not used" in notes[0]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_r_int_9_import_loads_expected_dates_as_unborn_and_reports_how_many(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = write(
        tmp_path,
        "U1,,Smith,,2027-03-01,U,CB1 2AB\n"  # unborn, expected date in its own column
        "U2,Baby,Jones,2027-05-01,,U,CB1 2AB\n"  # a future date of birth within 40 weeks: an expected date
        "U3,Ann,Brown,2028-06-01,,F,CB1 2AB\n"  # further ahead than any pregnancy: reported, not loaded
        "U4,Tom,Green,2020-01-01,2019-12-20,M,CB1 2AB\n"  # born: the expected date is kept as history
        "U5,,Grey,,2028-09-01,U,CB1 2AB\n",  # an expected date more than 40 weeks ahead
    )
    call_command("people", "import", str(path))
    out, err = capsys.readouterr()
    assert "Imported 3 new" in out
    assert "2 loaded as unborn" in out
    assert "skipped" not in out
    assert "2 row(s) skipped" in err
    assert "line 4: date_of_birth 2028-06-01 is in the future" in err
    assert "line 6: expected_date_of_birth 2028-09-01 is more than 40 weeks ahead" in err
    unborn = {p.source_id: p for p in Person.objects.filter(is_unborn=True)}
    assert sorted(unborn) == ["U1", "U2"]
    assert (unborn["U2"].date_of_birth, unborn["U2"].expected_delivery_date) == (None, D(2027, 5, 1))
    born = Person.objects.get(source_id="U4")
    assert (born.is_unborn, born.date_of_birth, born.expected_delivery_date) == (False, D(2020, 1, 1), D(2019, 12, 20))
    # Re-imported once born, the record becomes a born child.
    result = people_import(path=write(tmp_path, "U1,Rose,Smith,2026-11-30,,F,CB1 2AB\n"))
    assert (result.updated, result.unborn) == (1, 0)
    rose = Person.objects.get(source_id="U1")
    assert (rose.is_unborn, rose.date_of_birth) == (False, D(2026, 11, 30))


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_r_int_9_a_file_of_unborn_children_needs_no_date_of_birth_column(tmp_path: Path) -> None:
    header = "person_id,given_names,family_name,expected_date_of_birth,sex,postcode\n"
    result = people_import(path=write(tmp_path, "U1,,Smith,2027-03-01,U,CB1 2AB\n", header=header))
    assert (result.created, result.unborn, result.errors) == (1, 1, [])
    with pytest.raises(Exception, match="date_of_birth or expected_date_of_birth"):
        people_import(
            path=write(tmp_path, "U1,,Smith,U,CB1 2AB\n", header="person_id,given_names,family_name,sex,postcode\n")
        )


def _person(given: str, family: str, *, dob: D | None = None, expected: D | None = None) -> Person:
    person = Person.objects.create(
        given_names=given,
        family_name=family,
        given_names_norm=normalise_name(given),
        family_name_norm=normalise_name(family),
        date_of_birth=dob,
        is_unborn=expected is not None,
        expected_delivery_date=expected,
    )
    Address.objects.create(
        person=person, line="1 Mill Road", postcode="CB1 2AB", postcode_norm=normalise_postcode("CB1 2AB")
    )
    person_keys_refresh([person.pk])
    return person


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_r_chk_1_a_future_date_finds_the_child_born_a_year_earlier_and_the_unborn_child(officer) -> None:  # noqa: ANN001
    baby = _person("Ivy", "Okafor", dob=D(2026, 10, 9))
    unborn = _person("", "Adeyemi", expected=D(2027, 4, 20))
    # The baby's year typed one too high, no postcode: found by its date and name keys a year earlier.
    results = people_search(user=officer, given_names="Ivy", family_name="Okafor", date_of_birth=D(2027, 10, 9))
    assert results[0].person == baby
    assert "in the future" in results.notes[0]
    # An unborn child's expected date typed as the date of birth, with no first name: found by its expected date.
    results = people_search(user=officer, family_name="Adeyemi", date_of_birth=D(2027, 4, 20))
    assert unborn in [c.person for c in results]
    # Far ahead: searched on the names alone, and the notes say why the date was not used.
    results = people_search(user=officer, given_names="Ivy", family_name="Okafor", date_of_birth=D(2099, 10, 9))
    assert results[0].person == baby
    assert "not used" in results.notes[0]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_r_chk_1_the_match_command_searches_future_dates_and_skips_only_what_it_cannot_search(
    tmp_path: Path,
    capsys,  # noqa: ANN001
) -> None:
    baby = _person("Ivy", "Okafor", dob=D(2026, 10, 9))
    baby.source_id = "P1"
    baby.save()
    queries = write(
        tmp_path,
        "Q1,Ivy,Okafor,2027-10-09\nQ2,Ivy,Okafor,2099-10-09\nQ3,,,2099-10-09\n",
        header="query_id,given_names,family_name,date_of_birth\n",
        name="queries.csv",
    )
    out = tmp_path / "results.csv"
    call_command("people", "match", str(queries), "--out", str(out))
    printed, err = capsys.readouterr()
    assert "Matched 2 queries" in printed
    assert "1 query row(s) skipped" in err
    assert "line 4: date_of_birth 2099-10-09 is more than a year ahead" in err
    rows = [line.split(",", 5) for line in out.read_text().splitlines()[1:]]
    first = {row[0]: row for row in rows if row[1] == "1"}
    assert [first["Q1"][2], first["Q2"][2]] == ["P1", "P1"]
    assert "compared with expected dates" in first["Q1"][5]
    assert "so it was not used" in first["Q2"][5]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_r_chk_1_the_search_page_searches_a_future_date_and_says_how(client, officer) -> None:  # noqa: ANN001
    _person("Ivy", "Okafor", dob=D(2026, 10, 9))
    client.force_login(officer)
    data = {"given_names": "Ivy", "family_name": "Okafor", "date_of_birth_0": "9", "date_of_birth_1": "10"}
    page = client.post("/people/", {**data, "date_of_birth_2": "2027"}).content.decode()
    assert "There is a problem" not in page
    assert "Ivy Okafor" in page
    assert "is in the future: it was compared with expected dates" in page
    page = client.post("/people/", {**data, "date_of_birth_2": "2099"}).content.decode()
    assert "Ivy Okafor" in page
    assert "more than a year ahead, so it was not used" in page


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_r_chk_1_status_says_skipped_only_when_rows_were_not_applied(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    _person("Ivy", "Okafor", dob=D(2026, 10, 9)).__class__.objects.update(source_id="P1")
    call_command("people", "status", str(write(tmp_path, "P1,true\n", header="person_id,open_case\n")))
    out, err = capsys.readouterr()
    assert "updated 1 people" in out
    assert "skipped" not in out + err


@pytest.mark.django_db
def test_r_chk_1_a_postcode_that_cannot_be_one_is_read_as_the_held_postcode_its_look_alike_characters_make(
    officer,  # noqa: ANN001
) -> None:
    """A scanned or hand-written form gives "5E16 5EY" for SE16 5EY: not a postcode (a digit where the area's
    letter is), read as the one held postcode it may be, with a note saying so."""
    from frontdoor.people.services import person_create

    child = person_create(
        created_by=officer, given_names="Octav", family_name="Diaconescu", date_of_birth=D(2023, 6, 29),
        postcode="SE16 5EY", address="1 Road",
    )  # fmt: skip
    person_keys_refresh([child.pk])
    found = people_search(user=officer, given_names="Octav", family_name="Dicaonescu", postcode="5E16 5EY")
    assert found[0].person == child
    assert "same postcode" in found[0].reasons
    assert found.notes == [
        "The postcode given (5E16 5EY) is not a postcode: it was read as SE16 5EY, the one postcode held it "
        "may be (letters and digits that look alike)"
    ]
    # A postcode in the right format is searched as given, held or not (a family may have moved there).
    moved = Details("Octav", "Diaconescu", None, "SE16 5EZ")
    assert usable_query(moved, TODAY) == (moved, [])
    # Nothing held that it may be: searched as given.
    nowhere = Details("Octav", "Diaconescu", None, "5W1 1AA")
    assert usable_query(nowhere, TODAY) == (nowhere, [])
