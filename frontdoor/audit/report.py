"""R-ACC-1 (issue 10): who viewed which records without a link to the case, for managers and information
governance. A link is the record being allocated to the viewer, being with the viewer's team, recorded by
the viewer, or anything the viewer wrote about it (a task, check, decision or note each writes an audit
event on the contact). A person's record is linked through any contact about the person, or the person's
allocated team.

One grouped query reads the views over the date range; a fixed number of keyed queries then read the links,
whatever the number of views."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import BigIntegerField, BooleanField, CharField, Count, ExpressionWrapper, Max, Min, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.policy import contact_visible, people_visible_to
from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.core.pages import address_of
from frontdoor.core.templatetags.govuk import team_name
from frontdoor.people.models import Person

from .actions import AuditAction
from .models import AuditEvent

CONTACT = Contact._meta.label_lower
PERSON = Person._meta.label_lower
# Events that are not work on the case: reading, looking for, copying out or reaching it in an emergency.
NOT_A_LINK = [
    AuditAction.VIEWED,
    AuditAction.DENIED,
    AuditAction.SEARCHED,
    AuditAction.EXPORTED,
    AuditAction.ACCESS_BREAK_GLASS,
    AuditAction.SUBJECT_ACCESS_EXPORTED,
]


@dataclass(frozen=True)
class UnlinkedView:
    viewer: str
    team: str
    record: str
    url: str
    views: int
    first_at: datetime.datetime
    last_at: datetime.datetime


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time(), zone)
    return first, datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), zone)


def _ids(events: QuerySet[AuditEvent], object_type: str) -> QuerySet[Any, Any]:
    """The ids of the records of one kind these events are about, as numbers, for a subquery: the page's
    reads then join in the database rather than send thousands of ids there and back."""
    return (
        events.filter(object_type=object_type, object_id__regex=r"^[0-9]+$")
        .order_by()
        .annotate(record_id=Cast("object_id", BigIntegerField()))
        .values("record_id")
    )


class _Links:
    """Who is linked to which contacts and people among those viewed (`events`, the views in the range).
    Each read is driven by the viewed records' ids as a subquery, so the database joins them by their
    indexes (never an OR of two lists, which both databases read by scanning every contact)."""

    def __init__(self, events: QuerySet[AuditEvent], visible: Q) -> None:
        """`visible`: the access module's condition on a contact for the reader of the report
        (`contact_visible`); `seen` is the viewed contacts that hold, read with them."""
        contact_ids, person_ids = _ids(events, CONTACT), _ids(events, PERSON)
        fields = ("reference", "assigned_to_id", "created_by_id", "team_key")
        # The reader's view of each viewed contact is read with it: a read of the visible contacts among the
        # viewed ones on its own was planned as a scan of every contact (the hidden few are a hashed lookup).
        contacts = (
            Contact.objects.filter(pk__in=contact_ids)
            .annotate(seen=ExpressionWrapper(visible, output_field=BooleanField()))
            .order_by()
        )
        self.contacts = {row["pk"]: row for row in contacts.values("pk", "seen", *fields)}
        self.seen = {pk for pk, row in self.contacts.items() if row["seen"]}
        self.person_contacts: dict[int, set[int]] = defaultdict(set)
        about_people = ContactPerson.objects.filter(person_id__in=person_ids).order_by()
        for row in about_people.values("person_id", "contact_id", *(f"contact__{name}" for name in fields)):
            self.person_contacts[row["person_id"]].add(row["contact_id"])
            self.contacts[row["contact_id"]] = {"pk": row["contact_id"]} | {f: row[f"contact__{f}"] for f in fields}
        self.people = {
            row["pk"]: row
            for row in Person.objects.filter(pk__in=person_ids)
            .order_by()
            .values("pk", "allocated_team_key", "source_id")
        }
        # What the viewers wrote on these records (the log names an object by its id as text): the viewed
        # contacts, the contacts about the viewed people, and the viewed people, each part by its index.
        written = (
            AuditEvent.objects.filter(actor_id__in=events.order_by().values("actor_id"))
            .exclude(action__in=NOT_A_LINK)
            .order_by()
            .values_list("actor_id", "object_type", "object_id")
        )
        viewed = events.order_by().values("object_id")
        parts = [
            written.filter(object_type=CONTACT, object_id__in=viewed.filter(object_type=CONTACT)),
            written.filter(object_type=CONTACT, object_id__in=about_people.values(key=Cast("contact_id", CharField()))),
            written.filter(object_type=PERSON, object_id__in=viewed.filter(object_type=PERSON)),
        ]
        self.wrote = set(parts[0].union(*parts[1:]))

    def contact(self, user: User, contact_id: int) -> bool:
        row = self.contacts.get(contact_id)
        if row is None:
            return False
        return (
            user.pk in (row["assigned_to_id"], row["created_by_id"])
            or bool(user.team_key and row["team_key"] == user.team_key)
            or (user.pk, CONTACT, str(contact_id)) in self.wrote
        )

    def person(self, user: User, person_id: int) -> bool:
        row = self.people.get(person_id)
        if row and user.team_key and row["allocated_team_key"] == user.team_key:
            return True
        if (user.pk, PERSON, str(person_id)) in self.wrote:
            return True
        return any(self.contact(user, c) for c in self.person_contacts.get(person_id, ()))


def unlinked_views(*, user: User, start: datetime.date, end: datetime.date) -> list[UnlinkedView]:
    """Views from `start` to `end` (whole days, inclusive) of a contact or person by someone with no link to
    the case, one row per viewer and record, latest first. Names only what `user` may see (a contact's
    reference always; a person's name only if `user` may see the person, else the case system's number)."""
    low, high = _bounds(start, end)
    events = AuditEvent.objects.filter(
        action=AuditAction.VIEWED, at__gte=low, at__lt=high, actor__isnull=False, object_type__in=[CONTACT, PERSON]
    )
    grouped = list(
        events.order_by()
        .values("actor_id", "object_type", "object_id")
        .annotate(views=Count("id"), first_at=Min("at"), last_at=Max("at"))
    )
    if not grouped:
        return []
    links = _Links(events, contact_visible(user, "pk"))
    viewers = {u.pk: u for u in User.objects.filter(pk__in={row["actor_id"] for row in grouped})}
    seen_people = {
        p.pk: p
        for p in people_visible_to(user)
        .filter(pk__in=_ids(events, PERSON))
        .order_by()
        .only("given_names", "family_name", "is_unborn")
    }
    contact_page = address_of("contacts:detail")
    rows = []
    for row in grouped:
        viewer, object_id = viewers[row["actor_id"]], row["object_id"]
        if not object_id.isdigit():
            continue
        pk = int(object_id)
        if row["object_type"] == CONTACT:
            if links.contact(viewer, pk):
                continue
            reference = links.contacts[pk]["reference"] if pk in links.contacts else "A contact no longer held"
            record = f"Contact {reference}"
            url = contact_page(reference) if pk in links.seen else ""
        else:
            if links.person(viewer, pk):
                continue
            record, url = _person_words(pk, seen_people.get(pk), links.people.get(pk))
        rows.append(
            UnlinkedView(
                viewer=viewer.display_name,
                team=team_name(viewer.team_key) if viewer.team_key else "No team",
                record=record,
                url=url,
                views=row["views"],
                first_at=row["first_at"],
                last_at=row["last_at"],
            )
        )
    rows.sort(key=lambda r: (r.last_at, r.viewer), reverse=True)
    return rows


def _person_words(pk: int, visible: Person | None, row: Mapping[str, Any] | None) -> tuple[str, str]:
    if visible is not None:
        return f"Person: {visible.full_name}", reverse("people:detail", args=[pk])
    if row and row["source_id"]:
        return f"Person with case system number {row['source_id']}", ""
    return "A person's record (name not shown)", ""
