"""Writes for strategy meetings (R-STRAT-1, 002 s6). Each service locks the meeting it changes and
writes one audit event on the meeting's contact, so the contact's history tells the whole story."""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Case, QuerySet, Value, When
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.accounts.models import Role, User
from frontdoor.accounts.roles import user_roles
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact, ContactPerson, ReferrerKind
from frontdoor.core.errors import ServiceError, required_text
from frontdoor.decisions.choices import STRATEGY_OUTCOMES
from frontdoor.documents.models import ContactDocument
from frontdoor.outbox.services import outbox_enqueue
from frontdoor.people.models import Person
from frontdoor.procedures.deadlines import due_at
from frontdoor.procedures.loader import get_profile

from .models import ChildOutcome, Invitee, MeetingAction, Reply, StrategyMeeting

# Who may be allocated to a strategy meeting: 002 s6 "the Team Manager will allocate the case to a Social Worker".
SOCIAL_WORKER_ROLES = frozenset({Role.DUTY_SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER})
POLICE = "police"


def invitee_agencies() -> list[tuple[str, str]]:
    """Whom a meeting can invite: the profile's partner agencies, the professional referrer, or another."""
    agencies = [(a.key, a.name) for a in get_profile().check_agencies]
    return [*agencies, (Invitee.REFERRER, "The professional who made the referral"), (Invitee.OTHER, "Someone else")]


def known_partners() -> QuerySet[User]:
    """The partner users Front Door knows (those who answer their agency's checks), by agency in the profile's
    order (as the agencies are offered) then by name: business support may invite one instead of typing a
    name and email."""
    agencies = [a.key for a in get_profile().check_agencies]
    order = Case(*(When(agency=key, then=Value(i)) for i, key in enumerate(agencies)), default=Value(len(agencies)))
    return (
        User.objects.filter(is_active=True, groups__name=Role.MASH_PARTNER)
        .exclude(agency="")
        .distinct()
        .order_by(order, "last_name", "first_name", "username")
    )


def _lock(meeting: StrategyMeeting) -> StrategyMeeting:
    return StrategyMeeting.objects.select_for_update().select_related("contact").get(pk=meeting.pk)


def _save(meeting: StrategyMeeting, by: User) -> None:
    meeting.updated_by = by
    meeting.full_clean()
    meeting.save()


def _record(meeting: StrategyMeeting, by: User, action: AuditAction, **detail: object) -> None:
    audit_record(actor=by, action=action, obj=meeting.contact, detail={"strategy_meeting": meeting.pk, **detail})


def _not_held(meeting: StrategyMeeting) -> None:
    if meeting.minutes_recorded_at:
        raise ServiceError("The meeting has been held and minuted: this can no longer change.")


def strategy_children(contact: Contact) -> list[Person]:
    """The children on the contact, in name order."""
    links = contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    return sorted((link.person for link in links), key=lambda p: (p.family_name, p.given_names))


@service
@transaction.atomic
def strategy_worker_allocate(*, contact: Contact, manager: User, social_worker: User) -> StrategyMeeting:
    """R-STRAT-1 (002 s6): a strategy discussion decided, the manager allocates a social worker and will chair."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if not contact.decisions.filter(is_current=True, outcome__in=STRATEGY_OUTCOMES).exists():
        raise ServiceError("A strategy meeting follows a threshold decision for a strategy discussion.")
    if StrategyMeeting.objects.filter(contact=contact, signed_off_at__isnull=True).exists():
        raise ServiceError("This contact already has a strategy meeting under way.")
    if not (social_worker.is_active and user_roles(social_worker) & SOCIAL_WORKER_ROLES):
        raise ServiceError("Choose a social worker.", field="social_worker")
    now = timezone.now()
    meeting = StrategyMeeting(
        contact=contact, chair=manager, social_worker=social_worker, allocated_at=now, created_by=manager
    )
    _save(meeting, manager)
    _record(meeting, manager, AuditAction.STRATEGY_WORKER_ALLOCATED, social_worker=social_worker.pk)
    return meeting


def _set_time(meeting: StrategyMeeting, meeting_at: datetime.datetime) -> None:
    """R-STRAT-1: the minutes clock runs from the meeting's time, for the profile's `strategy_minutes_within`."""
    meeting.meeting_at = meeting_at
    meeting.minutes_due_at = due_at(meeting_at, get_profile().strategy_minutes_within)


@service
@transaction.atomic
def strategy_request_record(
    *,
    meeting: StrategyMeeting,
    by: User,
    meeting_at: datetime.datetime,
    chronology: str = "",
    initial_analysis: str = "",
    documents: Sequence[ContactDocument] = (),
) -> StrategyMeeting:
    """R-STRAT-1 (002 s6): the social worker completes the request, with the time of the meeting, having
    reviewed the chronology and prepared an initial analysis (written here, or in documents on the contact)."""
    meeting = _lock(meeting)
    if by.pk not in (meeting.social_worker_id, meeting.chair_id):
        raise ServiceError("The allocated social worker completes the request for the meeting.")
    _not_held(meeting)
    if any(d.contact_id != meeting.contact_id for d in documents):
        raise ServiceError("Choose documents on this contact.", field="documents")
    if not chronology.strip() and not documents:
        raise ServiceError("Add the chronology, or choose the document that holds it.", field="chronology")
    if not initial_analysis.strip() and not documents:
        raise ServiceError("Add your initial analysis, or choose the document that holds it.", field="initial_analysis")
    meeting.chronology, meeting.initial_analysis = chronology.strip(), initial_analysis.strip()
    meeting.requested_at = timezone.now()
    _set_time(meeting, meeting_at)
    _save(meeting, by)
    meeting.documents.set(documents)
    _record(meeting, by, AuditAction.STRATEGY_REQUESTED, meeting_at=meeting_at.isoformat())
    return meeting


@service
@transaction.atomic
def strategy_meeting_time_set(*, meeting: StrategyMeeting, by: User, meeting_at: datetime.datetime) -> StrategyMeeting:
    """Business support arrange the meeting: its time may move from the one requested."""
    meeting = _lock(meeting)
    _not_held(meeting)
    if meeting.requested_at is None:
        raise ServiceError("The social worker has not yet sent the request for this meeting.")
    _set_time(meeting, meeting_at)
    _save(meeting, by)
    _record(meeting, by, AuditAction.STRATEGY_MEETING_TIME_SET, meeting_at=meeting_at.isoformat())
    return meeting


def invitation_text(invitee: Invitee) -> tuple[str, str]:
    """The invitation's subject and body: the children and the time, never the referrer's identity
    (R-CON-8: a non-professional referrer is never named to another agency)."""
    meeting = invitee.meeting
    names = ", ".join(
        "a child with a restricted record" if p.restricted else p.full_name for p in strategy_children(meeting.contact)
    )
    when = timezone.localtime(meeting.meeting_at).strftime("%A %-d %B %Y at %H:%M") if meeting.meeting_at else ""
    subject = f"Strategy meeting {meeting.contact.reference}: {when}"
    body = (
        f"Dear {invitee.name},\n\n"
        f"You are invited to a strategy meeting about {names} on {when}, "
        f"chaired by {meeting.chair.display_name}. The social worker is {meeting.social_worker.display_name}.\n\n"
        "Please collate your agency's information about the family in preparation for the meeting, "
        "and reply to say whether you will attend.\n\n"
        f"Reference: {meeting.contact.reference}\n"
    )
    return subject, body


@service
@transaction.atomic
def strategy_partner_invite(
    *, meeting: StrategyMeeting, by: User, agency: str, name: str = "", user: User | None = None, email: str = ""
) -> Invitee:
    """R-STRAT-1: partners are invited (the police at least, 001; the professional referrer normally, 002 s6).

    A non-professional referrer is never invited nor named here (R-CON-8)."""
    meeting = _lock(meeting)
    _not_held(meeting)
    if agency not in dict(invitee_agencies()):
        raise ServiceError("Choose who is being invited.", field="agency")
    contact = meeting.contact
    if agency == Invitee.REFERRER:
        if contact.referrer_kind != ReferrerKind.PROFESSIONAL:
            raise ServiceError("Only a professional referrer is invited to a strategy meeting.", field="agency")
        name = name.strip() or contact.referrer_name
        email = email.strip() or contact.referrer_email
    if user is not None:
        if not known_partners().filter(pk=user.pk, agency=agency).exists():
            raise ServiceError(
                f"{user.display_name} is not a partner of the agency chosen: choose their agency, or type the name.",
                field="user",
            )
        name = name.strip() or user.display_name
        email = email.strip() or user.email
    if not name.strip():
        raise ServiceError("Enter the name of the person invited.", field="name")
    invitee = Invitee(
        meeting=meeting,
        agency=agency,
        name=name.strip(),
        user=user,
        email=email.strip(),
        invited_at=timezone.now(),
        invited_by=by,
    )
    invitee.full_clean()
    invitee.save()
    if invitee.user is not None or invitee.email:
        # The invitation by email, in this transaction: held unless the address is in a secure domain (R-CON-7).
        subject, body = invitation_text(invitee)
        outbox_enqueue(
            to=invitee.user or invitee.email,
            subject=subject,
            body=body,
            kind="strategy_invitation",
            about=invitee,
            once_key=f"strategy-invitation-{invitee.pk}",
        )
    _record(meeting, by, AuditAction.STRATEGY_PARTNER_INVITED, agency=agency, invitee=invitee.pk)
    return invitee


@service
@transaction.atomic
def strategy_reply_record(*, invitee: Invitee, by: User, reply: str, at: datetime.datetime) -> Invitee:
    """R-STRAT-1: each invitee's reply (accepted, declined or none yet) and when it came."""
    meeting = _lock(invitee.meeting)
    invitee = Invitee.objects.select_for_update().get(pk=invitee.pk, meeting=meeting)
    if reply not in Reply.values:
        raise ServiceError("Choose the reply.", field="reply")
    if at > timezone.now():
        raise ServiceError("The time of the reply cannot be in the future.", field="at")
    invitee.reply, invitee.replied_at = reply, (None if reply == Reply.NO_REPLY else at)
    invitee.full_clean()
    invitee.save()
    _record(meeting, by, AuditAction.STRATEGY_REPLY_RECORDED, invitee=invitee.pk, reply=reply)
    return invitee


@service
@transaction.atomic
def strategy_referrer_not_invited(*, meeting: StrategyMeeting, by: User, reason: str) -> StrategyMeeting:
    """002 s6: the professional referrer "should normally be invited"; when not, the reason is kept."""
    meeting = _lock(meeting)
    _not_held(meeting)
    meeting.referrer_not_invited_reason = required_text(reason, "Enter why the referrer is not invited.")
    _save(meeting, by)
    _record(meeting, by, AuditAction.STRATEGY_REFERRER_NOT_INVITED)
    return meeting


def hold_blockers(meeting: StrategyMeeting) -> list[str]:
    """What stops the meeting being held (and minuted)."""
    blockers = []
    if meeting.requested_at is None:
        blockers.append("The social worker's request has not been sent.")
    if not meeting.police_invited:
        # R-STRAT-1 (001): "a strategy discussion with the relevant agencies including at least the Police".
        blockers.append("The police must be invited: a strategy meeting is not held without them.")
    referrer_professional = meeting.contact.referrer_kind == ReferrerKind.PROFESSIONAL
    if referrer_professional and not meeting.referrer_invited and not meeting.referrer_not_invited_reason:
        blockers.append("Invite the professional who made the referral, or record why they are not invited.")
    return blockers


@service
@transaction.atomic
def strategy_minutes_record(*, meeting: StrategyMeeting, by: User, minutes: str) -> StrategyMeeting:
    """R-STRAT-1 (002 s6): business support (or the worker) minute the meeting once it has taken place."""
    meeting = _lock(meeting)
    if meeting.signed_off_at:
        raise ServiceError("The minutes are signed off: they can no longer change.")
    blockers = hold_blockers(meeting)
    if blockers:
        raise ServiceError(blockers[0])
    if meeting.meeting_at is None or meeting.meeting_at > timezone.now():
        raise ServiceError("The meeting has not taken place yet.")
    if not minutes.strip():
        raise ServiceError("Enter the minutes of the meeting.", field="minutes")
    meeting.minutes = minutes.strip()
    meeting.minutes_recorded_at, meeting.minutes_recorded_by = timezone.now(), by
    _save(meeting, by)
    _record(meeting, by, AuditAction.STRATEGY_MINUTES_RECORDED)
    return meeting


def minutes_text(meeting: StrategyMeeting) -> tuple[str, str]:
    """The signed-off minutes as circulated: the minutes, each child's outcome and the actions agreed.

    R-CON-8: what a worker typed is passed through `conceal_referrer`, so a non-professional referrer
    named in the minutes is not named to another agency."""
    from frontdoor.records.redaction import conceal_referrer

    contact = meeting.contact
    when = timezone.localtime(meeting.meeting_at).strftime("%A %-d %B %Y at %H:%M") if meeting.meeting_at else ""
    lines = [
        f"Minutes of the strategy meeting {contact.reference} held on {when}, chaired by "
        f"{meeting.chair.display_name} and signed off by them.",
        "",
        conceal_referrer(contact, meeting.minutes),
    ]
    outcomes = list(meeting.outcomes.select_related("child"))
    if outcomes:
        lines += ["", "Outcome for each child:"]
        for outcome in outcomes:
            child = "A child with a restricted record" if outcome.child.restricted else outcome.child.full_name
            decided = "a section 47 enquiry" if outcome.section_47 else "no section 47 enquiry"
            lines.append(f"- {child}: {decided}. {conceal_referrer(contact, outcome.reasons)}")
    actions = list(meeting.actions.all())
    if actions:
        lines += ["", "Actions agreed:"]
        lines += [f"- {conceal_referrer(contact, a.what)} ({a.owner}, by {a.due_on:%-d %B %Y})" for a in actions]
    return f"Minutes of strategy meeting {contact.reference}", "\n".join(lines) + "\n"


def _circulate_minutes(meeting: StrategyMeeting) -> int:
    """R-STRAT-1 (002 s6): "The minutes should be circulated to attendees within 24 hours of the meeting."
    Every invitee who accepted, and the social worker, by email through the outbox, written in the
    sign-off's transaction (held unless the address is in a secure domain, R-CON-7)."""
    subject, body = minutes_text(meeting)
    sent = 0
    for invitee in meeting.invitees.filter(reply=Reply.ACCEPTED).select_related("user"):
        if invitee.user is None and not invitee.email:
            continue
        outbox_enqueue(
            to=invitee.user or invitee.email,
            subject=subject,
            body=f"Dear {invitee.name},\n\n{body}",
            kind="strategy_minutes",
            about=invitee,
            once_key=f"strategy-minutes-{invitee.pk}",
        )
        sent += 1
    outbox_enqueue(
        to=meeting.social_worker,
        subject=subject,
        body=body,
        kind="strategy_minutes",
        about=meeting,
        once_key=f"strategy-minutes-worker-{meeting.pk}",
    )
    return sent + 1


@service
@transaction.atomic
def strategy_minutes_sign_off(*, meeting: StrategyMeeting, manager: User) -> StrategyMeeting:
    """R-STRAT-1 (002 s6): "chaired by the Team Manager who will also sign off the minutes". Signing off
    meets the minutes clock, and circulates them to the attendees."""
    meeting = _lock(meeting)
    if manager.pk != meeting.chair_id:
        raise ServiceError(
            f"Only the manager who chairs the meeting, {meeting.chair.display_name}, signs off its minutes."
        )
    if not meeting.minutes_recorded_at:
        raise ServiceError("The minutes have not been recorded yet.")
    if meeting.signed_off_at:
        raise ServiceError("The minutes are already signed off.")
    meeting.signed_off_at = timezone.now()
    _save(meeting, manager)
    _record(meeting, manager, AuditAction.STRATEGY_MINUTES_SIGNED_OFF, circulated_to=_circulate_minutes(meeting))
    return meeting


def _subject(meeting: StrategyMeeting, child: Person) -> Person:
    if child.pk not in {p.pk for p in strategy_children(meeting.contact)}:
        raise ServiceError("Choose a child on this contact.", field="child")
    return child


@service
@transaction.atomic
def strategy_child_outcome_record(
    *, meeting: StrategyMeeting, manager: User, child: Person, section_47: bool, reasons: str
) -> ChildOutcome:
    """R-STRAT-1: the meeting's decision on each child: a section 47 enquiry or not, with the reasons."""
    meeting = _lock(meeting)
    _subject(meeting, child)
    if meeting.meeting_at is None or meeting.meeting_at > timezone.now():
        raise ServiceError("Record the decision once the meeting has taken place.")
    reasons = required_text(reasons, "Enter the reasons for the decision.", field="reasons")
    outcome = ChildOutcome.objects.filter(meeting=meeting, child=child).first() or ChildOutcome(
        meeting=meeting, child=child
    )
    outcome.section_47, outcome.reasons = section_47, reasons.strip()
    outcome.recorded_at, outcome.recorded_by = timezone.now(), manager
    outcome.full_clean()
    outcome.save()
    _record(meeting, manager, AuditAction.STRATEGY_CHILD_OUTCOME_RECORDED, child=child.pk, section_47=section_47)
    return outcome


@service
@transaction.atomic
def strategy_action_add(
    *, meeting: StrategyMeeting, by: User, what: str, owner: str, due_on: datetime.date, child: Person | None = None
) -> MeetingAction:
    """R-STRAT-1: an action the meeting agreed, with its owner and due date."""
    meeting = _lock(meeting)
    if child is not None:
        _subject(meeting, child)
    if meeting.meeting_at is None or meeting.meeting_at > timezone.now():
        raise ServiceError("Record the meeting's actions once it has taken place.")
    if not what.strip():
        raise ServiceError("Enter the action.", field="what")
    if not owner.strip():
        raise ServiceError("Enter who owns the action.", field="owner")
    action = MeetingAction(
        meeting=meeting,
        child=child,
        what=what.strip(),
        owner=owner.strip(),
        due_on=due_on,
        recorded_at=timezone.now(),
        recorded_by=by,
    )
    action.full_clean()
    action.save()
    _record(meeting, by, AuditAction.STRATEGY_ACTION_ADDED, meeting_action=action.pk)
    return action
