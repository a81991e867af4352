"""Deadlines that are safe: clock hours where the seeds say hours, both of 004's clocks, out of hours,
and the order of the ratings (R-DEC-2, R-DEC-3, R-TIME-1)."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdoor.procedures.calendar import calendar_for
from frontdoor.procedures.deadlines import handover_time, rating_due
from frontdoor.procedures.loader import PROFILES_DIR, SHIPPED, ProfileError, load_profile
from frontdoor.procedures.schema import Duration, never_later

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def test_r_dec_3_red_is_four_clock_hours() -> None:
    """002 s4: "Red: Requires urgent MASH action within 4 hours": a Friday 16:00 Red is due 20:00."""
    profile = load_profile("cambridgeshire")
    assert rating_due(profile, "red", at(2026, 11, 27, 16, 0)) == at(2026, 11, 27, 20, 0)


def test_r_dec_3_amber_is_24_clock_hours_over_a_weekend() -> None:
    profile = load_profile("cambridgeshire")
    due = rating_due(profile, "amber", at(2026, 11, 27, 16, 0))
    assert due.astimezone(LONDON).isoformat() == "2026-11-28T16:00:00+00:00"


@pytest.mark.parametrize("name", ["kent", "leeds", "mash"])
def test_r_time_1_immediate_is_clock_time_in_the_urgency_profiles(name: str) -> None:
    profile = load_profile(name)
    assert profile.rating("immediate").action_within.unit == "hours"
    assert rating_due(profile, "immediate", at(2026, 11, 27, 16, 30)) == at(2026, 11, 27, 18, 30)


def test_r_dec_2_mash_keeps_both_of_004s_clocks() -> None:
    """004: "a decision made within 24 hours regarding the level of response required" and
    "a decision made about their disposal within 1 working day of the initial contact"."""
    profile = load_profile("mash")
    assert str(profile.decision_deadline) == "24 hours"
    assert str(profile.disposal_deadline) == "1 working day"
    calendar = calendar_for(profile)
    friday = at(2026, 11, 27, 16, 0)
    assert calendar.add(friday, profile.decision_deadline) == at(2026, 11, 28, 16, 0)
    assert calendar.add(friday, profile.disposal_deadline) == at(2026, 11, 30, 16, 0)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (at(2026, 11, 27, 16, 0), at(2026, 11, 27, 17, 0)),  # due 20:00, after the office closes
        (at(2026, 11, 27, 19, 0), at(2026, 11, 27, 19, 0)),  # arrives while the office is closed
        (at(2026, 11, 28, 11, 0), at(2026, 11, 28, 11, 0)),  # Saturday morning
        (at(2026, 12, 25, 10, 0), at(2026, 12, 25, 10, 0)),  # Christmas Day
        (at(2026, 11, 27, 10, 0), None),  # due 14:00, inside the office day
    ],
)
def test_r_time_1_urgent_contact_passes_out_of_hours(received: datetime.datetime, expected: object) -> None:
    assert handover_time(load_profile("cambridgeshire"), "red", received) == expected


def test_r_time_1_only_the_profiles_urgent_ratings_pass_out_of_hours() -> None:
    profile = load_profile("cambridgeshire")
    assert profile.out_of_hours.urgent_ratings == ["red"]
    assert handover_time(profile, "amber", at(2026, 11, 27, 19, 0)) is None


def test_r_time_1_rated_urgent_later_counts_from_the_rating() -> None:
    profile = load_profile("cambridgeshire")
    received, rated = at(2026, 11, 27, 10, 0), at(2026, 11, 27, 18, 30)
    assert handover_time(profile, "red", received, rated) == rated


def _profile_text(**replace: str) -> str:
    text = (PROFILES_DIR / "cambridgeshire.toml").read_text()
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('action_within = { amount = 4, unit = "hours" }', 'action_within = { amount = 25, unit = "hours" }'),
        ('action_within = { amount = 4, unit = "hours" }', 'action_within = { amount = 2, unit = "working_days" }'),
        ('action_within = { amount = 24, unit = "hours" }', 'action_within = { amount = 2, unit = "working_hours" }'),
    ],
)
def test_r_dec_3_a_more_urgent_rating_due_later_is_refused_on_load(tmp_path: Path, old: str, new: str) -> None:
    path = tmp_path / "ours.toml"
    path.write_text(_profile_text(**{old: new}))
    with pytest.raises(ProfileError, match="'red' is listed after 'amber'"):
        load_profile(str(path))


def test_r_dec_3_a_more_urgent_rating_without_a_clock_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ours.toml"
    path.write_text(_profile_text(**{'action_within = { amount = 4, unit = "hours" }\n': ""}))
    with pytest.raises(ProfileError, match="'red' .no clock. can fall due after 'amber'"):
        load_profile(str(path))


def test_r_time_1_out_of_hours_ratings_must_exist(tmp_path: Path) -> None:
    path = tmp_path / "ours.toml"
    path.write_text(_profile_text(**{'urgent_ratings = ["red"]': 'urgent_ratings = ["scarlet"]'}))
    with pytest.raises(ProfileError, match="no rating scarlet; the ratings are blue, green, amber, red"):
        load_profile(str(path))


# A year of arrival times, to the minute, in London.
ARRIVALS = st.datetimes(
    min_value=datetime.datetime(2026, 1, 1),  # noqa: DTZ001 - made aware by `timezones`
    max_value=datetime.datetime(2026, 12, 31, 23, 59),  # noqa: DTZ001
    timezones=st.just(LONDON),
).map(lambda d: d.replace(second=0, microsecond=0))


@pytest.mark.parametrize("name", SHIPPED)
@settings(max_examples=300, deadline=None)
@given(received=ARRIVALS)
def test_r_dec_3_property_a_more_urgent_rating_is_never_due_later(name: str, received: datetime.datetime) -> None:
    profile = load_profile(name)
    dues = [rating_due(profile, r.key, received).astimezone(UTC) for r in profile.ratings]
    for less, more in zip(dues, dues[1:], strict=False):
        assert more <= less


DURATIONS = st.one_of(
    st.none(),
    st.builds(Duration, amount=st.integers(1, 60), unit=st.sampled_from(["hours", "working_hours", "working_days"])),
)


@settings(max_examples=400, deadline=None)
@given(more=DURATIONS, less=DURATIONS, received=ARRIVALS)
def test_r_dec_3_property_the_load_check_is_sound(
    more: Duration | None, less: Duration | None, received: datetime.datetime
) -> None:
    """Whatever pair of clocks the load check accepts keeps its order at every arrival in the year."""
    calendar = calendar_for(load_profile("cambridgeshire"))
    if not never_later(more, less, calendar.day_length) or more is None or less is None:
        return
    assert calendar.add(received, more).astimezone(UTC) <= calendar.add(received, less).astimezone(UTC)


@pytest.mark.parametrize("less", [Duration(amount=n, unit="working_hours") for n in (1, 4, 8, 9, 20)])
def test_r_dec_3_the_load_check_is_exact_for_clock_hours_against_working_time(less: Duration) -> None:
    """A Monday 09:00 arrival is the tightest case: the check accepts exactly the clocks due by then."""
    calendar = calendar_for(load_profile("cambridgeshire"))
    monday = at(2026, 11, 23, 9, 0)
    limit = calendar.add(monday, less) - monday
    for hours in range(1, 60):
        more = Duration(amount=hours, unit="hours")
        assert never_later(more, less, calendar.day_length) == (datetime.timedelta(hours=hours) <= limit)
