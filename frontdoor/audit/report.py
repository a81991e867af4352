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

from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.policy import contacts_visible_to, people_visible_to
from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact, ContactPerson
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


def _ids(values: list[str]) -> set[int]:
    return {int(v) for v in values if v.isdigit()}


class _Links:
    """Who is linked to which contacts and people among those viewed."""

    def __init__(self, actors: set[int], contact_ids: set[int], person_ids: set[int]) -> None:
        self.person_contacts: dict[int, set[int]] = defaultdict(set)
        rows = ContactPerson.objects.filter(person_id__in=person_ids).values_list("person_id", "contact_id")
        for person_id, contact_id in rows:
            self.person_contacts[person_id].add(contact_id)
        every_contact = contact_ids | {c for ids in self.person_contacts.values() for c in ids}
        self.contacts = {
            row["pk"]: row
            for row in Contact.objects.filter(pk__in=every_contact).values(
                "pk", "reference", "assigned_to_id", "created_by_id", "team_key"
            )
        }
        self.people = {
            row["pk"]: row
            for row in Person.objects.filter(pk__in=person_ids).values("pk", "allocated_team_key", "source_id")
        }
        objects = [str(pk) for pk in every_contact | person_ids]
        self.wrote = set(
            AuditEvent.objects.filter(actor_id__in=actors, object_type__in=[CONTACT, PERSON], object_id__in=objects)
            .exclude(action__in=NOT_A_LINK)
            .order_by()
            .values_list("actor_id", "object_type", "object_id")
            .distinct()
        )

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
    grouped = list(
        AuditEvent.objects.filter(
            action=AuditAction.VIEWED, at__gte=low, at__lt=high, actor__isnull=False, object_type__in=[CONTACT, PERSON]
        )
        .order_by()
        .values("actor_id", "object_type", "object_id")
        .annotate(views=Count("id"), first_at=Min("at"), last_at=Max("at"))
    )
    if not grouped:
        return []
    actors = {row["actor_id"] for row in grouped}
    contact_ids = _ids([row["object_id"] for row in grouped if row["object_type"] == CONTACT])
    person_ids = _ids([row["object_id"] for row in grouped if row["object_type"] == PERSON])
    links = _Links(actors, contact_ids, person_ids)
    viewers = {u.pk: u for u in User.objects.filter(pk__in=actors)}
    seen_contacts = set(contacts_visible_to(user).filter(pk__in=contact_ids).values_list("pk", flat=True))
    seen_people = {p.pk: p for p in people_visible_to(user).filter(pk__in=person_ids)}
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
            url = reverse("contacts:detail", args=[reference]) if pk in seen_contacts else ""
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
