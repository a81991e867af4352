"""What the case-management system knows (R-CHK-1): the optional import columns and the daily delta."""

import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from frontdoor.audit.models import AuditEvent
from frontdoor.people.case_status import people_status_apply
from frontdoor.people.importer import people_import
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db
PEOPLE = "person_id,given_names,family_name,previous_family_names,date_of_birth,sex,postcode,address,nhs_number"
CASE = "open_case,allocated_worker,allocated_team,cp_plan,looked_after,restricted"


def write(tmp_path: Path, text: str, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def flags(source_id: str) -> tuple:
    return Person.objects.filter(source_id=source_id).values_list(
        "open_case", "allocated_worker", "allocated_team_key", "cp_plan", "looked_after", "restricted"
    )[0]


def test_r_chk_1_import_takes_the_case_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"{PEOPLE},{CASE}\n"
        "S1,Alfie,Smith,,2015-03-27,M,CB1 2AB,1 Mill Road,,yes,Jo Worker,unit-cambridge,Y,no,false\n"
        "S2,Bella,Smith,,2016-01-02,F,,,,,,,,,\n"
        "S3,Cara,Smith,,2016-01-02,F,,,,maybe,,,,,\n"
        "S4,Dan,Smith,,2016-01-02,M,,,,1,,no-such-team,,,\n",
    )
    result = people_import(path=path)
    assert result.created == 2
    assert flags("S1") == (True, "Jo Worker", "unit-cambridge", True, False, False)
    assert flags("S2") == (False, "", "", False, False, False)
    reasons = dict(result.errors)
    assert "open_case 'maybe' must be true or false" in reasons[4]
    assert "allocated_team 'no-such-team' is not a team" in reasons[5]


def test_r_chk_1_reimport_without_the_case_columns_keeps_what_the_case_system_said(tmp_path: Path) -> None:
    people_import(path=write(tmp_path, f"{PEOPLE},{CASE}\nS1,Alfie,Smith,,2015-03-27,M,,,,1,Jo,cla,0,1,0\n"))
    people_import(path=write(tmp_path, f"{PEOPLE}\nS1,Alfie,Smith,,2015-03-27,M,,,\n"))
    assert flags("S1") == (True, "Jo", "cla", False, True, False)
    result = people_import(path=write(tmp_path, f"{PEOPLE},{CASE}\nS1,Alfie,Smith,,2015-03-27,M,,,,no,,,,,yes\n"))
    assert result.updated == 1
    assert flags("S1") == (False, "Jo", "cla", False, True, True)


def test_r_chk_1_status_applies_a_delta_and_an_empty_cell_changes_nothing(tmp_path: Path) -> None:
    people_import(path=write(tmp_path, f"{PEOPLE}\nS1,Alfie,Smith,,2015-03-27,M,,,\nS2,Bella,Jones,,2016-01-02,F,,,\n"))
    people_import(path=write(tmp_path, f"{PEOPLE},{CASE}\nS2,Bella,Jones,,2016-01-02,F,,,,yes,Kim,cla,,yes,\n"))
    result = people_status_apply(
        path=write(
            tmp_path,
            "person_id,open_case,allocated_team,cp_plan,looked_after\n"
            "S1,true,unit-fenland,true,\n"
            "S2,,,,no\n"
            "S9,true,,,\n"
            "S1,,,,\n"
            ",true,,,\n"
            "S2,,elsewhere,,\n",
            name="delta.csv",
        )
    )
    assert flags("S1") == (True, "", "unit-fenland", True, False, False)
    assert flags("S2") == (True, "Kim", "cla", False, False, False)
    assert (result.rows, result.updated, result.unchanged) == (6, 2, 1)
    assert dict(result.errors) == {
        4: "person_id S9 is not in the person index",
        6: "person_id is empty",
        7: "allocated_team 'elsewhere' is not a team of this authority (" + dict(result.errors)[7].split("(", 1)[1],
    }
    event = AuditEvent.objects.get(action="people.case_status_applied")
    assert (event.object_id, event.detail) == ("delta.csv", {"rows": 6, "updated": 2, "errors": 3})


def test_r_chk_1_status_of_a_merged_record_goes_to_the_record_kept(tmp_path: Path) -> None:
    people_import(path=write(tmp_path, f"{PEOPLE}\nS1,Alfie,Smith,,2015-03-27,M,,,\nS2,Alfie,Smith,,2015-03-27,M,,,\n"))
    kept = Person.objects.get(source_id="S1")
    Person.objects.filter(source_id="S2").update(merged_into=kept)
    people_status_apply(path=write(tmp_path, "person_id,cp_plan\nS2,yes\n"))
    kept.refresh_from_db()
    assert kept.cp_plan is True


def test_r_chk_1_status_command_prints_counts_and_reports_lines(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    people_import(path=write(tmp_path, f"{PEOPLE}\nS1,Alfie,Smith,,2015-03-27,M,,,\n"))
    call_command("people", "status", str(write(tmp_path, "person_id,restricted\nS1,yes\nS7,no\n")))
    out, err = capsys.readouterr()
    assert "Read 2 row(s): updated 1 people, 0 unchanged, 1 skipped" in out
    assert "line 3: person_id S7 is not in the person index" in err
    with pytest.raises(CommandError, match="needs person_id and at least one of"):
        call_command("people", "status", str(write(tmp_path, "person_id,given_names\nS1,Al\n")))


def test_r_chk_1_status_for_100k_people_is_a_bulk_update(tmp_path: Path, django_assert_max_num_queries) -> None:  # noqa: ANN001
    rows = "".join(f"P{i},Child,Number{i},,2015-03-27,M,,,\n" for i in range(20_000))
    people_import(path=write(tmp_path, f"{PEOPLE}\n{rows}"))
    delta = "".join(f"P{i},yes,Worker {i},unit-cambridge\n" for i in range(0, 20_000, 2))
    path = write(tmp_path, f"person_id,open_case,allocated_worker,allocated_team\n{delta}", name="d.csv")
    started = time.perf_counter()
    # A fixed number of statements per 5,000 rows, never one per person (the audit event's chain takes three).
    with django_assert_max_num_queries(14):
        result = people_status_apply(path=path)
    elapsed = time.perf_counter() - started
    assert result.updated == 10_000
    assert Person.objects.filter(open_case=True, allocated_worker="Worker 4").count() == 1
    # Django's bulk_update took 26 s for these 10,000 changes on a busy test machine; this takes about 1 s.
    assert elapsed < 15
