"""Everything with a deadline, in one shape, for the manager's dashboard.

Each app that keeps a clock (contacts, agency checks, strategy minutes, feedback, challenges,
follow-ups) offers a function `due_items(user, until)` returning `DueItem`s still open and due by
`until` (overdue ones included), already narrowed by the access module to what `user` may see. The
functions are listed in `SOURCES` as dotted paths, so the dashboard needs no import of any app.
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.module_loading import import_string


def raw_time(value: datetime.datetime | str) -> datetime.datetime:
    """A time read by a raw query (the sources' UNION of each section's first rows): PostgreSQL gives it
    aware; SQLite gives the text Django wrote, in UTC."""
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=datetime.UTC)
    return datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.UTC)


@dataclass(frozen=True)
class DueItem:
    kind: str  # plain words: "Decision", "Agency check", "Strategy meeting minutes", ...
    label: str  # which one: a contact's reference and the child's name, in plain words
    due_at: datetime.datetime  # aware
    url: str  # the page where it is done
    team: str = ""  # a key of the profile's teams, or "" when it is nobody's team yet


# Dotted paths of `due_items(user, until) -> Iterable[DueItem]` functions; add yours here.
SOURCES: list[str] = [
    "frontdoor.dashboard.sources.contact_due_items",
    "frontdoor.dashboard.sources.agency_check_due_items",
    "frontdoor.followup.due.due_items",
    "frontdoor.contacts.police.due_items",
    "frontdoor.strategy.selectors.due_items",
]


def due_items(user: object, until: datetime.datetime) -> list[DueItem]:
    """Every source's open items due by `until`, soonest first."""
    items: list[DueItem] = []
    for path in SOURCES:
        source: Callable[[object, datetime.datetime], Iterable[DueItem]] = import_string(path)
        items.extend(source(user, until))
    return sorted(items, key=lambda item: (item.due_at, item.kind, item.label))


# The dashboard's summary: complete counts, and only the items it lists. A source that may hold many items
# (every open contact's clocks) offers `summary(user, window)` beside its `due_items`, counting in the
# database and building items only for the rows shown; any other source is summarised from its items.

OVERDUE, SOON, TODAY = "overdue", "soon", "today"
SECTIONS = (OVERDUE, SOON, TODAY)


@dataclass(frozen=True)
class Window:
    """What the dashboard asks: items due before `until` (overdue before `now`, "soon" before `soon`), the
    counts of all of them, and the first `limit` of each section of the chosen kind and team.
    `team` None is every team; "" is work not yet in any team."""

    now: datetime.datetime
    soon: datetime.datetime
    until: datetime.datetime
    kind: str = ""
    team: str | None = None
    limit: int = 100

    def section(self, due: datetime.datetime) -> str:
        return OVERDUE if due < self.now else SOON if due < self.soon else TODAY

    def bounds(self, section: str) -> tuple[datetime.datetime | None, datetime.datetime]:
        """[from, to) of a section's due times; None is no lower bound."""
        return {OVERDUE: (None, self.now), SOON: (self.now, self.soon), TODAY: (self.soon, self.until)}[section]

    def chosen(self, item: DueItem) -> bool:
        return (not self.kind or item.kind == self.kind) and (self.team is None or item.team == self.team)


@dataclass
class Summary:
    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (kind, team, section) -> number
    items: list[DueItem] = field(default_factory=list)  # at least the first `limit` chosen of each section

    def add(self, other: "Summary") -> None:
        self.counts.update(other.counts)
        self.items.extend(other.items)


def summary_of(items: Iterable[DueItem], window: Window) -> Summary:
    """Any source's items, counted and cut to what the dashboard lists."""
    found = Summary()
    kept: dict[str, list[DueItem]] = {key: [] for key in SECTIONS}
    for item in items:
        if item.due_at >= window.until:
            continue
        section = window.section(item.due_at)
        found.counts[item.kind, item.team, section] += 1
        if window.chosen(item):
            kept[section].append(item)
    for section in SECTIONS:
        found.items += sorted(kept[section], key=lambda item: (item.due_at, item.kind, item.label))[: window.limit]
    return found


def summarised_by(
    summary: Callable[[Any, Window], Summary],
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Marks a `due_items` source as also offering a quick `summary(user, window)`."""

    def mark(source: Callable[..., Any]) -> Callable[..., Any]:
        source.summary = summary  # type: ignore[attr-defined]
        return source

    return mark


def due_summary(user: object, window: Window) -> Summary:
    """Every source's counts and listed items, each source by its quick summary where it has one."""
    found = Summary()
    for path in SOURCES:
        source = import_string(path)
        quick = getattr(source, "summary", None)
        found.add(quick(user, window) if quick else summary_of(source(user, window.until), window))
    return found
