"""What falls due on contacts and on agency checks, for the manager's dashboard (`frontdoor.core.due`).

Both read only what the user may see, through `frontdoor.access.policy`, and run a fixed number of
queries however many items there are (R-TIME-1, R-ROUTE-3, R-CON-4).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.policy import agency_checks_visible_to, contacts_visible_to
from frontdoor.accounts.models import User
from frontdoor.contacts.deadlines import contact_clocks
from frontdoor.contacts.models import OPEN_STATUSES, AgencyCheck, ConsentStatus, Contact, ContactPerson
from frontdoor.core.due import DueItem
from frontdoor.procedures.loader import get_profile

# Clocks kept on the contact but listed by their own source: each agency check (below) and the
# police told of a suspected crime (the police notification task).
OWN_SOURCES = frozenset({"agency_check", "police"})
CONSENT_REVIEW = "Review of the need for consent"
AGENCY_CHECK = "Agency check"


def children_named(contact_ids: Iterable[int]) -> dict[int, str]:
    """Each contact's children, for a label; a restricted record is not named (R-ACC-1). One query."""
    names: dict[int, list[str]] = defaultdict(list)
    links = (
        ContactPerson.objects.filter(contact_id__in=set(contact_ids), role=ContactPerson.Role.SUBJECT)
        .select_related("person")
        .order_by("contact_id", "pk")
    )
    for link in links:
        names[link.contact_id].append("Restricted record" if link.person.restricted else link.person.full_name)
    return {pk: ", ".join(found) for pk, found in names.items()}


def _label(reference: str, children: str) -> str:
    return f"{reference}, {children}" if children else reference


def _end_of_day(day: datetime.date) -> datetime.datetime:
    """A review "by" a date is due by the end of that day."""
    return datetime.datetime.combine(day, datetime.time(23, 59), timezone.get_current_timezone())


def _consent_review_open(contact: Contact) -> bool:
    return contact.consent_review_date is not None and contact.consent_status != ConsentStatus.OBTAINED


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
        # The checks are listed by their own source; an empty prefetch spares a query per contact.
        .prefetch_related(Prefetch("agency_checks", queryset=AgencyCheck.objects.none()))
        .order_by()
    )
    names = children_named(c.pk for c in contacts)
    items: list[DueItem] = []
    for contact in contacts:
        url = reverse("contacts:detail", args=[contact.reference])
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
    visible = Q(contact__in=contacts_visible_to(user)) | Q(pk__in=agency_checks_visible_to(user).values("pk"))
    checks = list(
        AgencyCheck.objects.filter(visible, responded_at__isnull=True, due_at__lte=until)
        .filter(contact__status__in=OPEN_STATUSES)
        .select_related("contact")
        .order_by()
    )
    names = children_named(c.contact_id for c in checks)
    staff = set(contacts_visible_to(user).filter(pk__in={c.contact_id for c in checks}).values_list("pk", flat=True))
    items = []
    for check in checks:
        contact = check.contact
        if contact.pk in staff:
            url = reverse("contacts:detail", args=[contact.reference])
        else:
            url = reverse("contacts:check-respond", args=[contact.reference, check.pk])
        label = f"{_label(contact.reference, names.get(contact.pk, ''))} ({check.agency_name})"
        items.append(DueItem(kind=AGENCY_CHECK, label=label, due_at=check.due_at, url=url, team=contact.team_key))
    return items
