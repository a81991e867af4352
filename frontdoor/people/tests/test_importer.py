"""`frontdoor people import`: the bulk-load contract of the person index (issue 3's CSV format)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from frontdoor.audit.models import AuditEvent
from frontdoor.people.identifiers import nhs_number_valid
from frontdoor.people.importer import ImportFileError, people_import
from frontdoor.people.models import Address, Person

pytestmark = pytest.mark.django_db
HEADER = "person_id,given_names,family_name,previous_family_names,date_of_birth,sex,postcode,address,nhs_number\n"


def write(tmp_path: Path, body: str, header: str = HEADER, encoding: str = "utf-8") -> Path:
    path = tmp_path / "people.csv"
    path.write_bytes((header + body).encode(encoding))
    return path


@pytest.mark.parametrize(
    ("number", "ok"),
    [("9434765919", True), ("943 476 5919", True), ("9434765918", False), ("123", False), ("abcdefghij", False)],
)
def test_nhs_number_check_digit(number: str, ok: bool) -> None:
    assert nhs_number_valid(number) is ok


def test_import_loads_people_with_previous_names_and_addresses(tmp_path: Path) -> None:
    path = write(
        tmp_path, "S1,Alfie,Smith,Jones;Brown,2015-03-27,M,CB1 2AB,1 Mill Road,9434765919\nS2,Bella,Smith,,,F,,,\n"
    )
    result = people_import(path=path)
    assert (result.created, result.updated, result.errors) == (2, 0, [])
    alfie = Person.objects.get(source_id="S1")
    assert sorted(alfie.other_names.values_list("family_name", flat=True)) == ["Brown", "Jones"]
    assert alfie.addresses.get().postcode_norm == "CB12AB"
    assert Person.objects.get(source_id="S2").date_of_birth is None
    assert AuditEvent.objects.filter(action="people.imported").exists()


def test_bad_rows_are_reported_with_line_and_reason_and_the_rest_load(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "S1,Alfie,Smith,,2015-02-31,M,,,\n"
        "S2,Bella,Smith,,2099-01-01,F,,,\n"
        "S3,Cara,Smith,,2015-01-01,X,,,\n"
        "S4,Dan,Smith,,2015-01-01,M,,,9434765918\n"
        f"S5,{'x' * 10_000},Smith,,2015-01-01,M,,,\n"
        "S6,Eve,Smith,,2015-01-01,F,,,\n"
        "S6,Eve,Smith,,2015-01-01,F,,,\n",
    )
    result = people_import(path=path)
    assert result.created == 1
    reasons = dict(result.errors)
    assert "not a real date" in reasons[2]
    assert "in the future" in reasons[3]
    assert "must be M, F or U" in reasons[4]
    assert "check digit" in reasons[5]
    assert "longer than 100" in reasons[6]
    assert "more than once" in reasons[8]


def test_reimport_updates_by_person_id_and_keeps_the_old_address(tmp_path: Path) -> None:
    people_import(path=write(tmp_path, "S1,Alfie,Smith,,2015-03-27,M,CB1 2AB,1 Mill Road,\n"))
    result = people_import(path=write(tmp_path, "S1,Alfred,Smith-Jones,Smith,2015-03-27,M,PE13 1AA,2 High St,\n"))
    assert (result.created, result.updated) == (0, 1)
    person = Person.objects.get(source_id="S1")
    assert person.given_names == "Alfred"
    assert person.family_name_norm == "smith jones"
    assert list(
        Address.objects.filter(person=person).order_by("-is_current").values_list("postcode", "is_current")
    ) == [("PE13 1AA", True), ("CB1 2AB", False)]


def test_missing_columns_import_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "S1,Alfie\n", header="person_id,given_names\n")
    with pytest.raises(ImportFileError, match="missing column.*family_name"):
        people_import(path=path)
    assert Person.objects.count() == 0


def test_broken_encoding_imports_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "S1,Zoë,Smith,,2015-01-01,F,,,\n" * 3, encoding="latin-1")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        people_import(path=path)
    assert Person.objects.count() == 0


def test_command_reports_and_fails_cleanly(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    call_command("people", "import", str(write(tmp_path, "S1,Alfie,Smith,,2015-01-01,M,,,\nS2,,,,,M,,,\n")))
    captured = capsys.readouterr()
    assert "Imported 1 new" in captured.out
    assert "line 3: both given_names and family_name are empty" in captured.err
    with pytest.raises(CommandError, match="No such file"):
        call_command("people", "import", str(tmp_path / "absent.csv"))


def test_match_command_writes_ranked_results_with_reasons(tmp_path: Path) -> None:
    people_import(
        path=write(tmp_path, "S1,Alfred,Smith,Jones,2015-03-07,M,CB1 2AB,,\nS2,Olivia,Smith,,2015-03-07,F,CB1 2AB,,\n")
    )
    queries = tmp_path / "queries.csv"
    queries.write_text(
        "query_id,given_names,family_name,date_of_birth,postcode\n"
        "Q1,Alfie,Jones,2015-07-03,\nQ2,,,2099-01-01,\nQ3,,,,CB1 2AB\n"
    )
    out = tmp_path / "results.csv"
    call_command("people", "match", str(queries), "--top", "2", "--out", str(out))
    rows = out.read_text().splitlines()
    assert rows[0] == "query_id,rank,person_id,score,band,reasons"
    assert rows[1].startswith("Q1,1,S1,")
    assert "short or formal form" in rows[1]
    assert "previous family name" in rows[1]
    assert "day and month swapped" in rows[1]
    assert not any(r.startswith(("Q2", "Q3")) for r in rows)


@pytest.mark.django_db
def test_an_optional_upn_column_is_checked_and_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "U1,Ada,Byron,,2014-01-02,F,CB1 1AA,1 Road,,a123456789012\n"
        "U2,Ann,Byron,,2014-01-02,F,CB1 1AA,1 Road,,B123456789012\n",
        header=HEADER.rstrip("\n") + ",upn\n",
    )
    result = people_import(path=path)
    assert result.created == 1
    assert result.errors == [
        (3, "upn 'B123456789012' is not a Unique Pupil Number (13 characters, checked by the first)")
    ]
    assert Person.objects.get(source_id="U1").upn == "A123456789012"
