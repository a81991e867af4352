"""Reads about contacts: the work queues (R-TIME-1) and what is still missing (R-INT-3)."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from frontdoor.access.policy import contacts_visible_to
from frontdoor.accounts.models import User
from frontdoor.core.models import YesNoUnknown
from frontdoor.procedures.deadlines import elapsed_words
from frontdoor.procedures.loader import get_profile

from .deadlines import contact_clocks
from .guidance import da_guidance, policy_guidance
from .history import contact_re_referrals, referred_children
from .models import OPEN_STATUSES, TEAM_QUEUE_STATUSES, ConsentStatus, Contact, ContactPerson, ReferrerKind, Status
from .paging import Page, Segment, decode, keyset_page
from .queue_rows import SUBJECT_CHILDREN

QUEUES = {
    "duty": "Duty queue",
    "authorise": "Awaiting my authorisation",
    "team": "My team's queue",
    "mine": "My contacts",
}


ALERT_OPEN = Q(alert_raised_at__isnull=False, alert_acknowledged_at__isnull=True)
# Alerted contacts come first in the queues a manager works from.
MANAGER_QUEUES = ("authorise", "duty")


def _filtered(contacts: QuerySet, filters: dict) -> QuerySet:
    if filters.get("rating"):
        rating = filters["rating"]
        contacts = contacts.filter(Q(rating=rating) | (Q(rating="") & Q(initial_rating=rating)))
    if filters.get("team"):
        contacts = contacts.filter(team_key=filters["team"])
    if filters.get("overdue"):
        contacts = contacts.filter(due_at__lt=timezone.now())
    if filters.get("consent_review"):
        contacts = contacts.filter(consent_review_date__lte=timezone.localdate()).exclude(
            consent_status=ConsentStatus.OBTAINED
        )
    return contacts


def _queue_base(*, user: User, queue: str, filters: dict) -> QuerySet[Contact]:
    """The queue's contacts with its filters, unordered and without the rows' related records."""
    contacts = contacts_visible_to(user).annotate(
        current_rating=Coalesce(NullIf("rating", Value("")), "initial_rating")
    )
    if queue == "authorise":
        # A manager also sees every contact with an alert waiting for them (002: discussed "immediately
        # with the Team Manager"; R-TIME-1: what the out-of-hours team took overnight).
        contacts = contacts.filter(Q(status=Status.AWAITING_DECISION) | ALERT_OPEN)
    elif queue == "team":
        contacts = contacts.filter(team_key=user.team_key)
    elif queue == "mine":
        contacts = contacts.filter(assigned_to=user)
    # status__among names the statuses in the SQL itself, so SQLite reads the queue's partial index
    # (`contact_open_queue_order`, `contact_team_queue_order`) rather than every contact.
    if filters.get("status"):
        contacts = contacts.filter(status=filters["status"])
    elif queue == "team":
        # R-ROUTE-1: a contact passed to the team stays in its queue until someone there acknowledges it.
        contacts = contacts.filter(status__among=TEAM_QUEUE_STATUSES)
    else:
        contacts = contacts.filter(status__among=OPEN_STATUSES)
    return _filtered(contacts, filters)


def _with_rows(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    # Each row names its children and their flags: one query for the whole page, not one per row.
    return contacts.select_related("assigned_to").prefetch_related("handovers", SUBJECT_CHILDREN)


def queue_contacts(*, user: User, queue: str, filters: dict) -> QuerySet[Contact]:
    """Every contact of the queue in its order (the page reads it a page at a time: `queue_page`)."""
    contacts = _with_rows(_queue_base(user=user, queue=queue, filters=filters))
    if queue in MANAGER_QUEUES:
        return AlertsFirst(contacts)  # type: ignore[return-value]  # sliceable and countable, like a QuerySet
    return contacts.order_by("due_at", "id")


class AlertsFirst:
    """A manager's queue: contacts with an alert open (oldest alert first), then the rest by due time.
    Read as two queries, each through its own partial index (`contact_open_alert_order`,
    `contact_open_queue_order`), so a page stops after its rows instead of sorting every open contact."""

    def __init__(self, contacts: QuerySet[Contact]) -> None:
        self._contacts = contacts
        self.alerted = contacts.filter(ALERT_OPEN).order_by("alert_raised_at", "id")
        self.rest = contacts.exclude(ALERT_OPEN).order_by("due_at", "id")
        self._alerted_count: int | None = None

    def filter(self, *args: Any, **kwargs: Any) -> QuerySet[Contact]:
        return self._contacts.filter(*args, **kwargs)

    def alerted_count(self) -> int:
        if self._alerted_count is None:
            self._alerted_count = self.alerted.count()
        return self._alerted_count

    def count(self) -> int:
        return self.alerted_count() + self.rest.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Contact]:
        yield from self.alerted
        yield from self.rest

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            items = self[index : index + 1]
            if not items:
                raise IndexError(index)
            return items[0]
        start, stop, alerted = index.start or 0, index.stop, self.alerted_count()
        head = list(self.alerted[start : min(stop, alerted) if stop is not None else None]) if start < alerted else []
        rest_start = max(start - alerted, 0)
        rest_stop = None if stop is None else max(stop - alerted, 0)
        if rest_stop is not None and rest_stop <= rest_start:
            return head
        return head + list(self.rest[rest_start:rest_stop])


def queue_segments(*, user: User, queue: str, filters: dict) -> list[Segment]:
    """The queue's order for keyset paging: a manager's open alerts (oldest first) before the rest, then
    soonest due first (R-TIME-1), the same order as `queue_contacts` and `AlertsFirst`."""
    contacts = _with_rows(_queue_base(user=user, queue=queue, filters=filters))
    if queue in MANAGER_QUEUES:
        alerted, rest = contacts.filter(ALERT_OPEN), contacts.exclude(ALERT_OPEN)
        return [Segment(alerted, "alert_raised_at"), Segment(rest, "due_at")]
    return [Segment(contacts, "due_at")]


def queue_page(*, user: User, queue: str, filters: dict, cursor: str | None = None, size: int = 25) -> Page:
    """One page of the queue at the cursor of a previous or next link (none: the first page)."""
    return keyset_page(queue_segments(user=user, queue=queue, filters=filters), decode(cursor), size)


@dataclass(frozen=True)
class QueueCounts:
    total: int  # rows in the queue with its filters
    overdue: int  # R-TIME-1: what the "overdue" link would show (the other filters kept)
    consent_reviews_due: int  # R-CON-4: what the consent review link would show


def queue_counts(*, user: User, queue: str, filters: dict) -> QueueCounts:
    """The queue's three numbers from one aggregate query; each the same as `overdue_count` and
    `consent_reviews_due_count` give for the queue."""
    base = _queue_base(user=user, queue=queue, filters={**filters, "overdue": False, "consent_review": False})
    overdue = Q(due_at__lt=timezone.now())
    review = Q(consent_review_date__lte=timezone.localdate()) & ~Q(consent_status=ConsentStatus.OBTAINED)
    is_open = Q(status__in=OPEN_STATUSES)
    shown = Q(pk__isnull=False)
    if filters.get("overdue"):
        shown &= overdue
    if filters.get("consent_review"):
        shown &= review
    counts = base.order_by().aggregate(
        total=Count("pk", filter=shown),
        overdue=Count("pk", filter=is_open & overdue & (review if filters.get("consent_review") else Q())),
        consent=Count("pk", filter=is_open & review & (overdue if filters.get("overdue") else Q())),
    )
    return QueueCounts(counts["total"], counts["overdue"], counts["consent"])


def overdue_count(*, user: User, queue: str | None = None, filters: dict | None = None) -> int:
    """R-TIME-1: open contacts with a clock past its time. For a queue, that queue's own (with the same
    filters), so the count is what its overdue link shows; without one, every contact the user sees."""
    if queue is None:
        contacts = contacts_visible_to(user)
    else:
        contacts = queue_contacts(user=user, queue=queue, filters={**(filters or {}), "overdue": False})
    return contacts.filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now()).order_by().count()


def consent_reviews_due_count(*, user: User, queue: str | None = None, filters: dict | None = None) -> int:
    """R-CON-4: open contacts without consent whose review date has come (a reminder); for a queue,
    that queue's own, like the overdue count."""
    if queue is None:
        contacts = contacts_visible_to(user)
    else:
        contacts = queue_contacts(user=user, queue=queue, filters={**(filters or {}), "consent_review": False})
    return (
        contacts.filter(status__in=OPEN_STATUSES, consent_review_date__lte=timezone.localdate())
        .exclude(consent_status=ConsentStatus.OBTAINED)
        .order_by()
        .count()
    )


def referrer_feedback(contact: Contact) -> str:
    """R-FB-1, R-FB-2: what the referrer is told of the outcome; for non-professionals the profile says."""
    if contact.referrer_kind == ReferrerKind.ANONYMOUS:
        return "None: the referrer is anonymous."
    if contact.referrer_is_professional:
        return "Tell the referrer the outcome, with a copy of any advice given if the contact is closed."
    if get_profile().feedback_non_professional == "none":
        return (
            "None: feedback is not given to family members or members of the public, "
            "to protect the confidentiality of the family."
        )
    return "Tell the referrer the outcome in a way that respects the child's confidentiality."


@dataclass(frozen=True)
class ChecklistLine:
    key: str
    label: str
    value: str
    missing: bool


def _derived_checklist(contact: Contact, children: list[ContactPerson]) -> dict[str, str]:
    """Items answered by structured data already on the contact, so nobody types them twice."""
    derived: dict[str, str] = {}
    people = [c.person for c in children]
    if people and all(p.family_name and (p.date_of_birth or p.expected_delivery_date) and p.sex != "U" for p in people):
        derived["children_names_dob_gender"] = "; ".join(
            f"{p.full_name}, {p.date_of_birth or ('due ' + str(p.expected_delivery_date))}, {p.get_sex_display()}"
            for p in people
        )
    addresses = [a for p in people for a in p.addresses.all() if a.is_current]
    if addresses:
        derived["family_address_school"] = f"{addresses[0]}" + (f"; {people[0].school}" if people[0].school else "")
    if contact.reason.strip():
        derived["cause_for_concern"] = contact.reason
    if contact.referrer_relationship:
        derived["referrer_relationship"] = contact.referrer_relationship
    if contact.parents_aware != YesNoUnknown.UNKNOWN:
        derived["parents_knowledge"] = (
            f"Parents aware: {contact.get_parents_aware_display()}. Consent: {contact.get_consent_status_display()}"
        )
    return derived


def _derived_family(others: list[ContactPerson]) -> dict[str, str]:
    """R-INT-3: who holds parental responsibility, the household, and any alleged perpetrator, from the people
    recorded on the contact."""
    derived: dict[str, str] = {}
    holders = [link.person.full_name for link in others if link.parental_responsibility]
    if holders:
        derived["parental_responsibility"] = "; ".join(holders)
    household = [link for link in others if link.role in (ContactPerson.Role.PARENT, ContactPerson.Role.HOUSEHOLD)]
    if household and all(link.person.date_of_birth for link in household):
        derived["household_members"] = "; ".join(
            f"{link.person.full_name}, {link.person.date_of_birth:%d/%m/%Y}" for link in household
        )
    perpetrators = [link for link in others if link.role == ContactPerson.Role.ALLEGED_PERPETRATOR]
    if perpetrators:
        derived["alleged_perpetrator"] = "; ".join(
            link.person.full_name + (f" ({link.relationship})" if link.relationship else "") for link in perpetrators
        )
    return derived


def checklist_status(contact: Contact) -> list[ChecklistLine]:
    """R-INT-3: the information checklist, showing which items are still missing."""
    links = contact.links()
    children = [link for link in links if link.role == ContactPerson.Role.SUBJECT]
    derived = _derived_checklist(contact, children)
    derived.update(_derived_family([link for link in links if link.role != ContactPerson.Role.SUBJECT]))
    lines = []
    for item in get_profile().checklist:
        value = (contact.checklist or {}).get(item.key, "") or derived.get(item.key, "")
        lines.append(ChecklistLine(item.key, item.label, value, not value.strip()))
    return lines


def household_questions(contact: Contact) -> list[tuple[str, str]]:
    """R-INT-4: each of the four questions, answered yes / no / not known."""
    return [
        (
            str(getattr(Contact._meta.get_field(f), "verbose_name", f)).capitalize(),
            getattr(contact, f"get_{f}_display")(),
        )
        for f in ("hh_domestic_abuse", "hh_mental_illness", "hh_substance_misuse", "hh_learning_difficulties")
    ]


def _re_referral_warnings(contact: Contact) -> list[str]:
    """A referral within 12 months of a previous one (see history.py for the exact definition)."""
    warnings = []
    earlier = contact_re_referrals(contact)
    referred = referred_children(contact) if earlier else set()
    for decision in earlier:
        day = timezone.localtime(decision.contact.received_at)
        when = (
            f"{decision.child.full_name} was referred on {day.day} {day:%B %Y}, less than 12 months before this contact"
        )
        if decision.child_id in referred:
            warnings.append(f"This is a re-referral: {when}.")
        else:
            warnings.append(f"{when}: if this becomes a referral it is a re-referral. Read the earlier contact first.")
    return warnings


def _young_parent_warnings(contact: Contact) -> list[str]:
    """R-INT-8 (002): a parent under 18 is offered an assessment in their own right, normally by a different
    social worker; the prompt stays until every young parent on the contact has been referred or has declined."""
    warnings = []
    young = [link for link in contact.links() if link.is_young_parent]
    settled = young and all(link.own_contact_id or link.own_assessment_declined_at for link in young)
    if contact.parent_under_18 and not settled:
        warnings.append("A parent is under 18: offer an assessment in their own right by a different worker.")
    origin = contact.young_parent_links.select_related("contact").first()
    if origin and contact.assigned_to_id and contact.assigned_to_id == origin.contact.assigned_to_id:
        warnings.append(
            f"This young parent's assessment is with the same worker as their child's contact "
            f"{origin.contact.reference}: it is normally done by a different social worker."
        )
    return warnings


def _domestic_abuse_warnings(contact: Contact) -> list[str]:
    """R-INT-5, R-POL-4: the DASH prompt and what the risk level leads to."""
    warnings = []
    if contact.dash_missing:
        text = "A referral from the police about domestic abuse has no DASH risk assessment: request it from them."
        if contact.dash_requested_at:
            text += f" Requested {timezone.localtime(contact.dash_requested_at):%-d %b %Y %H:%M}."
        warnings.append(text)
    da = da_guidance(contact)
    if da is not None:
        warnings.append(da.text)
    return warnings


def _policy_warnings(contact: Contact) -> list[str]:
    """R-POL-1..3: a repeat allegation, the parents' response, and who in the police is told."""
    guidance = policy_guidance(contact)
    if guidance is None:
        return []
    policy, warnings = guidance.policy, []
    if guidance.repeat:
        refs = ", ".join(c.reference for c in guidance.earlier)
        text = f"An earlier contact under the local policy “{policy.title}” is about the same child: {refs}."
        if policy.repeat_recommended_outcome:
            text += (
                " A second allegation brings children's social care involvement: recommended outcome "
                f"{guidance.outcome_label.lower()}, on the statutory record."
            )
        warnings.append(text)
    if policy.parents_response_required and not contact.parents_response.strip():
        warnings.append("The setting is to talk to the parents: record the parents' or carers' response.")
    if policy.notify_police and contact.police_notified_at is None:
        warnings.append(f"Share this with {guidance.police_contact_label.lower()} and record when.")
    return warnings


def _crime_warning(contact: Contact) -> list[str]:
    if not contact.suspected_crime or contact.police_notified_at:
        return []
    policy = get_profile().policy(contact.policy_key) if contact.policy_key else None
    if policy is not None and policy.notify_police is False:
        why = f": {policy.notify_police_reason}" if policy.notify_police_reason else ""
        return [f"Under the local policy “{policy.title}” the police are not informed{why}."]
    return ["A crime may have been committed: notify the police immediately and record the time."]  # R-DEC-6


def contact_warnings(contact: Contact) -> list[str]:
    """Prompts a duty worker must not miss, each traced to its rule."""
    warnings = _re_referral_warnings(contact) + _domestic_abuse_warnings(contact)
    if contact.acknowledgement_outstanding and contact.is_open:  # R-DEC-2
        warnings.append("The referrer has not been acknowledged yet: give them the reference.")
    if contact.written_follow_up_outstanding:  # R-INT-6
        warnings.append("The referrer's written follow-up has not arrived yet.")
    if contact.staff_related:  # R-INT-7
        warnings.append(
            "About a member of staff or their family: consult the head of service if it becomes a referral."
        )
    warnings += _young_parent_warnings(contact)
    warnings += _crime_warning(contact)
    warnings += _policy_warnings(contact)
    if not contact.consent_obtained and contact.is_open:
        review = f" by {contact.consent_review_date:%-d %B %Y}" if contact.consent_review_date else ""
        warnings.append(f"Consent has not been obtained: review the need for it{review}.")
    return warnings


@dataclass(frozen=True)
class ClockLine:
    key: str
    label: str
    due: datetime.datetime
    open: bool
    note: str


def clock_lines(contact: Contact) -> list[ClockLine]:
    """Every clock on the contact for its page: due times of the open ones, the met ones as done.
    The police notification (R-DEC-6, "immediately") is shown as the time taken since receipt."""
    now = timezone.now()
    lines = []
    for clock in contact_clocks(contact):
        note = "" if clock.open else "Done"
        if clock.key == "police":
            if contact.police_notified_at:
                taken = elapsed_words(contact.received_at, contact.police_notified_at)
                note = f"Notified {taken} after the contact was received"
                if contact.police_reference:
                    note += f", police reference {contact.police_reference}"
            else:
                note = f"Not yet notified: {elapsed_words(contact.received_at, now)} since the contact was received"
        lines.append(ClockLine(clock.key, clock.label, clock.due, clock.open and clock.key != "police", note))
    return lines
