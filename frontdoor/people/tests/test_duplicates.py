"""`frontdoor people duplicates`: likely duplicate records across the index, never twins or siblings,
never a pair confirmed to be different people (R-CHK-1)."""

import csv
import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import DistinctPair
from frontdoor.people.services import person_create

D = datetime.date
pytestmark = pytest.mark.django_db


def read(path):  # noqa: ANN001, ANN201
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def people(officer):  # noqa: ANN001, ANN201
    def make(given: str, family: str, dob: D | None, postcode: str = "CB1 2AB", **extra: object):  # noqa: ANN202
        return person_create(
            created_by=officer, given_names=given, family_name=family, date_of_birth=dob, postcode=postcode, **extra
        )

    return {
        "alfred": make("Alfred", "Smith", D(2015, 3, 7)),
        "alfie": make("Alfie", "Smith", D(2015, 3, 7)),  # the same boy recorded again
        "isabella": make("Isabella", "Smith", D(2015, 3, 7)),  # his twin
        "mo": make("Mohammed", "Khan", D(2012, 1, 5), "LU1 1AA"),
        "mu": make("Muhammad", "Khan", D(2012, 5, 1), "LU1 1AA"),  # spelling, and day and month swapped
        "ann": make("Ann", "Lee", D(1990, 2, 2), nhs_number="9434765919"),
        "anne": make("Anne", "Li", None, "", nhs_number="9434765919"),
        "tom": make("Tom", "Green", D(2010, 6, 6)),
        "thomas": make("Thomas", "Green", D(2010, 6, 6)),
    }


def test_lists_likely_duplicates_and_leaves_twins_and_confirmed_pairs_out(people, manager, tmp_path) -> None:  # noqa: ANN001
    first, second = sorted([people["tom"], people["thomas"]], key=lambda p: p.pk)
    DistinctPair.objects.create(
        first=first, second=second, reason="Cousins", confirmed_at=timezone.now(), confirmed_by=manager
    )
    out = tmp_path / "pairs.csv"
    call_command("people", "duplicates", "--out", str(out))
    rows = read(out)
    pairs = {frozenset((r["person_id_1"], r["person_id_2"])) for r in rows}
    ids = {k: str(p.pk) for k, p in people.items()}
    assert frozenset((ids["alfred"], ids["alfie"])) in pairs
    assert frozenset((ids["mo"], ids["mu"])) in pairs
    assert frozenset((ids["ann"], ids["anne"])) in pairs
    assert not any(ids["isabella"] in pair for pair in pairs)
    assert frozenset((ids["tom"], ids["thomas"])) not in pairs
    assert all(r["band"] == "likely" and float(r["score"]) >= settings.FRONTDOOR_MATCH_LIKELY for r in rows)
    assert all("same family name (+" in r["reasons"] or "same NHS number (+" in r["reasons"] for r in rows)
    assert [float(r["score"]) for r in rows] == sorted((float(r["score"]) for r in rows), reverse=True)
    assert AuditEvent.objects.filter(action="people.duplicates_listed").exists()


def test_merged_records_are_not_listed_again(people, tmp_path) -> None:  # noqa: ANN001
    people["alfie"].merged_into = people["alfred"]
    people["alfie"].save()
    out = tmp_path / "pairs.csv"
    call_command("people", "duplicates", "--out", str(out))
    assert not any(str(people["alfie"].pk) in (r["person_id_1"], r["person_id_2"]) for r in read(out))


def test_possible_band_widens_the_list(people, tmp_path) -> None:  # noqa: ANN001
    likely, possible = tmp_path / "likely.csv", tmp_path / "possible.csv"
    call_command("people", "duplicates", "--out", str(likely))
    call_command("people", "duplicates", "--out", str(possible), "--min-band", "possible")
    assert len(read(possible)) >= len(read(likely))


def test_r_chk_1_records_with_given_and_family_names_the_wrong_way_round_are_paired(officer, tmp_path) -> None:  # noqa: ANN001
    def make(given: str, family: str, dob: D | None) -> str:
        return str(
            person_create(
                created_by=officer, given_names=given, family_name=family, date_of_birth=dob, postcode="CB1 2AB"
            ).pk
        )

    right, swapped = make("Alfred", "Smith", D(2015, 3, 7)), make("Smith", "Alfred", D(2015, 3, 7))
    elsewhere = make("Smith", "Alfred", D(1960, 11, 20))  # an unrelated date of birth: never paired
    out = tmp_path / "pairs.csv"
    call_command("people", "duplicates", "--out", str(out))
    rows = read(out)
    assert [(r["person_id_1"], r["person_id_2"]) for r in rows] == [(right, swapped)]
    assert "given and family names swapped" in rows[0]["reasons"]
    assert elsewhere not in {r["person_id_2"] for r in rows}
