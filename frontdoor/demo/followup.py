"""Demo work after the decision (R-FB-1..3, R-ESC-1): outcomes told to referrers by email (waiting in the
outbox) and by phone, the family told, each child decided for assessment seen (R-FB-3), outcomes still due and
overdue, and a challenge at its second step."""

import datetime
import re

import time_machine
from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact, ReferrerKind, Status
from frontdoor.followup.models import Challenge
from frontdoor.followup.selectors import children_to_see, family_told_outstanding, outcome_feedback_outstanding
from frontdoor.followup.services import (
    challenge_raise,
    challenge_step_record,
    child_seen_record,
    family_told_record,
    feedback_give,
)
from frontdoor.followup.texts import family_text, outcome_text
from frontdoor.procedures.loader import get_profile

MAX_TOLD = 60  # closed contacts whose referrer the demo tells the outcome


def _address(contact: Contact) -> str:
    """A demo address in one of the profile's secure domains, so the email can be delivered (R-CON-7)."""
    local = re.sub(r"[^a-z]+", ".", contact.referrer_name.lower()).strip(".") or "referrer"
    return f"{local}@{get_profile().secure_mail_domains[0]}"


def _when(contact: Contact, minutes: int, now: datetime.datetime) -> datetime.datetime:
    """A moment `minutes` after the last thing that happened on the contact, so its history stays in order,
    and never in the future."""
    last = (
        AuditEvent.objects.filter(object_type="contacts.contact", object_id=str(contact.pk))
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    base = max(t for t in (last, contact.decided_at, contact.closed_at, contact.received_at) if t is not None)
    return max(base, min(base + datetime.timedelta(minutes=minutes), now))


def _tell(contact: Contact, worker: User, now: datetime.datetime, *, email: bool) -> None:
    with time_machine.travel(_when(contact, 40, now), tick=False):
        method, address = ("email", _address(contact)) if email else ("phone", contact.referrer_phone)
        who = ", ".join(p for p in (contact.referrer_name, contact.referrer_role, contact.referrer_agency) if p)
        feedback_give(
            contact=contact,
            by=worker,
            kind="outcome",
            method=method,
            address=address,
            to_whom=who,
            text=outcome_text(contact),
            advice="Speak to the family about the support the school can offer, and call us again if you are worried.",
        )
    with time_machine.travel(_when(contact, 90, now), tick=False):
        family_told_record(
            contact=contact,
            by=worker,
            told=True,
            who="The mother and the child",
            told_at=timezone.now() - datetime.timedelta(minutes=10),
            method="phone",
            what=family_text(contact),
        )
    for owed in children_to_see(contact):  # R-FB-3: seen as soon as possible by the team that assesses
        with time_machine.travel(_when(contact, 240, now), tick=False):
            child_seen_record(
                contact=contact,
                by=worker,
                child_id=owed.child_id,
                seen_by="Sam Field, social worker in the assessing team",
                seen_at=timezone.now() - datetime.timedelta(minutes=30),
                notes="Seen at home with the mother.",
            )


def load_followup(now: datetime.datetime | None = None) -> None:
    """Closed contacts with a professional referrer: the outcome told (by email, waiting in the outbox, and by
    phone) and the family told, except the oldest, left overdue. Decided contacts are left due; one is
    challenged and escalated to the team manager. Runs once: a second load finds the challenge and stops."""
    if Challenge.objects.exists():
        return
    now = now or timezone.now()
    worker = User.objects.get(username=Role.DUTY_SOCIAL_WORKER)
    professional = Contact.objects.filter(referrer_kind=ReferrerKind.PROFESSIONAL, decided_at__isnull=False)
    closed = [
        c
        for c in professional.filter(status=Status.CLOSED).order_by("decided_at", "pk")[:MAX_TOLD]
        if outcome_feedback_outstanding(c) and family_told_outstanding(c)
    ]
    for index, contact in enumerate(closed[1:]):
        _tell(contact, worker, now, email=index % 2 == 0)
    challenged = professional.filter(status=Status.DECIDED).order_by("decided_at", "pk").first()
    challenged = challenged or (closed[0] if closed else None)
    if challenged is not None:
        _challenge(challenged, worker, now)


def _challenge(contact: Contact, worker: User, now: datetime.datetime) -> None:
    with time_machine.travel(_when(contact, 120, now), tick=False):
        challenge = challenge_raise(
            contact=contact,
            by=worker,
            raised_by=", ".join(p for p in (contact.referrer_name, contact.referrer_agency) if p),
            disagreement="Thinks the concerns meet the threshold for a child protection enquiry, not an assessment.",
        )
    with time_machine.travel(_when(contact, 180, now), tick=False):
        challenge_step_record(
            challenge=challenge,
            by=worker,
            handled_by=worker.display_name,
            outcome="escalated",
            reasons="Talked it through with the referrer; they still disagree and asked for the team manager.",
        )
