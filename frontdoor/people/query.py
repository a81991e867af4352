"""What a search is asked: a query's details made usable before any key is looked up (R-CHK-1, R-INT-9).

A date of birth in the future is never a reason to refuse a search. Up to a year ahead it is plausible
(a baby's year typed one too high, or an unborn child's expected date of delivery given as the date of
birth): it is searched, and the keys (keys.py) find both a date of birth a year earlier and an expected
date of delivery. Further ahead it cannot be anyone's date, so it is set aside, the search runs on what
else the query gives, and a note says why the date was not used. Every caller (the person search page,
the contact form's search of each person, `frontdoor people match`) goes through `usable_query`, and
shows its notes with the results.

A postcode that cannot be a postcode (a digit where the format has a letter, or a letter where it has a
digit: "5E16 5EY", "0L2 4AT", from a scanned or hand-written form) is read as the postcode its look-alike
characters make (S for 5, O for 0), when exactly one such reading is held in the index, and a note says so.
A postcode in the right format is searched as given, held or not (a family may have moved to a new one).
"""

import dataclasses
import datetime
import itertools
import re

from .keys import postcode_key
from .matching import Details
from .models import PersonKey, normalise_postcode

# A UK postcode without its space: the area (one or two letters), the district (a digit, then perhaps a
# digit or a letter), the sector digit and the unit's two letters.
POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")
# Characters that print, scan and handwriting confuse, each way round.
LOOK_ALIKE = {"0": "O", "O": "0", "1": "IL", "I": "1", "L": "1", "5": "S", "S": "5", "8": "B", "B": "8", "2": "Z",
              "Z": "2", "6": "G", "G": "6"}  # fmt: skip
MAX_READINGS = 256

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


def postcode_readings(postcode: str) -> list[str]:
    """The postcodes a malformed postcode may have been, its look-alike characters read the other way."""
    given = normalise_postcode(postcode)
    if not given or POSTCODE.fullmatch(given):
        return []
    choices = [c + LOOK_ALIKE.get(c, "") for c in given]
    readings = itertools.islice(itertools.product(*choices), MAX_READINGS)
    return sorted({r for r in ("".join(chars) for chars in readings) if POSTCODE.fullmatch(r)})


def held_postcode(details: Details) -> tuple[Details, list[str]]:
    """A malformed postcode read as the one postcode of the index it may have been (`postcode_readings`)."""
    readings = postcode_readings(details.postcode)
    if not readings:
        return details, []
    reading_of = {postcode_key(r): r for r in readings}
    held = set(PersonKey.objects.filter(key__in=reading_of).values_list("key", flat=True))
    if len(held) != 1:
        return details, []
    reading = reading_of[held.pop()]
    shown = f"{reading[:-3]} {reading[-3:]}"
    note = (
        f"The postcode given ({details.postcode.strip()}) is not a postcode: it was read as {shown}, "
        "the one postcode held it may be (letters and digits that look alike)"
    )
    return dataclasses.replace(details, postcode=shown), [note]


def usable_query(details: Details, today: datetime.date) -> tuple[Details, list[str]]:
    """The query as it is searched, and notes in words for anything in it not used as given."""
    details, notes = held_postcode(details)
    day = details.date_of_birth
    if day is None or day <= today:
        return details, notes
    note = future_date_note(day, today)
    if day - today <= PLAUSIBLE_AHEAD:
        return details, [*notes, note]
    return dataclasses.replace(details, date_of_birth=None), [*notes, note]
