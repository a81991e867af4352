"""What falls due on contacts and on agency checks, for the manager's dashboard (`frontdoor.core.due`).

Both read only what the user may see, through `frontdoor.access.policy`, and run a fixed number of
queries however many items there are (R-TIME-1, R-ROUTE-3, R-CON-4).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
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
PLACEHOLDER = "--reference--"  # reversed once, then filled in for each contact


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
    page = reverse("contacts:detail", args=[PLACEHOLDER])
    items: list[DueItem] = []
    for contact in contacts:
        # The checks are listed by their own source: an empty cache spares a query per contact.
        contact._prefetched_objects_cache = {"agency_checks": []}  # type: ignore[attr-defined]
        url = page.replace(PLACEHOLDER, contact.reference)
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
