"""The manager's dashboard: everything due across the front door, overdue first, then the next four
hours, then the rest of today, with counts per team. Items come from `frontdoor.core.due.due_items`,
each source narrowed by the access module to what the user may see."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.core.due import OVERDUE, TODAY, DueItem, Window, due_summary
from frontdoor.core.due import SOON as SOON_SECTION
from frontdoor.procedures.loader import get_profile

SOON = datetime.timedelta(hours=4)
# Items listed per section, soonest first; the counts are always complete. Enough to act on at a glance: with
# a backlog, a longer list pushed "Due in the next 4 hours" (what can still be done in time) screens down the
# page. The rest are reached by the team and "what is due" filters, and every open contact by the queues.
SHOWN = 25
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


def _team_counts(counts: Counter[tuple[str, str, str]], kind: str) -> list[TeamCount]:
    """Counts per team, in the profile's order, "Not yet allocated" last; only teams with something due."""
    per_team: Counter[tuple[str, str]] = Counter()
    for (item_kind, team, section), number in counts.items():
        if number and (not kind or item_kind == kind):
            per_team[team or UNALLOCATED, section] += number
    names = team_names()
    order = [team.key for team in get_profile().teams]
    keys = {key for key, _ in per_team}
    ordered = [key for key in order if key in keys] + sorted(keys - set(order) - {UNALLOCATED})
    if UNALLOCATED in keys:
        ordered.append(UNALLOCATED)
    return [
        TeamCount(key, names.get(key, key), per_team[key, OVERDUE], per_team[key, SOON_SECTION], per_team[key, TODAY])
        for key in ordered
    ]


def dashboard(user: User, *, team: str = "", kind: str = "") -> Dashboard:
    """What `user` may see that is overdue or due by the end of today (or in the next four hours, when
    they run past midnight). The team counts follow the kind chosen; the lists follow both filters.

    Each source counts everything due and builds items only for the rows listed (`core.due.due_summary`),
    so the page costs about the same with ten items due or a hundred thousand."""
    now = timezone.now()
    midnight = end_of_today(now)
    until = max(now + SOON, midnight)
    chosen_team = None if not team else "" if team == UNALLOCATED else team
    window = Window(now=now, soon=now + SOON, until=until, kind=kind, team=chosen_team, limit=SHOWN)
    found = due_summary(user, window)
    kinds = sorted({item_kind for (item_kind, _, _), number in found.counts.items() if number})
    names = team_names()
    listed = sorted(
        (item for item in found.items if item.due_at < until and window.chosen(item)),
        key=lambda item: (item.due_at, item.kind, item.label),
    )
    sections = []
    for key, title in ((OVERDUE, "Overdue"), (SOON_SECTION, "Due in the next 4 hours"), (TODAY, "Due later today")):
        rows = [Row(item, names.get(team_key_of(item), item.team)) for item in listed if section_of(item, now) == key]
        total = sum(
            number
            for (item_kind, item_team, section), number in found.counts.items()
            if section == key and (not kind or item_kind == kind) and (chosen_team is None or item_team == chosen_team)
        )
        sections.append(Section(key, title, rows[:SHOWN], total))
    return Dashboard(now, midnight, sections, _team_counts(found.counts, kind), kinds)
