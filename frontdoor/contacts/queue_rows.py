"""What one queue row says about a contact, so a duty worker can triage without opening it: the
children, a one-line concern, the flags that change the response, and the next clock (R-TIME-1).

Everything here reads only the contact row, its prefetched subject children (`SUBJECT_CHILDREN`)
and its prefetched handovers, so a page of the queue costs the same few queries however many
children each contact has.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from frontdoor.people.models import Person
from frontdoor.procedures.deadlines import time_left_words

from .models import OPEN_STATUSES, Contact, ContactPerson, Status

CONCERN_LENGTH = 90
# Two hours: a clock this close is shown as due soon.
DUE_SOON = datetime.timedelta(hours=2)

SUBJECT_CHILDREN = Prefetch(
    "people",
    queryset=ContactPerson.objects.filter(role=ContactPerson.Role.SUBJECT).select_related("person").order_by("id"),
    to_attr="subject_links",
)


def _subjects(contact: Contact) -> list[Person]:
    links = getattr(contact, "subject_links", None)
    if links is None:  # not prefetched: one query for this contact
        links = list(contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person"))
    return [link.person for link in links]


def _age_words(born: datetime.date, today: datetime.date) -> str:
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    if months < 1:
        return "under 1 month"
    if months < 24:
        return f"{months} month{'s' if months != 1 else ''}"
    return f"age {months // 12}"


def child_line(person: Person, today: datetime.date) -> str:
    """R-INT-9: an unborn child is named with its expected date of delivery instead of an age.
    A restricted record (R-ACC-2) is not named in a list."""
    if person.restricted:
        return "Restricted record"
    name = person.full_name
    if person.is_unborn:
        due = person.expected_delivery_date
        when = f"due {due.day} {due:%b %Y}" if due else "expected date not known"
        return f"{name}, {when}" if name.lower().startswith("unborn") else f"{name}, unborn, {when}"
    if person.date_of_birth is None:
        return f"{name}, age not known"
    return f"{name}, {_age_words(person.date_of_birth, today)}"


def children_lines(contact: Contact, today: datetime.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    return [child_line(person, today) for person in _subjects(contact)]


def concern_line(contact: Contact, length: int = CONCERN_LENGTH) -> str:
    """The screened nature of the concern if there is one, else the reason given: one line, cut at
    a word with an ellipsis."""
    text = re.sub(r"\s+", " ", contact.screening_nature or contact.reason).strip()
    if len(text) <= length:
        return text
    cut = text[: length + 1].rsplit(" ", 1)[0] if " " in text[:length] else text[:length]
    return cut.rstrip(" ,;:.-–—") + "…"


# (colour, words), most serious first.
def row_flags(contact: Contact) -> list[tuple[str, str]]:
    """R-CHK-1, R-INT-5, R-INT-7, R-INT-9: what changes the response, for any child on the contact."""
    children = _subjects(contact)
    flags: list[tuple[str, str]] = []
    if any(p.cp_plan for p in children):
        flags.append(("red", "CP plan"))
    if any(p.looked_after for p in children):
        flags.append(("purple", "Looked after"))
    if any(p.open_case for p in children):
        flags.append(("orange", "Open case"))
    if contact.staff_related:
        flags.append(("blue", "Staff-related"))
    if any(p.is_unborn for p in children):
        flags.append(("light-blue", "Unborn"))
    return flags


@dataclass(frozen=True)
class RowClock:
    """The last column of a row: what happened, or the next clock and how long is left."""

    headline: str  # "Decided 14:03", "Closed 28 Nov, 10:15"; empty while undecided
    due: datetime.datetime | None  # the earliest clock still open
    reason: str  # which clock that is
    countdown: str  # "3 hours left" / "Overdue by 2 hours"; empty when there is no live countdown
    overdue: bool
    due_soon: bool


def _moment(when: datetime.datetime | None, now: datetime.datetime) -> str:
    if when is None:
        return ""
    local = timezone.localtime(when)
    if local.date() == timezone.localtime(now).date():
        return f"{local:%H:%M}"
    return f"{local.day} {local:%b}, {local:%H:%M}"


def row_clock(contact: Contact, now: datetime.datetime | None = None) -> RowClock:
    """R-TIME-1: every open item shows its due time, and only an open clock past its time is overdue.

    A decided contact shows when it was decided instead of a countdown; a clock that still runs on
    it (an unanswered acknowledgement (R-DEC-2), an agency check (R-ROUTE-3), the rating's action
    (002 s4)) is listed with its due time, and marked overdue only once past it. A closed contact, or
    one passed to its allocated team, has no clock at all.
    """
    now = now or timezone.now()
    status = contact.status
    if status == Status.CLOSED:
        return RowClock(f"Closed {_moment(contact.closed_at, now)}".strip(), None, "", "", False, False)
    if status not in OPEN_STATUSES:
        return RowClock("No clock running", None, "", "", False, False)
    due = contact.due_at
    overdue = due is not None and due < now
    soon = due is not None and not overdue and due - now < DUE_SOON
    if status == Status.DECIDED:
        headline = f"Decided {_moment(contact.decided_at, now)}".strip()
        return RowClock(headline, due, contact.due_reason if due else "", "", overdue, soon)
    countdown = time_left_words(due, now) if due else ""
    return RowClock("", due, contact.due_reason if due else "", countdown, overdue, soon)
