"""What falls due after the decision, for the manager's dashboard (`frontdoor/core/due.py`): the outcome
owed to a referrer (R-FB-1, R-REF-2) and each open step of a challenge (R-ESC-1)."""

import datetime
from collections.abc import Iterable, Iterator

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse

from frontdoor.access.policy import challenges_visible_to, followup_contacts_visible_to
from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact, ContactPerson, ReferrerKind, Status
from frontdoor.core.due import (
    OVERDUE,
    SECTIONS,
    SOON,
    TODAY,
    DueItem,
    Summary,
    Window,
    raw_time,
    summarised_by,
    summary_of,
)
from frontdoor.core.pages import address_of
from frontdoor.procedures.deadlines import due_at
from frontdoor.procedures.loader import get_profile

from .models import ChallengeStep, Feedback
from .selectors import OUTCOME_KINDS, outcome_feedback_due_at


def _label(contact: Contact) -> str:
    links = [link for link in contact.people.all() if link.role == ContactPerson.Role.SUBJECT]
    names = [link.person.full_name for link in links if not link.person.restricted]
    return f"{contact.reference} {names[0]}" if names else contact.reference


OUTCOME = "Outcome to the referrer"


def _owed_outcome(user: User) -> QuerySet[Contact]:
    """Decided contacts whose referrer is owed the outcome and has not been told it; closed ones too, since
    the advice is copied to the referrer when a contact is closed (001 s1)."""
    profile = get_profile()
    kinds: list[str] = [ReferrerKind.PROFESSIONAL]
    if profile.feedback_non_professional != "none":
        kinds += [k for k in ReferrerKind.values if k not in (ReferrerKind.PROFESSIONAL, ReferrerKind.ANONYMOUS)]
    # The contacts told since their decision, as one list the database hashes once and looks each contact up
    # in (a correlated "exists" is one probe of the feedback per decided contact: two to three times slower
    # over tens of thousands). `contact` is never null, so "not in" means "not told".
    told = Feedback.objects.filter(
        kind__in=OUTCOME_KINDS, created_at__gte=F("contact__decided_at"), email_held=False
    ).values("contact_id")
    return (
        followup_contacts_visible_to(user)
        .filter(status__in=(Status.DECIDED, Status.CLOSED), decided_at__isnull=False, referrer_kind__in=kinds)
        .exclude(pk__in=told)
        .order_by()
    )


def _outcome_item(contact: Contact, due: datetime.datetime) -> DueItem:
    url = reverse("followup:feedback", args=[contact.reference, "outcome"])
    return DueItem(OUTCOME, _label(contact), due, url, contact.team_key)


def _outcome_feedback(user: User, until: datetime.datetime) -> Iterator[DueItem]:
    for contact in _owed_outcome(user).prefetch_related("people__person"):
        due = outcome_feedback_due_at(contact)
        if due <= until:
            yield _outcome_item(contact, due)


def received_before(boundary: datetime.datetime) -> datetime.datetime:
    """The earliest receipt whose outcome is due at or after `boundary`: the outcome is due a fixed working
    time after receipt, never earlier for a later receipt, so "due before the boundary" is "received before
    this" and the database can count it (found by halving, to the microsecond)."""
    profile = get_profile()

    def due(received: datetime.datetime) -> datetime.datetime:
        return due_at(received, profile.outcome_feedback_deadline, profile)

    span = datetime.timedelta(days=1)
    while due(boundary - span) >= boundary:
        if span > datetime.timedelta(days=3660):
            return boundary - span
        span *= 2
    low, high = boundary - span, boundary  # due(low) < boundary <= due(high), as due(r) >= r
    step = datetime.timedelta(microseconds=1)
    while high - low > step:
        middle = low + (high - low) / 2
        if due(middle) < boundary:
            low = middle
        else:
            high = middle
    return high


def _outcome_summary(user: User, window: Window) -> Summary:
    """The outcome owed to referrers, counted by receipt time in one query; items only for the rows listed.
    The sections are nested ranges of receipt (before the receipt due now, before the one due at "soon",
    before the one due at `until`), so two comparisons a row count them all."""
    found = Summary()
    owed = _owed_outcome(user)
    edges = {section: tuple(received_before(t) if t else None for t in window.bounds(section)) for section in SECTIONS}
    rows = (
        owed.filter(received_at__lt=edges[TODAY][1])
        .values("team_key")
        .annotate(
            overdue=Count("pk", filter=Q(received_at__lt=edges[OVERDUE][1])),
            by_soon=Count("pk", filter=Q(received_at__lt=edges[SOON][1])),
            by_until=Count("pk"),
        )
        .order_by()
    )
    for row in rows:
        numbers = (row["overdue"], row["by_soon"] - row["overdue"], row["by_until"] - row["by_soon"])
        for section, number in zip(SECTIONS, numbers, strict=True):
            found.counts[OUTCOME, row["team_key"], section] += number
    if window.kind and window.kind != OUTCOME:
        return found

    def received_in(section: str) -> Q:
        start, end = edges[section]
        return Q(received_at__lt=end) & (Q(received_at__gte=start) if start else Q())

    team = Q() if window.team is None else Q(team_key=window.team)
    parts = [
        owed.filter(received_in(section), team)
        .order_by("received_at", "reference")
        .values_list("pk", "reference", "team_key", "received_at")[: window.limit]
        .query.sql_with_params()
        for section in SECTIONS
        if any(n for (_, _, s), n in found.counts.items() if s == section)
    ]
    if not parts:
        return found
    # One query: each section's first rows as its own subquery, so it keeps its ORDER BY and LIMIT (SQLite
    # refuses them in a bare UNION).
    union = " UNION ALL ".join(f"SELECT * FROM ({sql}) part{n}" for n, (sql, _) in enumerate(parts))  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(union, [param for _, params in parts for param in params])
        listed = [(pk, reference, team_key, raw_time(received)) for pk, reference, team_key, received in cursor]
    names = _first_names(pk for pk, *_ in listed)
    profile = get_profile()
    page = address_of("followup:feedback", "outcome")
    for pk, reference, team_key, received_at in listed:
        due = due_at(received_at, profile.outcome_feedback_deadline, profile)
        label = f"{reference} {names[pk]}" if pk in names else reference
        found.items.append(DueItem(OUTCOME, label, due, page(reference), team_key))
    return found


def _first_names(contact_ids: Iterable[int]) -> dict[int, str]:
    """`_label`'s name for many contacts in one query: the first child the contact is about, not restricted."""
    names: dict[int, str] = {}
    links = (
        ContactPerson.objects.filter(
            contact_id__in=set(contact_ids), role=ContactPerson.Role.SUBJECT, person__restricted=False
        )
        .order_by("contact_id", "pk")
        .values_list("contact_id", "person__given_names", "person__family_name", "person__is_unborn")
    )
    for contact_id, given, family, unborn in links:
        if contact_id not in names:  # as `Person.full_name` writes it, without a Person per row
            names[contact_id] = (f"Unborn {family}" if unborn and not given else f"{given} {family}").strip()
    return names


def _challenge_steps(user: User, until: datetime.datetime) -> Iterator[DueItem]:
    steps = (
        ChallengeStep.objects.filter(
            challenge__in=challenges_visible_to(user),
            challenge__resolved_at__isnull=True,
            outcome="",
            due_at__lte=until,
        )
        .select_related("challenge__contact")
        .prefetch_related("challenge__contact__people__person")
    )
    for step in steps:
        contact = step.challenge.contact
        url = reverse("followup:challenge", args=[contact.reference, step.challenge_id])
        kind = f"Challenge: answer from the {step.get_level_display().lower()}"
        yield DueItem(kind, _label(contact), step.due_at, url, contact.team_key)


def due_summary(user: User, window: Window) -> Summary:
    """`due_items` for the dashboard: the outcomes owed counted in the database, the challenge steps (few)."""
    found = _outcome_summary(user, window)
    found.add(summary_of(_challenge_steps(user, window.until), window))
    return found


@summarised_by(due_summary)
def due_items(user: User, until: datetime.datetime) -> list[DueItem]:
    """R-TIME-1: every open feedback and challenge step due by `until` (overdue included) that `user` may see."""
    return [*_outcome_feedback(user, until), *_challenge_steps(user, until)]
