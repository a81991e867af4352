"""The police told of a suspected crime, as a task on the dashboard (R-DEC-6: "immediately")."""

import datetime
from collections.abc import Iterator

from django.db.models import Prefetch
from django.urls import reverse

from frontdoor.access.policy import contacts_visible_to
from frontdoor.accounts.models import User
from frontdoor.core.due import DueItem
from frontdoor.procedures.loader import get_profile

from .models import OPEN_STATUSES, Contact, ContactPerson


def children_label(contact: Contact) -> str:
    """The contact's reference and its children's names, a restricted record not named."""
    links = getattr(contact, "subjects", None)
    if links is None:
        links = contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    names = ["Restricted record" if link.person.restricted else link.person.full_name for link in links]
    return f"{contact.reference}, {', '.join(names)}" if names else contact.reference


def due_items(user: User, until: datetime.datetime) -> Iterator[DueItem]:
    """Open contacts with a suspected crime the police have not yet been told of, due on receipt; not those
    a local policy says the police are not told of (004: children under the age of criminal responsibility)."""
    profile = get_profile()
    subjects = ContactPerson.objects.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    contacts = (
        contacts_visible_to(user)
        # status__among: the partial index of the contacts whose police are still to be told
        .filter(suspected_crime=True, police_notified_at__isnull=True, status__among=OPEN_STATUSES)
        .filter(received_at__lte=until)
        .prefetch_related(Prefetch("people", queryset=subjects, to_attr="subjects"))
        .order_by("received_at")
    )
    for contact in contacts:
        policy = profile.policy(contact.policy_key) if contact.policy_key else None
        if policy is not None and policy.notify_police is False:
            continue
        yield DueItem(
            kind="Police to be told of a suspected crime",
            label=children_label(contact),
            due_at=contact.received_at,
            url=reverse("contacts:action", args=[contact.reference, "police-notified"]),
            team=contact.team_key,
        )
