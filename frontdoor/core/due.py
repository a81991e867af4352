"""Everything with a deadline, in one shape, for the manager's dashboard.

Each app that keeps a clock (contacts, agency checks, strategy minutes, feedback, challenges,
follow-ups) offers a function `due_items(user, until)` returning `DueItem`s still open and due by
`until` (overdue ones included), already narrowed by the access module to what `user` may see. The
functions are listed in `SOURCES` as dotted paths, so the dashboard needs no import of any app.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.module_loading import import_string


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
