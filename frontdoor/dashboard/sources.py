"""What falls due on contacts and on agency checks, for the manager's dashboard (`frontdoor.core.due`).

Both read only what the user may see, through `frontdoor.access.policy`, and run a fixed number of
queries however many items there are (R-TIME-1, R-ROUTE-3, R-CON-4).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.policy import agency_checks_visible_to, contact_visible, contacts_visible_to
from frontdoor.accounts.models import User
from frontdoor.contacts.deadlines import UNDECIDED, contact_clocks
from frontdoor.contacts.models import (
    CONSENT_MISSING,
    DASH_REQUEST_OPEN,
    OPEN_STATUSES,
    WRITTEN_FOLLOW_UP_OPEN,
    AgencyCheck,
    AgencyKind,
    Channel,
    ConsentStatus,
    Contact,
    ContactPerson,
    Status,
)
from frontdoor.core.due import SECTIONS, DueItem, Summary, Window, raw_time, summarised_by
from frontdoor.core.pages import address_of
from frontdoor.procedures.deadlines import due_at
from frontdoor.procedures.loader import get_profile
from frontdoor.procedures.schema import Profile

# Clocks kept on the contact but listed by their own source: each agency check (below) and the
# police told of a suspected crime (the police notification task).
OWN_SOURCES = frozenset({"agency_check", "police"})
CONSENT_REVIEW = "Review of the need for consent"
# What `contact_clocks` and the labels read: loading only these keeps a long list of contacts quick.
CLOCK_FIELDS = (
    "reference",
    "status",
    "team_key",
    "received_at",
    "review_opened_at",
    "action_due_at",
    "acknowledgement_due_at",
    "acknowledged_at",
    "referrer_kind",
    "written_follow_up_required",
    "written_follow_up_received_at",
    "domestic_abuse",
    "channel",
    "referrer_agency_kind",
    "dash_attached",
    "dash_requested_at",
    "suspected_crime",
    "police_notified_at",
    "consent_status",
    "consent_review_date",
)
AGENCY_CHECK = "Agency check"


def children_named(contact_ids: Iterable[int]) -> dict[int, str]:
    """Each contact's children, for a label; a restricted record is not named (R-ACC-1). One query."""
    names: dict[int, list[str]] = defaultdict(list)
    links = (
        ContactPerson.objects.filter(contact_id__in=set(contact_ids), role=ContactPerson.Role.SUBJECT)
        .order_by("contact_id", "pk")
        .values_list(
            "contact_id", "person__restricted", "person__is_unborn", "person__given_names", "person__family_name"
        )
    )
    for contact_id, restricted, unborn, given, family in links:
        name = f"Unborn {family}" if unborn and not given else f"{given} {family}"
        names[contact_id].append("Restricted record" if restricted else name.strip())
    return {pk: ", ".join(found) for pk, found in names.items()}


def _label(reference: str, children: str) -> str:
    return f"{reference}, {children}" if children else reference


def _end_of_day(day: datetime.date) -> datetime.datetime:
    """A review "by" a date is due by the end of that day."""
    return datetime.datetime.combine(day, datetime.time(23, 59), timezone.get_current_timezone())


def _consent_review_open(contact: Contact) -> bool:
    return contact.consent_review_date is not None and contact.consent_status != ConsentStatus.OBTAINED


@dataclass(frozen=True)
class StoredClock:
    """A contact's clock whose due time is a column (kept by `refresh_deadlines`), so the database can
    count and order it; the labels are `contacts.deadlines.contact_clocks`' own. Open while the contact's
    status is one of `statuses` (and, for the acknowledgement, until the referrer is acknowledged)."""

    label: str
    column: str
    statuses: tuple[str, ...]
    acknowledgement: bool = False

    @property
    def open(self) -> Q:
        found = Q(**{f"{self.column}__isnull": False}, status__in=self.statuses)
        return found & ACKNOWLEDGEMENT_OPEN if self.acknowledgement else found


ACKNOWLEDGEMENT_OPEN = Q(acknowledged_at__isnull=True) & ~Q(referrer_kind="anonymous")


def stored_clocks(profile: Profile) -> list[StoredClock]:
    if profile.disposal_deadline is None:
        clocks = [StoredClock("Threshold decision", "decision_due_at", UNDECIDED)]
    else:  # 004: the level of response is decided once the contact is sent for a manager's decision
        clocks = [
            StoredClock("Decision on the level of response", "decision_due_at", (Status.RECEIVED, Status.SCREENING)),
            StoredClock("Decision on the disposal", "disposal_due_at", UNDECIDED),
        ]
    return [
        *clocks,
        StoredClock("Action for the rating", "action_due_at", OPEN_STATUSES),
        StoredClock("Acknowledgement to the referrer", "acknowledgement_due_at", OPEN_STATUSES, acknowledgement=True),
    ]


def _in_section(column: str, window: Window, section: str) -> Q:
    start, end = window.bounds(section)
    found = Q(**{f"{column}__lt": end})
    return found & Q(**{f"{column}__gte": start}) if start is not None else found


def _team_filter(window: Window) -> Q:
    return Q() if window.team is None else Q(team_key=window.team)


def _open_contacts(user: User) -> QuerySet[Contact]:
    return contacts_visible_to(user).filter(status__among=OPEN_STATUSES).order_by()


def _stored_counts(open_contacts: QuerySet[Contact], window: Window, clocks: list[StoredClock], found: Summary) -> None:
    """Per team and status, how many of each clock fall before now, before "soon" and before `until` (the
    acknowledgement counted only while it is still owed), in two reads that each read what they must:

    - every open clock, counted plainly per team and status from one covering index in its own order
      (`contact_open_clocks`: no sort, no comparison of times per row);
    - the clocks not yet overdue, each read from its own index from "now" on, and counted by section.

    Overdue is the first less the second. A backlog of overdue work grows for as long as it is not done; the
    clocks still to come are bounded by what arrives within a clock's length, so the second read stays
    small when the first is large (a count of each section per row cost a comparison of three times for
    each clock of each open contact: about four times the plain count)."""
    totals = {
        clock.column: Count(clock.column, filter=ACKNOWLEDGEMENT_OPEN if clock.acknowledgement else None)
        for clock in clocks
    }
    all_open: Iterable[Mapping[str, Any]] = (
        open_contacts.values("team_key", "status").annotate(**totals).order_by("team_key", "status")
    )
    to_come = _clocks_to_come(open_contacts, window, clocks)
    for row in all_open:
        for clock in clocks:
            if row["status"] not in clock.statuses:
                continue
            soon, until, later = to_come.get((clock.column, row["team_key"], row["status"]), (0, 0, 0))
            overdue = row[clock.column] - later
            for section, number in zip(SECTIONS, (overdue, soon, until - soon), strict=True):
                found.counts[clock.label, row["team_key"], section] += number


def _clocks_to_come(
    open_contacts: QuerySet[Contact], window: Window, clocks: list[StoredClock]
) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """(column, team, status) -> how many of that clock fall before "soon", before `until`, and at all, of
    those not yet overdue. One query: a part per clock, each reading its own index (`contact_open_<clock>`)
    from "now" on. Each part's rows come from a subquery ordered by the clock, so SQLite reads that index
    rather than the open contacts' in team order; the rows are then grouped (few: what is still to come)."""
    sql: list[str] = []
    params: list[Any] = []
    soon, until = (connection.ops.adapt_datetimefield_value(moment) for moment in (window.soon, window.until))
    for n, clock in enumerate(clocks):
        rows = (
            open_contacts.filter(**{f"{clock.column}__gte": window.now})
            .filter(ACKNOWLEDGEMENT_OPEN if clock.acknowledgement else Q())
            .order_by(clock.column)
            .values(t=F("team_key"), s=F("status"), d=F(clock.column))
        )
        part_sql, part_params = rows.query.sql_with_params()
        sql.append(
            f"SELECT {n}, part{n}.t, part{n}.s, "  # noqa: S608  # the ORM's own SQL, its values as parameters
            f"SUM(CASE WHEN part{n}.d < %s THEN 1 ELSE 0 END), SUM(CASE WHEN part{n}.d < %s THEN 1 ELSE 0 END), "
            f"COUNT(*) FROM ({part_sql}) part{n} GROUP BY part{n}.t, part{n}.s"
        )
        params += [soon, until, *part_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        return {(clocks[n].column, t, s): (soon, until, later) for n, t, s, soon, until, later in cursor.fetchall()}


def _stored_rows(
    open_contacts: QuerySet[Contact], window: Window, clocks: list[StoredClock], found: Summary
) -> list[tuple]:
    """The first `limit` of each section across the stored clocks: one query for the first rows of each
    clock in each section that has any (a union, each part by its own index), cut to the first `limit` of
    each section."""
    parts: list[tuple[StoredClock, str]] = []
    sql: list[str] = []
    params: list[Any] = []
    for clock in clocks:
        if window.kind and clock.label != window.kind:
            continue
        for section in SECTIONS:
            if not any(n for (kind, _, s), n in found.counts.items() if kind == clock.label and s == section):
                continue
            first = (
                open_contacts.filter(clock.open, _in_section(clock.column, window, section), _team_filter(window))
                .order_by(clock.column, "reference")
                .values_list("pk", "reference", "team_key", clock.column)[: window.limit]
            )
            part_sql, part_params = first.query.sql_with_params()
            sql.append(part_sql)
            params.extend(part_params)
            parts.append((clock, section))
    if not parts:
        return []
    # Each part is its own subquery so it keeps its ORDER BY and LIMIT (SQLite refuses them in a bare UNION).
    union = " UNION ALL ".join(
        f"SELECT {n}, part{n}.* FROM ({part}) part{n}"  # noqa: S608  # the ORM's own SQL, its values as parameters
        for n, part in enumerate(sql)
    )
    with connection.cursor() as cursor:
        cursor.execute(union, params)
        first_rows = cursor.fetchall()
    chosen = []
    for section in SECTIONS:  # the dashboard's own order within a section: due, then what, then which
        mine = [(n, *row) for n, *row in first_rows if parts[n][1] == section]
        mine.sort(key=lambda row: (raw_time(row[4]), parts[row[0]][0].label, row[2]))
        chosen += [(pk, reference, team, due, parts[n][0]) for n, pk, reference, team, due in mine[: window.limit]]
    return [(pk, reference, team, raw_time(due), clock.label) for pk, reference, team, due, clock in chosen]


WRITTEN_FOLLOW_UP = "Written follow-up from the referrer"
DASH_REQUEST = "Request for the missing DASH"
COMPUTED_FIELDS = (
    "pk",
    "reference",
    "team_key",
    "received_at",
    "written_follow_up_required",
    "written_follow_up_received_at",
    "domestic_abuse",
    "channel",
    "referrer_agency_kind",
    "dash_attached",
    "dash_requested_at",
    "consent_review_date",
    "consent_status",
)


def _computed_kinds(
    row: Mapping[str, Any], profile: Profile
) -> list[tuple[str, Callable[[Mapping[str, Any]], datetime.datetime]]]:
    """The open clocks of `contact_clocks` that are computed from receipt (the written follow-up, R-INT-6,
    and the DASH request, R-INT-5), and the review of consent (R-CON-4), from the row's values alone: each
    one's kind, and how its due time is worked out from a row (only when it is needed)."""
    found: list[tuple[str, Callable[[Mapping[str, Any]], datetime.datetime]]] = []
    follow_up, dash = profile.written_follow_up_deadline, profile.dash_request_deadline
    if row["written_follow_up_required"] and row["written_follow_up_received_at"] is None and follow_up:
        found.append((WRITTEN_FOLLOW_UP, lambda r: due_at(r["received_at"], follow_up, profile)))
    from_police = row["channel"] == Channel.POLICE_NOTIFICATION or row["referrer_agency_kind"] == AgencyKind.POLICE
    dash_missing = row["domestic_abuse"] and from_police and not row["dash_attached"]
    if dash_missing and row["dash_requested_at"] is None and dash:
        found.append((DASH_REQUEST, lambda r: due_at(r["received_at"], dash, profile)))
    if row["consent_review_date"] is not None and row["consent_status"] != ConsentStatus.OBTAINED:
        found.append((CONSENT_REVIEW, lambda r: _end_of_day(r["consent_review_date"])))
    return found


class _Dues:
    """One kind of computed clock over its rows in order of receipt (and so of due time: a due time is a fixed
    working time after receipt, never earlier for a later receipt, or the end of a review date), working out
    a row's due time only when asked, once."""

    def __init__(self, rows: list[Mapping[str, Any]], due: Callable[[Mapping[str, Any]], datetime.datetime]) -> None:
        self.rows, self._due = rows, due
        self._known: dict[int, datetime.datetime] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def at(self, index: int) -> datetime.datetime:
        if index not in self._known:
            self._known[index] = self._due(self.rows[index])
        return self._known[index]

    def known(self, index: int, due: datetime.datetime) -> None:
        self._known[index] = due

    def first_due_at_or_after(self, moment: datetime.datetime, low: int = 0) -> int:
        """The index of the first row, from `low` on, due at or after `moment` (halving: a few due times)."""
        high = len(self.rows)
        while low < high:
            middle = (low + high) // 2
            if self.at(middle) < moment:
                low = middle + 1
            else:
                high = middle
        return low


def _computed_summary(
    open_contacts: QuerySet[Contact], window: Window, profile: Profile, found: Summary
) -> list[tuple[Mapping[str, Any], DueItem]]:
    """The written follow-up, the DASH request and the review of consent, for the few open contacts where
    one is still open (one query), all counted into `found`; returns the first `limit` chosen of each section.

    Each kind's rows are put in order of receipt, so that each section is a run of them found by halving,
    and only the due times of the halving and of the rows listed are worked out (a working-time due time
    costs tens of microseconds: hundreds of them were a tenth of the dashboard)."""
    reviews_by = timezone.localtime(window.until).date()
    # Each part by its own partial index; a union, since an OR of the three would read every open contact.
    parts = [
        open_contacts.filter(condition).values("pk")
        for condition in (
            WRITTEN_FOLLOW_UP_OPEN,
            DASH_REQUEST_OPEN,
            CONSENT_MISSING & Q(consent_review_date__lte=reviews_by),
        )
    ]
    rows = Contact.objects.filter(pk__in=parts[0].union(*parts[1:])).values(*COMPUTED_FIELDS)
    by_kind: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    how: dict[str, Callable[[Mapping[str, Any]], datetime.datetime]] = {}
    for row in rows:
        for kind, due in _computed_kinds(row, profile):
            by_kind[kind].append(row)
            how[kind] = due
    listed: dict[str, list[tuple[Mapping[str, Any], DueItem]]] = {section: [] for section in SECTIONS}
    for kind, kind_rows in by_kind.items():
        order = "consent_review_date" if kind == CONSENT_REVIEW else "received_at"
        kind_rows.sort(key=lambda row: (row[order], row["reference"]))
        dues = _Dues(kind_rows, how[kind])
        start = 0
        for section in SECTIONS:
            end = dues.first_due_at_or_after(window.bounds(section)[1], start)
            for row in kind_rows[start:end]:
                found.counts[kind, row["team_key"], section] += 1
            if not window.kind or window.kind == kind:
                listed[section] += _first_of(kind, dues, start, end, window)
            start = end
    return [
        pair
        for section in SECTIONS
        for pair in sorted(listed[section], key=lambda pair: (pair[1].due_at, pair[1].kind, pair[0]["reference"]))[
            : window.limit
        ]
    ]


def _first_of(kind: str, dues: _Dues, start: int, end: int, window: Window) -> list[tuple[Mapping[str, Any], DueItem]]:
    """Rows `start` to `end` of one kind that the window chooses, as far as the `limit`-th one's due time (ties
    included, since the dashboard orders a section by due time, then kind, then reference)."""
    chosen = [i for i in range(start, end) if window.team is None or dues.rows[i]["team_key"] == window.team]
    if len(chosen) > window.limit:
        # Due times never fall as the index rises: the rows due at the limit-th one's time are a run, found by
        # halving, each due at exactly that time (many contacts received while the office was closed share one).
        last = dues.at(chosen[window.limit - 1])
        tied = dues.first_due_at_or_after(last + datetime.timedelta(microseconds=1), chosen[window.limit - 1])
        for i in chosen[window.limit :]:
            if i >= tied:
                break
            dues.known(i, last)
        chosen = sorted((i for i in chosen if i < tied), key=lambda i: (dues.at(i), dues.rows[i]["reference"]))
    return [(dues.rows[i], DueItem(kind=kind, label="", due_at=dues.at(i), url="")) for i in chosen[: window.limit]]


def contact_due_summary(user: User, window: Window) -> Summary:
    """`contact_due_items` for the dashboard: counted in the database, items built for the rows listed."""
    profile = get_profile()
    clocks = stored_clocks(profile)
    found = Summary()
    open_contacts = _open_contacts(user)  # the access module's narrowing, built once for every query below
    _stored_counts(open_contacts, window, clocks, found)
    rows = _stored_rows(open_contacts, window, clocks, found)
    # The computed clocks are all counted; only the first `limit` chosen of each section are listed (and named).
    # A label starts with the contact's unique reference, so ordering by reference orders as the labels do.
    computed = _computed_summary(open_contacts, window, profile, found)
    names = children_named([pk for pk, *_ in rows] + [row["pk"] for row, _ in computed])
    page = address_of("contacts:detail")
    for pk, reference, team, due, label in rows:
        url = page(reference)
        found.items.append(DueItem(label, _label(reference, names.get(pk, "")), due, url, team))
    for row, item in computed:
        label = _label(row["reference"], names.get(row["pk"], ""))
        url = page(row["reference"])
        found.items.append(DueItem(item.kind, label, item.due_at, url, row["team_key"]))
    return found


@summarised_by(contact_due_summary)
def contact_due_items(user: User, until: datetime.datetime) -> list[DueItem]:
    """Every open clock on the open contacts the user sees, due by `until`: the decision (and 004's
    disposal), the rating's action, the acknowledgement, the written follow-up, the DASH request, and
    the review of consent while it is missing (R-CON-4)."""
    profile = get_profile()
    reviews_by = timezone.localtime(until).date()
    consent_due = Q(consent_review_date__lte=reviews_by) & ~Q(consent_status=ConsentStatus.OBTAINED)
    contacts = list(
        contacts_visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .filter(Q(due_at__lte=until) | consent_due)
        .only(*CLOCK_FIELDS)
        .order_by()
    )
    names = children_named(c.pk for c in contacts)
    page = address_of("contacts:detail")
    items: list[DueItem] = []
    for contact in contacts:
        # The checks are listed by their own source: an empty cache spares a query per contact.
        contact._prefetched_objects_cache = {"agency_checks": []}  # type: ignore[attr-defined]
        url = page(contact.reference)
        label = _label(contact.reference, names.get(contact.pk, ""))
        items.extend(
            DueItem(kind=clock.label, label=label, due_at=clock.due, url=url, team=contact.team_key)
            for clock in contact_clocks(contact, profile)
            if clock.open and clock.key not in OWN_SOURCES and clock.due <= until
        )
        if _consent_review_open(contact):
            due = _end_of_day(contact.consent_review_date)  # type: ignore[arg-type]
            if due <= until:
                items.append(DueItem(kind=CONSENT_REVIEW, label=label, due_at=due, url=url, team=contact.team_key))
    return items


def agency_check_due_items(user: User, until: datetime.datetime) -> list[DueItem]:
    """R-ROUTE-3: checks still waiting for a partner's answer on open contacts, due by `until`. Staff see
    the checks on the contacts they see (the duty manager sees an overdue check); a partner sees their
    own agency's checks, linked to the page where they answer."""
    visible = contact_visible(user) | Q(pk__in=agency_checks_visible_to(user).values("pk"))
    checks = list(
        AgencyCheck.objects.filter(visible, responded_at__isnull=True, due_at__lte=until)
        .filter(contact__status__in=OPEN_STATUSES)
        .annotate(staff=ExpressionWrapper(contact_visible(user), output_field=BooleanField()))
        .select_related("contact")
        .only("agency", "due_at", "contact__reference", "contact__team_key")  # what an item shows
        .order_by()
    )
    names = children_named(c.contact_id for c in checks)
    items = []
    for check in checks:
        contact = check.contact
        if check.staff:  # annotated: the user sees the contact itself
            url = reverse("contacts:detail", args=[contact.reference])
        else:
            url = reverse("contacts:check-respond", args=[contact.reference, check.pk])
        label = f"{_label(contact.reference, names.get(contact.pk, ''))} ({check.agency_name})"
        items.append(DueItem(kind=AGENCY_CHECK, label=label, due_at=check.due_at, url=url, team=contact.team_key))
    return items
