"""Due times and how long is left, in the active profile's working calendar (R-TIME-1)."""

import datetime

from .calendar import calendar_for
from .loader import get_profile
from .schema import Duration, Profile


def due_at(start: datetime.datetime, duration: Duration, profile: Profile | None = None) -> datetime.datetime:
    return calendar_for(profile or get_profile()).add(start, duration)


def rating_due(profile: Profile, rating_key: str, received: datetime.datetime) -> datetime.datetime:
    """When a contact given this rating on receipt is first due: the earlier of the decision on the
    level of response and the rating's own action clock (R-DEC-2, R-DEC-3)."""
    rating = profile.rating(rating_key)
    candidates = [due_at(received, profile.decision_deadline, profile)]
    if rating.action_within:
        candidates.append(due_at(received, rating.action_within, profile))
    return min(candidates)


def is_urgent(profile: Profile, rating_key: str) -> bool:
    return bool(profile.out_of_hours and rating_key in profile.out_of_hours.urgent_ratings)


def handover_time(
    profile: Profile, rating_key: str, received: datetime.datetime, known_at: datetime.datetime | None = None
) -> datetime.datetime | None:
    """R-TIME-1: when an urgent contact passes to the out-of-hours team if it has not been actioned.

    `known_at` is when the contact became urgent (received, or rated urgent later). Known while the
    office is closed: at once. Known while it is open but due after the close of that office day:
    at the close. Otherwise the office deals with it and there is no handover.
    """
    if not is_urgent(profile, rating_key):
        return None
    calendar = calendar_for(profile)
    known = max(received, known_at or received)
    if not calendar.is_open(known):
        return known
    closing = calendar.closing_after(known)
    rating = profile.rating(rating_key)
    due = due_at(received, rating.action_within, profile) if rating.action_within else None
    if due is not None and due > closing:
        return closing
    return None


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


def elapsed_words(start: datetime.datetime, end: datetime.datetime) -> str:
    return _words(end - start)


def time_left_words(due: datetime.datetime, now: datetime.datetime) -> str:
    if due >= now:
        return f"{_words(due - now)} left"
    return f"Overdue by {_words(now - due)}"
