"""Writes for the work after the decision: feedback to the referrer (R-FB-1, R-FB-2), the family told
(R-FB-3) and challenges (R-ESC-1). Each is one transaction with one audit event of its own."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact, ReferrerKind
from frontdoor.contacts.services import contact_acknowledge
from frontdoor.core.errors import ServiceError, required_text
from frontdoor.outbox.models import OutboxMessage
from frontdoor.outbox.services import outbox_enqueue
from frontdoor.procedures.deadlines import due_at
from frontdoor.procedures.loader import get_profile

from .models import (
    Challenge,
    ChallengeStep,
    ChildSeen,
    FamilyMethod,
    FamilyTold,
    Feedback,
    FeedbackKind,
    Level,
    Method,
    StepOutcome,
)
from .selectors import (
    CONFIDENTIAL,
    children_to_see,
    closes_with_advice,
    family_told,
    is_decided,
    outcome_feedback_given,
    outcome_feedback_rule,
    outcome_feedback_why_not,
)
from .texts import current_decisions

ADVICE_HEADING = "The advice we gave:"


def _lock(contact: Contact) -> Contact:
    return Contact.objects.select_for_update().get(pk=contact.pk)


def _when(at: datetime.datetime | None, field: str, what: str) -> datetime.datetime:
    now = timezone.now()
    if at is None:
        return now
    if at > now:
        raise ServiceError(f"The time {what} cannot be in the future.", field=field)
    return at


def _minute(at: datetime.datetime) -> datetime.datetime:
    """Times are typed to the minute: one typed in the same minute as another is not before it."""
    return at.replace(second=0, microsecond=0)


SHARED_WORDS = 6  # a run of this many words of the record, repeated in a message, is a detail of it


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + SHARED_WORDS]) for i in range(len(words) - SHARED_WORDS + 1)}


def _repeats_assessment(contact: Contact, text: str) -> bool:
    """R-FB-2: whether a message repeats the record a non-professional referrer must not be sent: the
    manager's rationale, the screening, the child's own words."""
    texts = [d.rationale for d in current_decisions(contact)]
    texts += [contact.screening_nature, contact.screening_how_why, contact.screening_needs, contact.child_words]
    record = set().union(*(_shingles(t) for t in texts))
    return bool(record & _shingles(text))


def _check_outcome(contact: Contact, text: str) -> str:
    rule = outcome_feedback_rule(contact)
    why_not = outcome_feedback_why_not(contact)
    if why_not:
        raise ServiceError(why_not)
    if not is_decided(contact):
        raise ServiceError("The outcome can be given once a manager has made the decision.")
    if outcome_feedback_given(contact) is not None:
        raise ServiceError("The referrer has already been told the outcome of this decision.")
    if rule == CONFIDENTIAL:
        if _repeats_assessment(contact, text):
            raise ServiceError(
                "This message repeats details of the assessment. A referrer who is not a professional is told only "
                "what the child's confidentiality allows.",
                field="text",
            )
        return FeedbackKind.OUTCOME
    return FeedbackKind.ADVICE if closes_with_advice(contact) else FeedbackKind.OUTCOME


def _check_address(method: str, address: str) -> None:
    if method == Method.EMAIL:
        if not address:
            raise ServiceError("Enter the email address to send it to.", field="address")
        try:
            validate_email(address)
        except ValidationError:
            raise ServiceError("Enter an email address like name@example.gov.uk.", field="address") from None


def _check_input(contact: Contact, *, method: str, to_whom: str, text: str, address: str) -> None:
    if contact.referrer_kind == ReferrerKind.ANONYMOUS:
        raise ServiceError("The referrer is anonymous: there is nobody to send feedback to.")
    if method not in Method.values:
        raise ServiceError("Select how the referrer was told.", field="method")
    if not to_whom:
        raise ServiceError("Enter who it was sent to.", field="to_whom")
    if not text:
        raise ServiceError("Enter the text that was sent or said.", field="text")
    _check_address(method, address)


def _kind_and_text(contact: Contact, kind: str, text: str, advice: str) -> tuple[str, str]:
    """Which feedback this is, and the text as sent: the outcome after advice carries the advice (001 s1)."""
    if kind == FeedbackKind.ACKNOWLEDGEMENT:
        if not contact.acknowledgement_outstanding:
            raise ServiceError("The referrer has already been acknowledged.")
        return kind, text
    if kind != FeedbackKind.OUTCOME:
        raise ServiceError("Say which feedback this is.", field="kind")
    kind = _check_outcome(contact, text)
    if kind == FeedbackKind.ADVICE:
        if not advice:
            raise ServiceError("Enter the advice that was given, so that the referrer has a copy.", field="advice")
        text = f"{text}\n\n{ADVICE_HEADING}\n{advice}"
    return kind, text


@service
@transaction.atomic
def feedback_give(
    *,
    contact: Contact,
    by: User,
    kind: str,
    method: str,
    to_whom: str,
    text: str,
    address: str = "",
    sent_at: datetime.datetime | None = None,
    advice: str = "",
) -> Feedback:
    """R-FB-1, R-FB-2, R-DEC-2: tell the referrer, and keep exactly what was sent, to whom, how, when and by whom.

    The outcome of a contact closed after advice carries a copy of the advice (001 s1). An email goes
    through the outbox in this transaction; one to an address outside the secure domains is held there
    (R-CON-7), and the worker is told to send it another way."""
    contact = _lock(contact)
    text, to_whom, address, advice = text.strip(), to_whom.strip(), address.strip(), advice.strip()
    _check_input(contact, method=method, to_whom=to_whom, text=text, address=address)
    sent_at = _when(sent_at, "sent_at", "it was sent")
    kind, text = _kind_and_text(contact, kind, text, advice)
    feedback = Feedback(
        contact=contact,
        kind=kind,
        to_whom=to_whom,
        method=method,
        address=address,
        sent_at=sent_at,
        sent_by=by,
        text=text,
        created_by=by,
        updated_by=by,
    )
    feedback.full_clean()
    feedback.save()
    if method == Method.EMAIL:
        _email(feedback)
    # A held email has not reached the referrer: the task stays open until it is sent another way.
    if kind == FeedbackKind.ACKNOWLEDGEMENT and not feedback.email_held:
        contact_acknowledge(contact=contact, by=by)
    audit_record(
        actor=by,
        action=AuditAction.FEEDBACK_GIVEN,
        obj=contact,
        detail={"kind": kind, "method": method, "held": feedback.email_held},
    )
    return feedback


def _email(feedback: Feedback) -> None:
    """Write the email to the outbox in this transaction. The outbox holds one to an address outside the
    profile's secure domains (R-CON-7); the record says so, and the worker sends it another way. It is
    about the contact, named by its reference only, never by the referrer (R-CON-8)."""
    profile = get_profile()
    subject = (
        f"{profile.service_name}: {feedback.get_kind_display().lower()}, our reference {feedback.contact.reference}"
    )
    message = outbox_enqueue(
        to=feedback.address,
        subject=subject,
        body=feedback.text,
        kind=f"referrer_{feedback.kind}",
        about=feedback.contact,
        once_key=f"feedback-{feedback.pk}",
    )
    feedback.email_held = message.status == OutboxMessage.Status.HELD
    feedback.held_reason = message.held_reason
    feedback.save(update_fields=["email_held", "held_reason"])


def _names_referrer(contact: Contact, text: str) -> bool:
    """R-CON-8: whether a text for someone else names a non-professional referrer who has not consented."""
    if contact.referrer_is_professional or contact.referrer_consents_to_disclosure:
        return False
    name = contact.referrer_name.strip().lower()
    parts = [name, *(p for p in name.split() if len(p) >= 3)] if name else []
    lowered = text.lower()
    return any(part and part in lowered for part in parts)


@service
@transaction.atomic
def family_told_record(
    *,
    contact: Contact,
    by: User,
    told: bool,
    who: str = "",
    told_at: datetime.datetime | None = None,
    method: str = "",
    what: str = "",
    not_told_reason: str = "",
) -> FamilyTold:
    """R-FB-3 (004): the child and family are told what will happen: who, when, how and what. Where telling
    them would put the child at risk, that they were not told and why (000, 001, 004; R-CON-1)."""
    contact = _lock(contact)
    if not is_decided(contact):
        raise ServiceError("The family is told what will happen once a manager has made the decision.")
    if family_told(contact) is not None:
        raise ServiceError("What the family was told about this decision is already recorded.")
    who, what, not_told_reason = who.strip(), what.strip(), not_told_reason.strip()
    if told:
        if not who:
            raise ServiceError("Enter who was told.", field="who")
        if told_at is None:
            raise ServiceError("Enter when they were told.", field="told_at")
        _when(told_at, "told_at", "they were told")
        if method not in FamilyMethod.values:
            raise ServiceError("Select how they were told.", field="method")
        if not what:
            raise ServiceError("Enter what they were told.", field="what")
        if _names_referrer(contact, what):
            raise ServiceError(
                "Do not say who made the referral: a referrer who is not a professional is never named to the "
                "family without their consent.",
                field="what",
            )
        not_told_reason = ""
    else:
        required_text(not_told_reason, "Say why the child and family were not told.", field="not_told_reason")
        who, told_at, method, what = "", None, "", ""
    record = FamilyTold(
        contact=contact,
        told=told,
        who=who,
        told_at=told_at,
        method=method,
        what=what,
        not_told_reason=not_told_reason,
        recorded_at=timezone.now(),
        recorded_by=by,
        created_by=by,
        updated_by=by,
    )
    record.full_clean()
    record.save()
    audit_record(actor=by, action=AuditAction.FAMILY_TOLD_RECORDED, obj=contact, detail={"told": told})
    return record


@service
def child_seen_record(
    *,
    contact: Contact,
    by: User,
    child_id: int,
    seen_by: str,
    seen_at: datetime.datetime | None = None,
    notes: str = "",
) -> ChildSeen:
    """R-FB-3 (004): "The child should be seen as soon as possible if the decision is taken that the Referral
    requires further assessment": when the child was seen and by whom (a worker of the team that assesses,
    who may not use Front Door, so named in words)."""
    contact = _lock(contact)
    owed = next((c for c in children_to_see(contact) if c.child_id == child_id), None)
    if owed is None:
        raise ServiceError("This child was not decided for assessment on this contact.")
    if owed.seen is not None:
        raise ServiceError(f"{owed.name} was already recorded as seen.")
    seen_by = (seen_by or "").strip()
    if not seen_by:
        raise ServiceError("Enter who saw the child.", field="seen_by")
    seen_at = _when(seen_at, "seen_at", "the child was seen")
    if _minute(seen_at) < _minute(contact.received_at):
        raise ServiceError("The child was seen before the contact was received: check the date.", field="seen_at")
    record = ChildSeen(
        contact=contact,
        child_id=child_id,
        seen_at=seen_at,
        seen_by=seen_by,
        notes=(notes or "").strip(),
        recorded_at=timezone.now(),
        recorded_by=by,
        created_by=by,
        updated_by=by,
    )
    record.full_clean()
    record.save()
    hours = round((seen_at - owed.decision.authorised_at).total_seconds() / 3600, 1)
    detail = {"child": child_id, "seen_at": seen_at.isoformat(), "hours_after_decision": hours}
    audit_record(actor=by, action=AuditAction.CHILD_SEEN_RECORDED, obj=contact, detail=detail)
    return record


def _new_step(challenge: Challenge, level: int, raised_at: datetime.datetime) -> ChallengeStep:
    profile = get_profile()
    step = ChallengeStep(
        challenge=challenge,
        level=level,
        raised_at=raised_at,
        due_at=due_at(raised_at, profile.challenge_step_response, profile),
    )
    step.full_clean()
    step.save()
    return step


@service
@transaction.atomic
def challenge_raise(
    *, contact: Contact, by: User, raised_by: str, disagreement: str, raised_at: datetime.datetime | None = None
) -> Challenge:
    """R-ESC-1 (003): a referrer disagrees with the decision; it starts with the social worker."""
    contact = _lock(contact)
    raised_by, disagreement = raised_by.strip(), disagreement.strip()
    if contact.decided_at is None:
        raise ServiceError("A challenge is to a decision: this contact has not been decided yet.")
    if Challenge.objects.filter(contact=contact, resolved_at__isnull=True).exists():
        raise ServiceError("A challenge to this decision is already open: record its next step there.")
    if not raised_by:
        raise ServiceError("Enter who disagrees with the decision.", field="raised_by")
    if not disagreement:
        raise ServiceError("Enter what they disagree with.", field="disagreement")
    raised_at = _when(raised_at, "raised_at", "it was raised")
    if raised_at < _minute(contact.decided_at):
        raise ServiceError("A challenge cannot be raised before the decision was made.", field="raised_at")
    challenge = Challenge(
        contact=contact,
        raised_by=raised_by,
        disagreement=disagreement,
        raised_at=raised_at,
        created_by=by,
        updated_by=by,
    )
    challenge.full_clean()
    challenge.save()
    _new_step(challenge, Level.SOCIAL_WORKER, raised_at)
    audit_record(actor=by, action=AuditAction.CHALLENGE_RAISED, obj=contact, detail={"challenge": challenge.pk})
    return challenge


@service
@transaction.atomic
def challenge_step_record(
    *,
    challenge: Challenge,
    by: User,
    handled_by: str,
    outcome: str,
    reasons: str,
    at: datetime.datetime | None = None,
) -> ChallengeStep:
    """R-ESC-1: the outcome of the challenge's current step: upheld, changed, or escalated to the next
    level only (social worker, team manager, service manager, safeguarding partnership), with reasons."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if not challenge.is_open:
        raise ServiceError("This challenge is resolved.")
    step = challenge.steps.filter(outcome="").order_by("level").first()
    if step is None:
        raise ServiceError("Every step of this challenge has an outcome: record the solution agreed.")
    handled_by, reasons = handled_by.strip(), reasons.strip()
    if not handled_by:
        raise ServiceError("Enter who handled this step.", field="handled_by")
    if outcome not in StepOutcome.values:
        raise ServiceError("Select the outcome of this step.", field="outcome")
    if outcome == StepOutcome.ESCALATED and step.level == Level.PARTNERSHIP:
        raise ServiceError(
            "The safeguarding children partnership is the last level: this step cannot be escalated further.",
            field="outcome",
        )
    required_text(reasons, "Enter the reasons for the outcome.", field="reasons")
    at = _when(at, "at", "of the outcome")
    if at < _minute(step.raised_at):
        raise ServiceError("The outcome cannot come before the step was raised.", field="at")
    step.handled_by, step.outcome, step.reasons = handled_by, outcome, reasons
    step.outcome_at, step.outcome_recorded_by = at, by
    step.full_clean()
    step.save()
    if outcome == StepOutcome.ESCALATED:
        _new_step(challenge, step.level + 1, at)
    challenge.updated_by = by
    challenge.save(update_fields=["updated_by", "updated_at"])
    audit_record(
        actor=by,
        action=AuditAction.CHALLENGE_STEP_RECORDED,
        obj=challenge.contact,
        detail={"challenge": challenge.pk, "level": step.level, "outcome": outcome},
    )
    return step


@service
@transaction.atomic
def challenge_resolve(
    *, challenge: Challenge, by: User, solution: str, resolved_at: datetime.datetime | None = None
) -> Challenge:
    """R-ESC-1 (003): "You must record the solution and when it was reached"."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if not challenge.is_open:
        raise ServiceError("This challenge is already resolved.")
    open_step = challenge.steps.filter(outcome="").first()
    if open_step is not None:
        raise ServiceError(
            f"Record the outcome of the step with the {open_step.get_level_display().lower()} first.",
            field="solution",
        )
    solution = solution.strip()
    if not solution:
        raise ServiceError("Enter the solution that was agreed.", field="solution")
    if resolved_at is None:
        raise ServiceError("Enter when the solution was reached.", field="resolved_at")
    _when(resolved_at, "resolved_at", "the solution was reached")
    if resolved_at < _minute(challenge.raised_at):
        raise ServiceError("The solution cannot be reached before the challenge was raised.", field="resolved_at")
    challenge.solution, challenge.resolved_at, challenge.resolved_by, challenge.updated_by = (
        solution,
        resolved_at,
        by,
        by,
    )
    challenge.full_clean()
    challenge.save()
    audit_record(
        actor=by, action=AuditAction.CHALLENGE_RESOLVED, obj=challenge.contact, detail={"challenge": challenge.pk}
    )
    return challenge
