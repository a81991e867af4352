"""What a search is asked: a query's details made usable before any key is looked up (R-CHK-1, R-INT-9).

A date of birth in the future is never a reason to refuse a search. Up to a year ahead it is plausible
(a baby's year typed one too high, or an unborn child's expected date of delivery given as the date of
birth): it is searched, and the keys (keys.py) find both a date of birth a year earlier and an expected
date of delivery. Further ahead it cannot be anyone's date, so it is set aside, the search runs on what
else the query gives, and a note says why the date was not used. Every caller (the person search page,
the contact form's search of each person, `frontdoor people match`) goes through `usable_query`, and
shows its notes with the results.
"""

import dataclasses
import datetime

from .matching import Details

# Up to a year ahead: a year typed one too high for a baby born in the last year, or an expected date.
PLAUSIBLE_AHEAD = datetime.timedelta(days=366)


def _words(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def future_date_note(day: datetime.date, today: datetime.date) -> str:
    """Why a future date of birth was searched the way it was, in words."""
    if day - today <= PLAUSIBLE_AHEAD:
        return (
            f"The date of birth given ({_words(day)}) is in the future: it was compared with expected dates "
            "of delivery and with dates of birth a year earlier"
        )
    return (
        f"The date of birth given ({_words(day)}) is more than a year ahead, so it was not used: "
        "searched on the other details given"
    )


def usable_query(details: Details, today: datetime.date) -> tuple[Details, list[str]]:
    """The query as it is searched, and notes in words for anything in it not used as given."""
    day = details.date_of_birth
    if day is None or day <= today:
        return details, []
    note = future_date_note(day, today)
    if day - today <= PLAUSIBLE_AHEAD:
        return details, [note]
    return dataclasses.replace(details, date_of_birth=None), [note]
