"""Due times and how long is left, in the active profile's working calendar (R-TIME-1)."""

import datetime

from .calendar import calendar_for
from .loader import get_profile
from .schema import Duration, Profile


def due_at(start: datetime.datetime, duration: Duration, profile: Profile | None = None) -> datetime.datetime:
    return calendar_for(profile or get_profile()).add(start, duration)


def _words(delta: datetime.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins and not days:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts) or "less than a minute"


def time_left_words(due: datetime.datetime, now: datetime.datetime) -> str:
    if due >= now:
        return f"{_words(due - now)} left"
    return f"Overdue by {_words(now - due)}"
