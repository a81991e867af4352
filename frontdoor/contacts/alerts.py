"""Alerts for a manager and the out-of-hours handover (002: safeguarding concerns are discussed
"immediately with the Team Manager"; R-TIME-1: urgent work passes to the out-of-hours team)."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from frontdoor.access.permissions import NothingToDo, service
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import ServiceError
from frontdoor.procedures.loader import get_profile

from .deadlines import current_rating, office_open, refresh_deadlines
from .models import UNDECIDED_STATUSES, Contact, ContactPerson, OutOfHoursHandover


def rating_raise_alert(contact: Contact, previous: str, new: str, by: User) -> None:
    """Raise an alert on the contact (the caller saves it) when `new` is a safeguarding rating more
    urgent than `previous`: ratings are listed from the least to the most urgent."""
    profile = get_profile()
    keys = [r.key for r in profile.ratings]
    rating = profile.rating(new)
    if not rating.safeguarding or (previous and keys.index(new) <= keys.index(previous)):
        return
    contact.alert_raised_at = timezone.now()
    contact.alert_reason = f"Rated {rating.label} by {by.display_name}: {rating.description}. Discuss it now."
    contact.alert_acknowledged_at, contact.alert_acknowledged_by = None, None


@service
@transaction.atomic
def contact_alert_acknowledge(*, contact: Contact, manager: User) -> Contact:
    """A manager has seen the alert (and what happened out of hours) and taken the contact in hand."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if not contact.alert_open:
        raise ServiceError("There is no alert on this contact waiting for a manager.")
    contact.alert_acknowledged_at, contact.alert_acknowledged_by = timezone.now(), manager
    contact.updated_by = manager
    contact.full_clean()
    contact.save()
    audit_record(
        actor=manager,
        action=AuditAction.CONTACT_ALERT_ACKNOWLEDGED,
        obj=contact,
        detail={"reason": contact.alert_reason},
    )
    return contact


def _what_was_passed(contact: Contact) -> str:
    profile = get_profile()
    rating = profile.rating(current_rating(contact))
    children = ", ".join(
        link.person.full_name
        for link in contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    )
    due = timezone.localtime(contact.action_due_at).strftime("%a %-d %b %Y, %H:%M") if contact.action_due_at else "—"
    return (
        f"{contact.reference}, rated {rating.label} ({rating.description}), received "
        f"{timezone.localtime(contact.received_at):%a %-d %b %Y, %H:%M}, action due {due}. "
        f"Children: {children or 'none recorded'}. Reason for contact: {contact.reason}"
    )


@service
@transaction.atomic
def out_of_hours_handover(
    *, contact: Contact, now: datetime.datetime, by: User | None = None
) -> OutOfHoursHandover | None:
    """Pass an urgent, undecided contact to the profile's out-of-hours team and put it at the top of
    the managers' queue. Nothing happens if it is no longer due to pass (decided, re-rated, passed).

    Pages opened at the same moment sweep at the same moment: the row is locked and checked again here,
    so a contact another request has just handed over is left alone."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    refresh_deadlines(contact)
    team = get_profile().out_of_hours
    if team is None or not _due_to_pass(contact, now):
        raise NothingToDo
    handover = OutOfHoursHandover(
        contact=contact, team=team.team, handed_over_at=now, handed_over_by=by, passed=_what_was_passed(contact)
    )
    handover.full_clean()
    handover.save()
    contact.out_of_hours_pending_at = None  # passed for this time: the sweep reads it no more
    contact.alert_raised_at = now
    contact.alert_reason = f"Passed to the {team.team} out of hours, at {timezone.localtime(now):%a %-d %b, %H:%M}."
    contact.alert_acknowledged_at, contact.alert_acknowledged_by = None, None
    contact.full_clean()
    contact.save()
    audit_record(actor=by, action=AuditAction.CONTACT_HANDED_OUT_OF_HOURS, obj=contact, detail={"team": team.team})
    return handover


def _due_to_pass(contact: Contact, now: datetime.datetime) -> bool:
    """The contact (locked, its deadlines refreshed) is due to pass out of hours and has not passed yet."""
    return not (
        contact.out_of_hours_at is None
        or contact.out_of_hours_at > now
        or office_open(now)
        or contact.handovers.filter(handed_over_at__gte=contact.out_of_hours_at).exists()
    )


def contacts_due_out_of_hours(now: datetime.datetime):  # noqa: ANN201 - a QuerySet of Contact
    """The undecided contacts whose time to pass out of hours has come and that have not passed for it, read
    from the partial index `contact_ooh_pending` alone: a contact already handed over holds no pending time,
    so the sweep on every page opened out of hours reads only what is still to pass, never what has passed
    (`out_of_hours_handover` checks each again, locked, against its handovers)."""
    return Contact.objects.filter(
        status__among=UNDECIDED_STATUSES, out_of_hours_pending_at__isnull=False, out_of_hours_pending_at__lte=now
    )


# A page opened out of hours hands over at most this many contacts (the longest waiting first), and the
# worker this many a pass: a backlog (the first evening after contacts are brought in, a scheduler that
# stopped) is cleared in steps, never in one request that runs for minutes while a duty worker waits.
PAGE_SWEEP = 10
WORKER_SWEEP = 200


def out_of_hours_sweep(
    *, now: datetime.datetime | None = None, limit: int | None = None, reference: str | None = None
) -> list[OutOfHoursHandover]:
    """Hand over the contacts now due to pass out of hours, the longest waiting first: every one, or the
    first `limit`. Run by `frontdoor deadlines sweep` (from a scheduler), by the worker on each pass, and
    whenever a queue or contact page is opened, so nobody has to remember. `reference`: the contact whose
    page is being opened, handed over first if it is due, whatever the limit."""
    now = now or timezone.now()
    if office_open(now) or get_profile().out_of_hours is None:
        return []
    due = contacts_due_out_of_hours(now).order_by(F("out_of_hours_pending_at").asc(), "pk")
    chosen = list(due[:limit] if limit is not None else due)
    if reference is not None and all(contact.reference != reference for contact in chosen):
        chosen = [*due.filter(reference=reference), *chosen]
    done = []
    for contact in chosen:
        handover = out_of_hours_handover(contact=contact, now=now)
        if handover is not None:
            done.append(handover)
    return done


@service
@transaction.atomic
def out_of_hours_outcome_record(*, contact: Contact, by: User, outcome: str) -> OutOfHoursHandover:
    """What the out-of-hours team did overnight, recorded for the office when it opens."""
    if not outcome.strip():
        raise ServiceError("Enter what the out-of-hours team did.", field="outcome")
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    handover = contact.handovers.order_by("-handed_over_at").first()
    if handover is None:
        raise ServiceError("This contact has not been passed to the out-of-hours team.")
    handover.outcome, handover.outcome_recorded_at, handover.outcome_recorded_by = outcome, timezone.now(), by
    handover.full_clean()
    handover.save()
    audit_record(actor=by, action=AuditAction.CONTACT_OUT_OF_HOURS_OUTCOME, obj=contact, detail={"team": handover.team})
    return handover
