"""Keeping a contact's deadlines current (R-DEC-2, R-DEC-3, R-TIME-1)."""

from frontdoor.procedures.deadlines import due_at
from frontdoor.procedures.loader import get_profile

from .models import Contact, Status


def refresh_deadlines(contact: Contact) -> None:
    """Recompute the decision and action deadlines and the earliest one still open.

    Deadlines run from receipt: 002 counts Amber/Red "of the referral being received", and the
    decision on the level of response is due within 1 working day of the contact.
    """
    profile = get_profile()
    contact.decision_due_at = due_at(contact.received_at, profile.decision_deadline)
    contact.acknowledgement_due_at = due_at(contact.received_at, profile.acknowledgement_deadline)
    rating = (
        profile.rating(contact.rating or contact.initial_rating) if (contact.rating or contact.initial_rating) else None
    )
    contact.action_due_at = (
        due_at(contact.received_at, rating.action_within) if rating and rating.action_within else None
    )
    if contact.status in (Status.RECEIVED, Status.SCREENING, Status.AWAITING_DECISION):
        candidates = [contact.decision_due_at, contact.action_due_at]
    elif contact.status == Status.DECIDED:
        candidates = [contact.action_due_at or contact.decision_due_at]
    else:
        candidates = []
    open_deadlines = [d for d in candidates if d is not None]
    contact.due_at = min(open_deadlines) if open_deadlines else None
