"""The manager's dashboard: everything due across the front door, overdue first, then the next four
hours, then the rest of today, with counts per team. Items come from `frontdoor.core.due.due_items`,
each source narrowed by the access module to what the user may see."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.core.due import DueItem, due_items
from frontdoor.procedures.loader import get_profile

SOON = datetime.timedelta(hours=4)
SHOWN = 100  # items listed per section; the counts are always complete
UNALLOCATED = "unallocated"  # the team filter's value for work not yet in any team
UNALLOCATED_NAME = "Not yet allocated"


@dataclass(frozen=True)
class Row:
    item: DueItem
    team_name: str


@dataclass(frozen=True)
class Section:
    key: str  # "overdue", "soon" or "today"
    title: str
    rows: list[Row]
    total: int


@dataclass(frozen=True)
class TeamCount:
    key: str  # a team key, or UNALLOCATED
    name: str
    overdue: int
    soon: int
    today: int

    @property
    def total(self) -> int:
        return self.overdue + self.soon + self.today


@dataclass(frozen=True)
class Dashboard:
    now: datetime.datetime
    end_of_today: datetime.datetime
    sections: list[Section]
    teams: list[TeamCount]
    kinds: list[str]


def end_of_today(now: datetime.datetime) -> datetime.datetime:
    """Local midnight at the end of `now`'s day."""
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), timezone.get_current_timezone())


def section_of(item: DueItem, now: datetime.datetime) -> str:
    """Overdue once its time has passed; "soon" within four hours; "today" later, before midnight."""
    if item.due_at < now:
        return "overdue"
    if item.due_at < now + SOON:
        return "soon"
    return "today"


def team_key_of(item: DueItem) -> str:
    return item.team or UNALLOCATED


def team_names() -> dict[str, str]:
    return {UNALLOCATED: UNALLOCATED_NAME} | {team.key: team.name for team in get_profile().teams}


def _team_counts(items: list[DueItem], now: datetime.datetime) -> list[TeamCount]:
    """Counts per team, in the profile's order, "Not yet allocated" last; only teams with something due."""
    counts: Counter[tuple[str, str]] = Counter((team_key_of(item), section_of(item, now)) for item in items)
    names = team_names()
    order = [team.key for team in get_profile().teams]
    keys = {key for key, _ in counts}
    ordered = [key for key in order if key in keys] + sorted(keys - set(order) - {UNALLOCATED})
    if UNALLOCATED in keys:
        ordered.append(UNALLOCATED)
    return [
        TeamCount(key, names.get(key, key), counts[key, "overdue"], counts[key, "soon"], counts[key, "today"])
        for key in ordered
    ]


def dashboard(user: User, *, team: str = "", kind: str = "") -> Dashboard:
    """What `user` may see that is overdue or due by the end of today (or in the next four hours, when
    they run past midnight). The team counts follow the kind chosen; the lists follow both filters."""
    now = timezone.now()
    midnight = end_of_today(now)
    until = max(now + SOON, midnight)
    everything = [item for item in due_items(user, until) if item.due_at < until]
    kinds = sorted({item.kind for item in everything})
    of_kind = [item for item in everything if not kind or item.kind == kind]
    shown = [item for item in of_kind if not team or team_key_of(item) == team]
    names = team_names()
    sections = []
    for key, title in (("overdue", "Overdue"), ("soon", "Due in the next 4 hours"), ("today", "Due later today")):
        found = [item for item in shown if section_of(item, now) == key]
        rows = [Row(item, names.get(team_key_of(item), item.team)) for item in found[:SHOWN]]
        sections.append(Section(key, title, rows, len(found)))
    return Dashboard(now, midnight, sections, _team_counts(of_kind, now), kinds)
