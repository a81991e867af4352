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


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('unit = "hours" }', 'unit = "fortnights" }'), "unit"),
        (("consent_age = 16", "consent_age = 16\nfavourite_colour = 'blue'"), "favourite_colour"),
        (("consent_age = 16\n", ""), "consent_age: Field required"),
        (("key = ", "key = = "), "not valid TOML"),
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
