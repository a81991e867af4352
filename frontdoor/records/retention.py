"""The retention review list: records past the profile's retention period (`[retention]`), for the
information governance officer to keep longer or mark for deletion by the case system.

Each kind of record has its own period: a contact that went no further, from its closing; a referral
and its strategy meetings, until the youngest child on it reaches the profile's age (from the date of
birth, the expected date of delivery, or the day received when neither is known); a professional
consultation, from when it was taken; the audit log, month by month. A record is listed once its
period has ended, unless its latest review keeps it to a date still to come or marks it for deletion
(those are listed apart, for the case system). Front Door never deletes anything.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.decisions.choices import REFERRAL_OUTCOMES
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.procedures.loader import get_profile
from frontdoor.registers.models import Consultation
from frontdoor.strategy.models import StrategyMeeting

from .models import Decision, RecordKind, RetentionReview

CHILD_AGE_AT_CONTACT = 18  # a child on a contact is younger than this when it is received


@dataclass(frozen=True)
class RetentionItem:
    kind: str
    object_id: str
    title: str
    what: str
    due_on: datetime.date
    review: RetentionReview | None = None

    @property
    def kind_label(self) -> str:
        return RecordKind(self.kind).label


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    return _years_after(day, -years)


def _became_referral() -> Q:
    referral = ThresholdDecision.objects.filter(contact=OuterRef("pk"), is_current=True, outcome__in=REFERRAL_OUTCOMES)
    return Q(Exists(referral)) | Q(progressed_to_referral_at__isnull=False)


def _day_after(day: datetime.date) -> datetime.datetime:
    """The start of the local day after `day`: "on or before `day`" as a range the indexes can read (a
    `__date` lookup is a function of every row's time)."""
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), timezone.get_current_timezone())


def _youngest_until(contact: Contact, age: int) -> datetime.date:
    """The day the youngest child on the contact reaches `age`."""
    received = timezone.localtime(contact.received_at).date()
    days = []
    for link in contact.people.all():
        if link.role != ContactPerson.Role.SUBJECT:
            continue
        born = link.person.date_of_birth or link.person.expected_delivery_date or received
        days.append(_years_after(born, age))
    return max(days) if days else _years_after(received, age)


def _subjects(lookup: str = "people") -> Prefetch:
    return Prefetch(
        lookup, queryset=ContactPerson.objects.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    )


def _contacts(today: datetime.date) -> Iterator[RetentionItem]:
    years = get_profile().retention.contact_years
    closed_before = _years_before(today, years)
    contacts = Contact.objects.filter(closed_at__lt=_day_after(closed_before)).exclude(_became_referral())
    for contact in contacts.only("pk", "reference", "closed_at", "received_at"):
        closed = timezone.localtime(contact.closed_at).date() if contact.closed_at else today
        yield RetentionItem(
            RecordKind.CONTACT,
            str(contact.pk),
            f"Contact {contact.reference}",
            f"Received {timezone.localtime(contact.received_at):%-d %B %Y}, closed {closed:%-d %B %Y}",
            _years_after(closed, years),
        )


def _referrals(today: datetime.date) -> Iterator[RetentionItem]:
    age = get_profile().retention.referral_until_age
    # A child is under 18 when the contact is received, so none can reach `age` before this.
    received_before = _years_before(today, age - CHILD_AGE_AT_CONTACT)
    contacts = Contact.objects.filter(_became_referral(), received_at__lt=_day_after(received_before))
    for contact in contacts.prefetch_related(_subjects()):
        due = _youngest_until(contact, age)
        if due <= today:
            yield RetentionItem(
                RecordKind.REFERRAL,
                str(contact.pk),
                f"Referral {contact.reference}",
                f"Received {timezone.localtime(contact.received_at):%-d %B %Y}; the youngest child is {age} or over",
                due,
            )


def _meetings(today: datetime.date) -> Iterator[RetentionItem]:
    age = get_profile().retention.strategy_meeting_until_age
    received_before = _years_before(today, age - CHILD_AGE_AT_CONTACT)
    meetings = StrategyMeeting.objects.filter(contact__received_at__lt=_day_after(received_before))
    meetings = meetings.select_related("contact")
    for meeting in meetings.prefetch_related(_subjects("contact__people")):
        due = _youngest_until(meeting.contact, age)
        if due <= today:
            held = meeting.meeting_at or meeting.allocated_at
            yield RetentionItem(
                RecordKind.STRATEGY_MEETING,
                str(meeting.pk),
                f"Strategy meeting on {meeting.contact.reference}",
                f"Held {timezone.localtime(held):%-d %B %Y}; the youngest child is now {age} or over",
                due,
            )


def _consultations(today: datetime.date) -> Iterator[RetentionItem]:
    years = get_profile().retention.consultation_years
    taken_before = _years_before(today, years)
    for consultation in Consultation.objects.filter(consulted_at__lt=_day_after(taken_before)):
        taken = timezone.localtime(consultation.consulted_at).date()
        yield RetentionItem(
            RecordKind.CONSULTATION,
            str(consultation.pk),
            f"Consultation from {consultation.agency}",
            f"Taken {taken:%-d %B %Y}",
            _years_after(taken, years),
        )


def _audit_months(today: datetime.date) -> Iterator[RetentionItem]:
    years = get_profile().retention.audit_event_years
    first_kept = _years_before(today, years).replace(day=1)
    months = (
        AuditEvent.objects.filter(at__lt=_day_after(first_kept - datetime.timedelta(days=1)))
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(events=Count("id"))
        .order_by("month")
    )
    for row in months:
        month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
        next_month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        yield RetentionItem(
            RecordKind.AUDIT_MONTH,
            f"{month:%Y-%m}",
            f"Audit events of {month:%B %Y}",
            f"{row['events']:,} event{'' if row['events'] == 1 else 's'}",
            _years_after(next_month, years),
        )


SOURCES = {
    RecordKind.CONTACT: _contacts,
    RecordKind.REFERRAL: _referrals,
    RecordKind.CONSULTATION: _consultations,
    RecordKind.STRATEGY_MEETING: _meetings,
    RecordKind.AUDIT_MONTH: _audit_months,
}


def _latest_reviews() -> dict[tuple[str, str], RetentionReview]:
    latest: dict[tuple[str, str], RetentionReview] = {}
    for review in RetentionReview.objects.select_related("reviewed_by").order_by("reviewed_at", "id"):
        latest[(review.kind, review.object_id)] = review
    return latest


def retention_list(today: datetime.date | None = None) -> dict[str, list[RetentionItem]]:
    """Records past their period, newest-due first: `due` to review; `marked` for deletion by the case system."""
    today = today or timezone.localdate()
    reviews = _latest_reviews()
    due: list[RetentionItem] = []
    marked: list[RetentionItem] = []
    for source in SOURCES.values():
        for item in source(today):
            review = reviews.get((item.kind, item.object_id))
            listed = RetentionItem(item.kind, item.object_id, item.title, item.what, item.due_on, review)
            if review is None:
                due.append(listed)
            elif review.decision == Decision.DELETE:
                marked.append(listed)
            elif review.keep_until is not None and review.keep_until <= today:
                due.append(listed)
    due.sort(key=lambda i: (i.due_on, i.kind, i.object_id), reverse=True)
    marked.sort(key=lambda i: (i.due_on, i.kind, i.object_id), reverse=True)
    return {"due": due, "marked": marked}


def retention_item(kind: str, object_id: str, today: datetime.date | None = None) -> RetentionItem | None:
    """One record past its period, or None (not such a record, or not yet due)."""
    if kind not in SOURCES:
        return None
    today = today or timezone.localdate()
    for item in SOURCES[RecordKind(kind)](today):
        if item.object_id == object_id:
            return item
    return None
