"""Keyset paging for the queues: a page starts after (or ends before) the last row seen, found through
the queue's index, so page 50 costs what page 1 costs (no OFFSET, no count per page).

A queue is one or more segments read in turn (a manager's: open alerts by when they were raised, then
the rest by due time), each ordered by (key, id). A cursor is the position of a row: its segment, its
key and its id, and whether the page runs forward from it or back. The cursor in a link is opaque
(base64 of those values, nothing about a person); one that cannot be read means the first page.
"""

import base64
import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet

from .models import Contact


@dataclass(frozen=True)
class Segment:
    contacts: QuerySet[Contact]
    key: str  # a nullable datetime field; ties broken by id


@dataclass(frozen=True)
class Position:
    segment: int
    key: datetime.datetime | None
    id: int


@dataclass(frozen=True)
class Cursor:
    position: Position
    forward: bool  # True: the rows after the position; False: the rows before it


@dataclass
class Page:
    rows: list[Contact]
    next: str  # the cursor of the next page, empty on the last
    previous: str  # the cursor of the previous page, empty on the first

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next or self.previous)


def encode(cursor: Cursor) -> str:
    p = cursor.position
    values = ["n" if cursor.forward else "p", p.segment, p.key.isoformat() if p.key else None, p.id]
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(text: str | None) -> Cursor | None:
    """The cursor in a link, or None for the first page (also when it has been tampered with)."""
    if not text:
        return None
    try:
        direction, segment, key, pk = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        position = Position(int(segment), datetime.datetime.fromisoformat(key) if key else None, int(pk))
    except (ValueError, TypeError):
        return None
    if direction not in ("n", "p") or position.segment < 0 or (position.key and position.key.tzinfo is None):
        return None
    return Cursor(position, direction == "n")


def _nulls_first() -> bool:
    """Where this database puts NULL in ascending order (SQLite and MySQL first, PostgreSQL last)."""
    return connection.vendor in ("sqlite", "mysql")


def _beyond(key: str, position: Position, forward: bool) -> Q:
    """Rows strictly after (forward) or before the position in the order (key, id), the database's own
    place for NULL keys kept, so the index on (key, id) serves both directions."""
    later_id = Q(id__gt=position.id) if forward else Q(id__lt=position.id)
    null, value = Q(**{f"{key}__isnull": True}), position.key
    # Whether the NULL keys come after every dated key in the direction of travel.
    nulls_ahead = _nulls_first() != forward
    if value is None:
        return (null & later_id) | (~null if nulls_ahead is False else Q(pk__in=[]))
    step = Q(**{f"{key}__gt" if forward else f"{key}__lt": value})
    same = Q(**{key: value}) & later_id
    return step | same | null if nulls_ahead else step | same


def _ordered(segment: Segment, forward: bool) -> QuerySet[Contact]:
    if forward:
        return segment.contacts.order_by(F(segment.key).asc(), "id")
    return segment.contacts.order_by(F(segment.key).desc(), "-id")


def _read(segments: list[Segment], cursor: Cursor | None, limit: int) -> list[tuple[int, Contact]]:
    """Up to `limit` rows from the cursor on, in the direction of travel, crossing into later (or earlier)
    segments as each runs out: one query for each segment it reads."""
    forward = cursor is None or cursor.forward
    start = cursor.position.segment if cursor else 0
    order = range(start, len(segments)) if forward else range(min(start, len(segments) - 1), -1, -1)
    found: list[tuple[int, Contact]] = []
    for index in order:
        contacts = _ordered(segments[index], forward)
        if cursor and index == cursor.position.segment:
            contacts = contacts.filter(_beyond(segments[index].key, cursor.position, forward))
        found += [(index, row) for row in contacts[: limit - len(found)]]
        if len(found) >= limit:
            break
    return found


def _cursor(segments: list[Segment], index: int, row: Contact, forward: bool) -> str:
    return encode(Cursor(Position(index, getattr(row, segments[index].key), row.pk), forward))


def keyset_page(segments: list[Segment], cursor: Cursor | None, size: int) -> Page:
    """One page of `size` rows at the cursor, with the cursors of the pages either side."""
    found = _read(segments, cursor, size + 1)
    if cursor is not None and not cursor.forward:
        if len(found) < size:  # fewer rows before than a page: the rows before were closed, start again
            return keyset_page(segments, None, size)
        more_before = len(found) > size
        found = list(reversed(found[:size]))
        first, last = found[0], found[-1]
        return Page(
            rows=[row for _, row in found],
            next=_cursor(segments, *last, True),
            previous=_cursor(segments, *first, False) if more_before else "",
        )
    more_after = len(found) > size
    found = found[:size]
    if not found:
        return Page(rows=[], next="", previous="")
    return Page(
        rows=[row for _, row in found],
        next=_cursor(segments, *found[-1], True) if more_after else "",
        previous=_cursor(segments, *found[0], False) if cursor is not None else "",
    )
