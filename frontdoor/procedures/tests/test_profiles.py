"""Authority profiles load, validate with clear messages, and reproduce their seeds (PRODUCT.md §5)."""

from pathlib import Path

import pytest

from frontdoor.procedures.loader import PROFILES_DIR, SHIPPED, ProfileError, load_profile


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_profile_loads(name: str) -> None:
    profile = load_profile(name)
    assert profile.key == name
    assert profile.duty_team()
    assert profile.teams_of_kind("fieldwork")
    assert profile.checklist
    assert profile.decision_deadline


def test_r_dec_3_cambridgeshire_brag_amber_24_hours_red_4_hours() -> None:
    profile = load_profile("cambridgeshire")
    assert [r.key for r in profile.ratings] == ["blue", "green", "amber", "red"]
    assert str(profile.rating("amber").action_within) == "24 hours"
    assert str(profile.rating("red").action_within) == "4 hours"  # clock hours, as 002 s4 writes it
    assert profile.feedback_non_professional == "none"  # R-FB-2, 002 s7


def test_leeds_lets_advanced_practitioners_authorise() -> None:
    assert "advanced_practitioner" in load_profile("leeds").authorisers.threshold_decision


def test_mash_profile_carries_the_local_policies() -> None:
    keys = {p.key for p in load_profile("mash").policies}
    assert {"belt_stick", "under_10_sexual_exploration", "sexting_in_school", "police_da_high"} <= keys
    assert "nationality_immigration" in {i.key for i in load_profile("mash").checklist}


def test_r_route_2_fieldwork_team_by_postcode() -> None:
    profile = load_profile("cambridgeshire")
    assert profile.fieldwork_team_for_postcode("PE13 1AB").key == "unit-fenland"
    assert profile.fieldwork_team_for_postcode("cb1 2ab").key == "unit-cambridge"


@pytest.mark.parametrize("postcode", ["", "  ", "ZZ9 9ZZ", "CB"])
def test_r_route_2_unknown_postcode_has_no_team_rather_than_the_first(postcode: str) -> None:
    assert load_profile("cambridgeshire").fieldwork_team_for_postcode(postcode) is None


def test_r_dec_5_outcomes_per_profile() -> None:
    mash = load_profile("mash").outcomes
    assert "single_assessment_strategy" in mash.for_need("significant_harm")
    assert "passed_to_allocated_worker" not in mash.for_need("cin_moderate")
    assert "passed_to_allocated_worker" in mash.for_need("cin_moderate", open_case=True)
    assert load_profile("kent").outcomes.open_case == []
    assert mash.for_need("made_up") == frozenset()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('unit = "hours" }', 'unit = "fortnights" }'), "unit"),
        (("consent_age = 16", "consent_age = 16\nfavourite_colour = 'blue'"), "favourite_colour"),
        (("consent_age = 16\n", ""), "consent_age: Field required"),
        (("key = ", "key = = "), "not valid TOML"),
        (('cin_high = ["cfa"]', 'cin_high = ["cfa", "passed_to_allocated_worker"]'), "list it under open_case"),
        (('cin_high = ["cfa"]', "cin_high = []"), "cin_high"),
    ],
)
def test_a_broken_profile_names_the_problem(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    text = (PROFILES_DIR / "cambridgeshire.toml").read_text().replace(*change, 1)
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(ProfileError, match=message):
        load_profile(str(path))


def test_a_missing_profile_lists_the_shipped_ones() -> None:
    with pytest.raises(ProfileError, match="kent, leeds, cambridgeshire, mash"):
        load_profile("atlantis")
