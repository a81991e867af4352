"""Working days and hours with each nation's bank holidays (R-TIME-1, R-DEC-2, R-DEC-3)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from frontdoor.procedures.calendar import WorkingCalendar
from frontdoor.procedures.deadlines import time_left_words
from frontdoor.procedures.schema import Duration

LONDON = ZoneInfo("Europe/London")
NINE, FIVE = datetime.time(9), datetime.time(17)


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def cal(region: str) -> WorkingCalendar:
    return WorkingCalendar(region, NINE, FIVE)


RED = Duration(amount=4, unit="working_hours")
ONE_DAY = Duration(amount=1, unit="working_days")


@pytest.mark.parametrize(
    ("region", "expected"),
    [("ENG", at(2026, 4, 7, 11, 0)), ("SCT", at(2026, 4, 6, 11, 0))],
)
def test_r_dec_3_red_at_15_00_on_the_thursday_before_good_friday(region: str, expected: datetime.datetime) -> None:
    """2 hours on Thursday; Good Friday is a holiday in both; Easter Monday only in England."""
    assert cal(region).add(at(2026, 4, 2, 15, 0), RED) == expected


@pytest.mark.parametrize(
    ("region", "expected"),
    [("ENG", at(2026, 4, 7, 17, 0)), ("SCT", at(2026, 4, 6, 17, 0))],
)
def test_r_dec_2_one_working_day_from_good_friday_afternoon(region: str, expected: datetime.datetime) -> None:
    """Received on a bank holiday: the clock starts at the next opening and runs one office day."""
    assert cal(region).add(at(2026, 4, 3, 14, 30), ONE_DAY) == expected


def test_r_dec_2_one_working_day_from_an_ordinary_friday_afternoon_is_monday() -> None:
    assert cal("ENG").add(at(2026, 11, 20, 16, 0), ONE_DAY) == at(2026, 11, 23, 16, 0)


def test_r_time_1_contact_received_in_the_evening_starts_next_morning() -> None:
    assert cal("ENG").add(at(2026, 11, 24, 20, 0), RED) == at(2026, 11, 25, 13, 0)


def test_r_time_1_christmas_and_the_boxing_day_substitute() -> None:
    """25 Dec 2026 is a Friday; Boxing Day falls on Saturday, so Monday 28 Dec is the holiday."""
    assert cal("ENG").add(at(2026, 12, 24, 16, 0), Duration(amount=2, unit="working_hours")) == at(2026, 12, 29, 10, 0)


@pytest.mark.parametrize(
    ("start", "expected"),
    [(at(2026, 3, 28, 23, 0), at(2026, 3, 29, 4, 0)), (at(2026, 10, 24, 23, 0), at(2026, 10, 25, 2, 0))],
)
def test_r_time_1_clock_hours_across_the_clocks_changing(start: datetime.datetime, expected: datetime.datetime) -> None:
    """4 elapsed hours: the wall clock shows 5 in spring (skips 01:00–02:00) and 3 in autumn."""
    assert cal("ENG").add(start, Duration(amount=4, unit="hours")) == expected


def test_r_time_1_working_hours_are_wall_clock_hours_across_the_change() -> None:
    assert cal("ENG").add(at(2026, 3, 27, 15, 0), RED) == at(2026, 3, 30, 11, 0)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        cal("ENG").add(datetime.datetime(2026, 4, 2, 15, 0), RED)  # noqa: DTZ001 - the point of the test


def test_working_seconds_between_skips_nights_weekends_and_holidays() -> None:
    c = cal("ENG")
    assert c.working_seconds_between(at(2026, 4, 2, 15, 0), at(2026, 4, 7, 11, 0)) == 4 * 3600
    assert c.working_seconds_between(at(2026, 4, 7, 11, 0), at(2026, 4, 2, 15, 0)) == -4 * 3600


def test_is_working_day() -> None:
    assert not cal("ENG").is_working_day(datetime.date(2026, 4, 6))
    assert cal("SCT").is_working_day(datetime.date(2026, 4, 6))
    assert not cal("SCT").is_working_day(datetime.date(2026, 1, 2))  # 2 January is a Scottish holiday


def test_time_left_words() -> None:
    now = at(2026, 11, 24, 10, 0)
    assert time_left_words(at(2026, 11, 24, 13, 20), now) == "3 hours 20 minutes left"
    assert time_left_words(at(2026, 11, 23, 8, 0), now) == "Overdue by 1 day 2 hours"
