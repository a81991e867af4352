"""Demo strategy meetings at their real times (R-STRAT-1): one to arrange, one held with minutes due, one
with its minutes overdue, one signed off with the decision on each child and the actions agreed."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import time_machine
from django.utils import timezone

from frontdoor.access.policy import can_authorise
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact, ReferrerKind, Status
from frontdoor.decisions.choices import STRATEGY_OUTCOMES
from frontdoor.strategy import services as ss
from frontdoor.strategy.models import StrategyMeeting

if TYPE_CHECKING:
    from .loader import Staff


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    """Run a service as if at `moment`, as the loader does."""
    with time_machine.travel(moment, tick=False):
        yield


CHRONOLOGY = (
    "2023: contact from the school about a bruise; advice given, no further action.\n"
    "2025: police attended a domestic incident at the address, standard risk."
)
ANALYSIS = "The child's account is consistent and specific. The father is the alleged perpetrator and lives at home."


def _candidates() -> list[Contact]:
    """Contacts decided for a strategy discussion: those still at the front door first, then those passed on
    or closed (the meeting follows the decision wherever the contact has gone), oldest decision first."""
    decided = Contact.objects.filter(
        decisions__is_current=True, decisions__outcome__in=STRATEGY_OUTCOMES, decided_at__isnull=False
    ).exclude(strategy_meetings__isnull=False)
    found = list(decided.distinct().order_by("decided_at", "id"))
    return sorted(found, key=lambda c: c.status != Status.DECIDED)


def _invite(meeting: StrategyMeeting, staff: "Staff", at: datetime.datetime, *, replies: bool) -> None:
    organiser = staff.roles["business_support"]
    police = staff.partners["police"]
    with _at(at):
        invited = [ss.strategy_partner_invite(meeting=meeting, by=organiser, agency="police", user=police)]
        if "health" in staff.partners:
            invited.append(
                ss.strategy_partner_invite(
                    meeting=meeting, by=organiser, agency="health", user=staff.partners["health"]
                )
            )
        if meeting.contact.referrer_kind == ReferrerKind.PROFESSIONAL:
            invited.append(ss.strategy_partner_invite(meeting=meeting, by=organiser, agency="referrer"))
        else:
            ss.strategy_referrer_not_invited(
                meeting=meeting, by=organiser, reason="The referrer is a member of the family, not a professional."
            )
    if replies:
        with _at(at + datetime.timedelta(minutes=15)):
            for number, invitee in enumerate(invited):
                reply = "declined" if number == 2 else "accepted"
                ss.strategy_reply_record(invitee=invitee, by=organiser, reply=reply, at=timezone.now())


def _since(contact: Contact) -> datetime.datetime:
    """After everything already on the contact's history, so that it reads in order."""
    events = AuditEvent.objects.filter(object_type="contacts.contact", object_id=str(contact.pk))
    latest = events.order_by("-at").values_list("at", flat=True).first()
    return max(t for t in (contact.decided_at, latest, contact.received_at) if t is not None)


def _meeting(
    contact: Contact, staff: "Staff", start: datetime.datetime, meeting_at: datetime.datetime
) -> StrategyMeeting:
    manager = contact.decided_by if contact.decided_by and can_authorise(contact.decided_by) else None
    manager = manager or staff.roles["team_manager"]
    worker = staff.roles["duty_social_worker"]
    room = (timezone.now() - start) / 3  # a decision made minutes ago: allocated and requested since, in order
    with _at(start + min(datetime.timedelta(minutes=10), room)):
        meeting = ss.strategy_worker_allocate(contact=contact, manager=manager, social_worker=worker)
    with _at(start + min(datetime.timedelta(minutes=25), 2 * room)):
        return ss.strategy_request_record(
            meeting=meeting, by=worker, meeting_at=meeting_at, chronology=CHRONOLOGY, initial_analysis=ANALYSIS
        )


def _signed_off(meeting: StrategyMeeting, staff: "Staff", held_at: datetime.datetime) -> None:
    organiser, chair = staff.roles["business_support"], meeting.chair
    with _at(held_at + datetime.timedelta(hours=2)):
        ss.strategy_minutes_record(
            meeting=meeting,
            by=organiser,
            minutes="Police, health and the social worker attended. Police share two earlier incidents at the address. "
            "Agreed: section 47 enquiry, joint visit with the police today.",
        )
        for child in ss.strategy_children(meeting.contact):
            ss.strategy_child_outcome_record(
                meeting=meeting,
                manager=chair,
                child=child,
                section_47=True,
                reasons="Reasonable cause to suspect significant harm: a consistent account of being hit.",
            )
        ss.strategy_action_add(
            meeting=meeting,
            by=organiser,
            what="Joint visit with the police and see the child",
            owner=f"{meeting.social_worker.display_name} and the police",
            due_on=timezone.localdate(),
        )
    with _at(held_at + datetime.timedelta(hours=5)):
        ss.strategy_minutes_sign_off(meeting=meeting, manager=chair)


def load_strategy_meetings(staff: "Staff") -> int:
    """Meetings on the contacts decided for a strategy discussion, the oldest decision the furthest on: held
    two hours after the decision (or just now), minuted and signed off where there has been time, for up to
    three decided an hour ago or more; one still to arrange, for later today: the first candidate left over
    (however recent its decision), else the last of those held when there are two or more."""
    now = timezone.now()
    candidates = [(c, _since(c)) for c in _candidates()]
    held = [(c, start) for c, start in candidates if now - start >= datetime.timedelta(hours=1)][:3]
    left = [(c, start) for c, start in candidates if (c, start) not in held and start < now]
    to_arrange = left[:1] or (held[-1:] if len(held) > 1 else [])
    held = [chosen for chosen in held if chosen not in to_arrange]
    for number, (contact, start) in enumerate(held):
        held_at = min(start + datetime.timedelta(hours=2), now - datetime.timedelta(minutes=5))
        meeting = _meeting(contact, staff, start, held_at)
        _invite(meeting, staff, start + datetime.timedelta(minutes=35), replies=number != 2)
        if number == 0 and held_at + datetime.timedelta(hours=5) <= now:
            _signed_off(meeting, staff, held_at)
    for contact, start in to_arrange:  # nobody invited yet
        _meeting(contact, staff, start, now + datetime.timedelta(hours=3))
    return len(held) + len(to_arrange)
