"""R-CHK-1: the matching model — weights in bits that add up to a probability, term frequencies, bands
from settings, training that is reproducible and guards against learning households, labels, twins
kept apart, and an unborn child's expected date of birth."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from frontdoor.people.keys import person_keys_refresh
from frontdoor.people.matching import Details, Held, family_level, score, score_held
from frontdoor.people.model import DEFAULT_MODEL, DEFAULT_PARAMETERS, Model, current_model, forget_model
from frontdoor.people.models import MatchLabel, MatchModel
from frontdoor.people.selectors import people_search
from frontdoor.people.services import person_create
from frontdoor.people.training import people_train, train

D = datetime.date
ALFRED = {"given": "Alfred", "family": "Smith", "previous": [], "dob": D(2015, 3, 7), "postcodes": ["CB1 2AB"]}


def test_r_chk_1_weights_in_bits_add_up_to_the_probability() -> None:
    result = score(Details("Alfie", "Smith", D(2015, 7, 3), "CB1 9ZZ", sex="M"), **ALFRED, sex="M")
    assert result.weight == pytest.approx(DEFAULT_MODEL.prior + sum(w for _, w in result.evidence), abs=0.05)
    assert result.value == pytest.approx(2**result.weight / (1 + 2**result.weight))
    weights = dict(result.evidence)
    assert weights["Alfie is a short or formal form of Alfred"] > 0
    assert weights["date of birth day and month swapped"] > 0
    assert "same postcode district" in weights
    worse = score(Details("Alfie", "Smith", D(2009, 1, 1), "CB1 9ZZ", sex="M"), **ALFRED, sex="M")
    assert dict(worse.evidence)["different date of birth"] < 0
    assert worse.value < result.value


def test_r_chk_1_a_common_value_is_weaker_evidence_than_a_rare_one() -> None:
    parameters = {
        **DEFAULT_PARAMETERS,
        "people": 10_000,
        "tf": {"family": {"smith": 400}, "dob": {"2000-01-01": 300}, "given": {}},
    }
    model = Model(1, parameters)
    assert model.exact_weight("family", "smith") < model.exact_weight("family", "okafor") - 5
    assert model.exact_weight("dob", "2000-01-01") < model.exact_weight("dob", "2015-03-07") - 5
    common = score(Details("Alfred", "Smith", D(2015, 3, 7)), **ALFRED, model=model)
    rare = score(Details("Alfred", "Okafor", D(2015, 3, 7)), **{**ALFRED, "family": "Okafor"}, model=model)
    assert common.value < rare.value


def test_r_chk_1_bands_come_from_the_thresholds_in_settings() -> None:
    query = Details("Alfred", "Smith", None, "")
    assert score(query, **ALFRED).band == "possible"
    with override_settings(FRONTDOOR_MATCH_POSSIBLE=0.999):
        assert score(query, **ALFRED).band == "unlikely"
    full = Details("Alfred", "Smith", D(2015, 3, 7), "CB1 2AB")
    assert score(full, **ALFRED).band == "likely"
    with override_settings(FRONTDOOR_MATCH_LIKELY=1.0):
        assert score(full, **ALFRED).band == "possible"


def test_r_chk_1_a_placeholder_or_a_different_identifier_is_never_likely() -> None:
    baby = score(Details("Baby", "Smith", D(2015, 3, 7), "CB1 2AB"), **ALFRED)
    assert baby.value > 0.99
    assert baby.band == "possible"
    other_nhs = score(Details("Alfred", "Smith", D(2015, 3, 7), "CB1 2AB", nhs_number="9434765919"), **ALFRED)
    assert other_nhs.band == "likely"  # held without one: no evidence either way
    held = score(
        Details("Alfred", "Smith", D(2015, 3, 7), "CB1 2AB", nhs_number="9434765919"), **ALFRED, nhs_number="4010232137"
    )
    assert held.band == "unlikely"
    assert held.reasons[0] == "different NHS number"


def test_r_chk_1_a_future_date_is_compared_with_an_unborn_childs_expected_date() -> None:
    """A baby's year typed one too high is the "year one off" level against the expected date."""
    unborn = Held("", "Kowalski", [], None, ["CB2 8PQ"], "", "U", "", D(2026, 10, 1))
    result = score_held(Details("", "Kowalski", D(2027, 10, 1), "CB2 8PQ"), unborn)
    assert "expected date of birth year differs by one" in result.reasons
    assert dict(result.evidence)["expected date of birth year differs by one"] > 0
    exact = score_held(Details("Zofia", "Kowalski", D(2026, 10, 1), "CB2 8PQ"), unborn)
    assert "date of birth is the expected date of birth" in exact.reasons


def test_r_chk_1_names_written_the_wrong_way_round_take_the_better_reading() -> None:
    result = score(Details("Smith", "Alfred", D(2015, 3, 7), "CB1 2AB"), **ALFRED)
    assert result.band == "likely"
    assert any("given and family names swapped" in r for r in result.reasons)


@pytest.fixture
def households(officer):  # noqa: ANN001, ANN201
    """Twins (same family name, date of birth and postcode), their sibling, and namesakes elsewhere."""
    rows = [
        ("Olivia", "Smith", D(2015, 3, 7), "CB1 2AB", "F"),
        ("Amelia", "Smith", D(2015, 3, 7), "CB1 2AB", "F"),
        ("Jack", "Smith", D(2012, 6, 1), "CB1 2AB", "M"),
        ("Olivia", "Smith", D(2014, 9, 9), "PE13 1AA", "F"),
        ("Kate", "Brown", D(2010, 5, 1), "CB4 1XY", "F"),
        ("Katie", "Brown", D(2010, 5, 1), "CB4 1XY", "F"),  # the same child recorded twice
        ("Noah", "Taylor", D(2018, 1, 15), "CB1 3DD", "M"),
        ("Mohammed", "Hussain", D(2013, 6, 21), "LU1 3HH", "M"),
    ]
    people = [
        person_create(
            created_by=officer, given_names=g, family_name=f, date_of_birth=d, postcode=p, address="1 Road", sex=s
        )
        for g, f, d, p, s in rows
    ]
    person_keys_refresh([p.pk for p in people])
    forget_model()
    yield people
    forget_model()


@pytest.mark.django_db
def test_r_chk_1_training_is_reproducible_and_keeps_households_out(households) -> None:  # noqa: ANN001
    first, second = train(), train()
    assert first["parameters"] == second["parameters"]
    assert first["summary"]["fingerprint"] == second["summary"]["fingerprint"]
    rules = first["summary"]["rules"]
    # The twins (and the sibling) share a family name and a postcode with a different first name.
    assert rules["same date of birth and postcode"]["household"] >= 1
    tf = first["parameters"]["tf"]
    assert tf["family"]["smith"] == 4
    assert tf["given"]["olivia"] == 2


@pytest.mark.django_db
def test_r_chk_1_twins_stay_apart_with_a_trained_model(households, officer) -> None:  # noqa: ANN001
    olivia, amelia = households[0], households[1]
    stored = people_train().model
    assert current_model().version == stored.version == 1
    for twin, other in ((amelia, olivia), (olivia, amelia)):
        results = people_search(
            user=officer,
            given_names=twin.given_names,
            family_name="Smith",
            date_of_birth=D(2015, 3, 7),
            postcode="CB1 2AB",
        )
        assert results[0].person == twin
        assert results[0].band != "unlikely"
        twin_result = next(c for c in results if c.person == other)
        assert twin_result.band == "unlikely"
        assert "different first name" in twin_result.reasons


@pytest.mark.django_db
def test_r_chk_1_labels_are_counted_and_move_the_estimate(households, officer) -> None:  # noqa: ANN001
    before = train()
    kate, katie = households[4], households[5]
    for _ in range(5):
        MatchLabel.objects.create(
            source=MatchLabel.Source.PICKED,
            same=True,
            query={"given_names": "Kate", "family_name": "Brwn", "date_of_birth": "2010-05-01", "postcode": "CB4 1XY"},
            person=katie,
            recorded_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
            recorded_by=officer,
        )
    MatchLabel.objects.create(
        source=MatchLabel.Source.DISTINCT,
        same=False,
        person=kate,
        other=katie,
        recorded_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )
    after = train()
    assert after["summary"]["labels"]["same"] == 5
    assert after["summary"]["labels"]["different"] == 1
    level, _ = family_level("Brwn", "Brown", [])
    m_before, m_after = before["parameters"]["m"]["family"], after["parameters"]["m"]["family"]
    assert m_after[level] > m_before[level]


@pytest.mark.django_db
def test_r_chk_1_train_command_stores_a_new_version_and_search_pages_show_words_not_numbers(
    households,  # noqa: ANN001
    officer,  # noqa: ANN001
    client,  # noqa: ANN001
    capsys,  # noqa: ANN001
) -> None:
    call_command("people", "train")
    call_command("people", "train")
    assert "Trained matching model version 2 on 8 people" in capsys.readouterr().out
    assert list(MatchModel.objects.values_list("version", flat=True)) == [2, 1]
    assert current_model().version == 2
    client.force_login(officer)
    page = client.post("/people/", {"given_names": "Kate", "family_name": "Brown"}).content.decode()
    assert re.search(r"Same first name \((very strong |strong )?evidence for\)", page)
    assert "date of birth not known on one side (no evidence either way)" in page
    shown = re.findall(r'<span class="govuk-body-s">([^<]*)</span>', page)
    assert shown
    assert not any(re.search(r"\d", text) for text in shown)
