"""Keeping a contact's clocks current: every clock that runs on it, and the earliest still open
(R-DEC-2, R-DEC-3, R-DEC-6, R-INT-5, R-INT-6, R-ROUTE-3, R-TIME-1)."""

import datetime
from dataclasses import dataclass

from frontdoor.procedures.calendar import calendar_for
from frontdoor.procedures.deadlines import due_at, handover_time, is_urgent
from frontdoor.procedures.loader import get_profile
from frontdoor.procedures.schema import Profile

from .models import OPEN_STATUSES, Contact, Status

UNDECIDED = (Status.RECEIVED, Status.SCREENING, Status.AWAITING_DECISION)


@dataclass(frozen=True)
class Clock:
    key: str
    label: str
    due: datetime.datetime
    open: bool


def current_rating(contact: Contact) -> str:
    return contact.rating or contact.initial_rating


def _decision_clocks(contact: Contact, profile: Profile) -> list[Clock]:
    """The decision on the level of response and, where the profile has one (004), the decision on
    a referral's disposal. A decision reopened for review runs both again from the reopening."""
    start = contact.review_opened_at or contact.received_at
    undecided = contact.status in UNDECIDED
    if profile.disposal_deadline is None:
        return [Clock("decision", "Threshold decision", due_at(start, profile.decision_deadline, profile), undecided)]
    # The level of response is decided once the contact is sent for a manager's decision.
    responded = contact.status not in (Status.RECEIVED, Status.SCREENING)
    return [
        Clock(
            "decision",
            "Decision on the level of response",
            due_at(start, profile.decision_deadline, profile),
            not responded,
        ),
        Clock("disposal", "Decision on the disposal", due_at(start, profile.disposal_deadline, profile), undecided),
    ]


def _referrer_clocks(contact: Contact, profile: Profile) -> list[Clock]:
    clocks = []
    if contact.acknowledgement_due_at and contact.referrer_kind != "anonymous":
        clocks.append(
            Clock(
                "acknowledgement",
                "Acknowledgement to the referrer",
                contact.acknowledgement_due_at,
                contact.acknowledged_at is None,
            )
        )
    if contact.written_follow_up_required and profile.written_follow_up_deadline:
        clocks.append(
            Clock(
                "written_follow_up",
                "Written follow-up from the referrer",
                due_at(contact.received_at, profile.written_follow_up_deadline, profile),
                contact.written_follow_up_received_at is None,
            )
        )
    if contact.dash_missing and profile.dash_request_deadline:
        clocks.append(
            Clock(
                "dash",
                "Request for the missing DASH",
                due_at(contact.received_at, profile.dash_request_deadline, profile),
                contact.dash_requested_at is None,
            )
        )
    if contact.suspected_crime:
        # R-DEC-6 "immediately": due on receipt; shown as the time taken.
        clocks.append(
            Clock(
                "police",
                "Police notified of a suspected crime",
                contact.received_at,
                contact.police_notified_at is None,
            )
        )
    return clocks


def contact_clocks(contact: Contact, profile: Profile | None = None) -> list[Clock]:
    """Every clock on the contact, met or open. Nothing is open once the contact is closed."""
    profile = profile or get_profile()
    clocks = _decision_clocks(contact, profile)
    if contact.action_due_at:
        clocks.append(Clock("action", "Action for the rating", contact.action_due_at, True))
    clocks += _referrer_clocks(contact, profile)
    if contact.pk:
        clocks += [
            Clock("agency_check", f"{check.agency_name} check", check.due_at, check.responded_at is None)
            for check in contact.agency_checks.all()
        ]
    if contact.status not in OPEN_STATUSES:
        return [Clock(c.key, c.label, c.due, False) for c in clocks]
    return clocks


def _out_of_hours_at(contact: Contact, profile: Profile) -> datetime.datetime | None:
    rating = current_rating(contact)
    if contact.status not in UNDECIDED or not rating or not is_urgent(profile, rating):
        return None
    known = max(t for t in (contact.received_at, contact.initial_rated_at, contact.review_opened_at) if t)
    return handover_time(profile, rating, contact.received_at, known)


def _out_of_hours_pending(contact: Contact) -> datetime.datetime | None:
    """The time to pass out of hours while the contact has not passed for it: a handover at or after that
    time settles it (re-rated urgent later, the time moves on and it is pending again)."""
    if contact.out_of_hours_at is None:
        return None
    if contact.pk and contact.handovers.filter(handed_over_at__gte=contact.out_of_hours_at).exists():
        return None
    return contact.out_of_hours_at


def refresh_deadlines(contact: Contact) -> None:
    """Recompute every clock, keep the agency checks in step with the rating, and store the earliest
    open clock in `due_at` (with its name in `due_reason`) for the queues and the overdue count.

    Clocks run from receipt: 002 counts Amber/Red "of the referral being received", and the decision
    on the level of response is due within 24 hours / 1 working day of the contact.
    """
    profile = get_profile()
    start = contact.review_opened_at or contact.received_at
    contact.decision_due_at = due_at(start, profile.decision_deadline, profile)
    contact.disposal_due_at = due_at(start, profile.disposal_deadline, profile) if profile.disposal_deadline else None
    contact.acknowledgement_due_at = due_at(contact.received_at, profile.acknowledgement_deadline, profile)
    rating = profile.rating(current_rating(contact)) if current_rating(contact) else None
    contact.action_due_at = (
        due_at(contact.received_at, rating.action_within, profile) if rating and rating.action_within else None
    )
    if contact.pk:
        # R-ROUTE-3: partners answer "in accordance with the timescale / BRAG rating of the case" (002).
        contact.agency_checks.filter(responded_at__isnull=True).update(
            due_at=contact.action_due_at or contact.disposal_due_at or contact.decision_due_at
        )
    open_clocks = sorted((c for c in contact_clocks(contact, profile) if c.open), key=lambda c: c.due)
    contact.due_at = open_clocks[0].due if open_clocks else None
    contact.due_reason = open_clocks[0].label if open_clocks else ""
    contact.out_of_hours_at = _out_of_hours_at(contact, profile)
    contact.out_of_hours_pending_at = _out_of_hours_pending(contact)


def office_open(moment: datetime.datetime) -> bool:
    return calendar_for(get_profile()).is_open(moment)
