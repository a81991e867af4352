"""A child's history at the front door: earlier contacts and decisions (a chronology), and re-referrals.

A re-referral (a national indicator, reported in the children in need census): a contact about a
child who had a previous referral — a current threshold decision for that child with a referral
outcome (an assessment, a strategy discussion or immediate protection) — on a contact received in
the 12 calendar months before this contact's `received_at`. A decision later replaced on review
counts only through the decision that replaced it.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from frontdoor.access.policy import contact_visible, hidden_people
from frontdoor.accounts.models import User
from frontdoor.decisions.choices import REFERRAL_OUTCOMES
from frontdoor.decisions.models import ThresholdDecision

from .models import Contact, ContactPerson

RE_REFERRAL_MONTHS = 12
CHRONOLOGY_LIMIT = 50


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same local day and time `months` calendar months earlier (31 May less 3 months is 28 or 29 February)."""
    local = timezone.localtime(moment)
    year, month0 = divmod(local.year * 12 + local.month - 1 - months, 12)
    day = min(local.day, calendar.monthrange(year, month0 + 1)[1])
    return local.replace(year=year, month=month0 + 1, day=day)


def _subject_ids(contact: Contact) -> list[int]:
    return [link.person_id for link in contact.links() if link.role == ContactPerson.Role.SUBJECT]


def previous_referrals(
    *, person_ids: list[int], before: datetime.datetime, exclude_contact_id: int | None = None
) -> QuerySet[ThresholdDecision]:
    """The referrals about these children on contacts received in the 12 months before `before`."""
    decisions = ThresholdDecision.objects.filter(
        is_current=True,
        opened=True,
        outcome__in=REFERRAL_OUTCOMES,
        child_id__in=person_ids,
        contact__received_at__gte=months_before(before, RE_REFERRAL_MONTHS),
        contact__received_at__lt=before,
    )
    if exclude_contact_id is not None:
        decisions = decisions.exclude(contact_id=exclude_contact_id)
    return decisions.select_related("contact", "child").order_by("-contact__received_at", "child_id")


def contact_re_referrals(contact: Contact) -> list[ThresholdDecision]:
    """The earlier referrals that make this contact a re-referral (empty when it is not one)."""
    return list(
        previous_referrals(person_ids=_subject_ids(contact), before=contact.received_at, exclude_contact_id=contact.pk)
    )


def referred_children(contact: Contact) -> set[int]:
    """The children this contact is a referral about (its current decisions with a referral outcome)."""
    return set(
        contact.decisions.filter(is_current=True, opened=True, outcome__in=REFERRAL_OUTCOMES).values_list(
            "child_id", flat=True
        )
    )


@dataclass(frozen=True)
class ChronologyEntry:
    link: ContactPerson
    decisions: tuple[ThresholdDecision, ...]
    hidden: bool = False  # R-ACC-2: a record the user may not open is shown only as "Restricted record"

    @property
    def contact(self) -> Contact:
        return self.link.contact


def child_chronology(*, user: User, contact: Contact) -> list[ChronologyEntry]:
    """Earlier contacts about the children on `contact` that `user` may see, newest first, each with
    the decision made for that child; a child named on an earlier contact in another role counts too."""
    ids = _subject_ids(contact)
    links = list(
        ContactPerson.objects.filter(
            contact_visible(user),
            person_id__in=ids,
            contact__received_at__lt=contact.received_at,
        )
        .exclude(contact_id=contact.pk)
        .select_related("contact", "person")
        .order_by("-contact__received_at", "person_id")[:CHRONOLOGY_LIMIT]
    )
    decisions: dict[tuple[int, int], list[ThresholdDecision]] = {}
    for decision in ThresholdDecision.objects.filter(
        is_current=True, contact_id__in={link.contact_id for link in links}, child_id__in=ids
    ).select_related("authorised_by"):
        decisions.setdefault((decision.contact_id, decision.child_id), []).append(decision)
    hidden = hidden_people(user, [link.person_id for link in links if link.person.restricted])
    return [
        ChronologyEntry(link, tuple(decisions.get((link.contact_id, link.person_id), ())), link.person_id in hidden)
        for link in links
    ]
