"""Working days and hours for an authority's nation, with bank holidays from `holidays` (R-TIME-1)."""

import datetime
import functools
from zoneinfo import ZoneInfo

import holidays

from .schema import Duration, Profile

LONDON = ZoneInfo("Europe/London")
_MAX_DAYS = 3660  # no deadline is ten years away; stops a loop on a bad calendar


class WorkingCalendar:
    def __init__(self, region: str, start: datetime.time, end: datetime.time) -> None:
        self.region, self.start, self.end = region, start, end
        self._holidays = holidays.country_holidays("GB", subdiv=region)
        self.day_length = datetime.timedelta(hours=end.hour - start.hour, minutes=end.minute - start.minute)

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def _opening(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, self.start, tzinfo=LONDON)

    def _closing(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, self.end, tzinfo=LONDON)

    def is_open(self, moment: datetime.datetime) -> bool:
        """Whether the office is open at `moment`: a working day, between opening and closing."""
        local = _local(moment)
        return self.is_working_day(local.date()) and self._opening(local.date()) <= local < self._closing(local.date())

    def closing_after(self, moment: datetime.datetime) -> datetime.datetime:
        """The close of the office day `moment` falls in (the office is open at `moment`)."""
        return self._closing(_local(moment).date())

    def next_opening(self, moment: datetime.datetime) -> datetime.datetime:
        return self._clock_in(_local(moment))

    def _next_working_day(self, day: datetime.date) -> datetime.date:
        for _ in range(_MAX_DAYS):
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("No working day found within ten years")

    def _clock_in(self, moment: datetime.datetime) -> datetime.datetime:
        """The first working instant at or after `moment` (wall-clock time in London)."""
        day = moment.date()
        if self.is_working_day(day) and moment < self._closing(day):
            return max(moment, self._opening(day))
        return self._opening(self._next_working_day(day))

    def add_working_time(self, start: datetime.datetime, amount: datetime.timedelta) -> datetime.datetime:
        moment = self._clock_in(_local(start))
        remaining = amount
        for _ in range(_MAX_DAYS):
            left_today = self._closing(moment.date()) - moment
            if remaining <= left_today:
                return moment + remaining
            remaining -= left_today
            moment = self._opening(self._next_working_day(moment.date()))
        raise ValueError("Deadline too far away")

    def add(self, start: datetime.datetime, duration: Duration) -> datetime.datetime:
        local = _local(start)
        if duration.unit == "hours":
            utc = local.astimezone(datetime.UTC) + datetime.timedelta(hours=duration.amount)
            return utc.astimezone(LONDON)
        if duration.unit == "working_hours":
            return self.add_working_time(local, datetime.timedelta(hours=duration.amount))
        return self.add_working_time(local, self.day_length * duration.amount)

    def working_seconds_between(self, a: datetime.datetime, b: datetime.datetime) -> int:
        a, b = _local(a), _local(b)
        if b < a:
            return -self.working_seconds_between(b, a)
        total = datetime.timedelta()
        moment = self._clock_in(a)
        while moment < b:
            end = min(self._closing(moment.date()), b)
            total += max(end - moment, datetime.timedelta())
            moment = self._opening(self._next_working_day(moment.date()))
        return int(total.total_seconds())


def _local(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Deadlines need timezone-aware datetimes")
    return moment.astimezone(LONDON)


@functools.cache
def _calendar(region: str, start: datetime.time, end: datetime.time) -> WorkingCalendar:
    return WorkingCalendar(region, start, end)


def calendar_for(profile: Profile) -> WorkingCalendar:
    return _calendar(profile.bank_holiday_region, profile.office_hours_start, profile.office_hours_end)
