"""Requests for a lock-down (002 s2: "A manager or relevant business support manager may request 'ACL'"): asked
for from a record or by a description of the person, applied or declined by a manager (R-ACC-2)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import ServiceError, required_text
from frontdoor.outbox.links import email_link
from frontdoor.outbox.services import outbox_enqueue
from frontdoor.people.models import Person

from ..models import LockDownRequest
from ..permissions import service
from ..policy import hidden_people
from .lock_down import access_bar, access_restrict, current_restriction, reach_barred


@dataclass(frozen=True)
class Described:
    """A person as a requester who may not open (or cannot find) their record knows them: the manager who
    applies the request finds the record it matches."""

    given_names: str
    family_name: str
    date_of_birth: datetime.date | None = None
    details: str = ""  # anything else they know: an address, a school, the parents' names


def _description(request: LockDownRequest, described: Described) -> dict[str, str]:
    request.described_family_name = required_text(
        described.family_name, "Enter their family name, as far as you know it.", field="family_name"
    )
    request.described_given_names = (described.given_names or "").strip()
    request.described_date_of_birth = described.date_of_birth
    request.described_details = (described.details or "").strip()
    born = described.date_of_birth.isoformat() if described.date_of_birth else ""
    kept = {"given_names": request.described_given_names, "family_name": request.described_family_name}
    return {**kept, "date_of_birth": born, "details": request.described_details}


@service
def access_lock_down_request(
    *,
    by: User,
    reason: str,
    restrict: bool,
    named: list[User],
    barred: list[User],
    person: Person | None = None,
    described: Described | None = None,
) -> LockDownRequest:
    """A manager or a business support manager asks for a person's record to be locked down to named people,
    for staff to be barred from it, or both, and says why. Those who may lock records down decide it
    (`access_lock_down_apply`, `access_lock_down_decline`); asking opens nothing to the requester.

    The person is a record the requester opened (`person`) or, for one they may not open or cannot find, a
    description (`described`): the manager who applies it chooses the record it matches. Asking by a
    description tells the requester nothing about whether a record exists, then or later."""
    if (person is None) == (described is None):
        raise ValueError("A lock-down request is about a record or a description of the person, not both")
    reason = required_text(reason)
    if not restrict and named:
        raise ServiceError("Name people only when asking for the record to be restricted.", field="named")
    if not restrict and not barred:
        raise ServiceError(
            "Ask for the record to be restricted to named people, or choose a member of staff to bar, or both.",
            field="restrict",
        )
    if {u.pk for u in named} & {u.pk for u in barred}:
        raise ServiceError("A member of staff cannot be both named and barred.", field="barred")
    if by.pk in {u.pk for u in barred}:
        raise ServiceError("Ask another manager to bar you from a record.", field="barred")
    request = LockDownRequest(person=person, requested_by=by, requested_at=timezone.now(), reason=reason)
    description = _description(request, described) if described is not None else None
    request.restrict = restrict
    request.full_clean()
    request.save()
    request.named_users.set(named)
    request.barred_users.set(barred)
    detail: dict[str, object] = {
        "request": request.pk,
        "restrict": restrict,
        "named": sorted(u.pk for u in named),
        "barred": sorted(u.pk for u in barred),
        "reason": reason,
    }
    if description is not None:
        detail["described"] = description  # the terms, as a search's are: in the audit detail only
    for decider in request_deciders(person, exclude={by.pk, *(u.pk for u in barred)}):
        # Never names the child (the email leaves the system): the request is found from the link.
        outbox_enqueue(
            to=decider,
            subject="A lock-down request is waiting for a decision",
            body=(
                f"{by.display_name} asked for a record to be locked down (request {request.pk}).\n\n"
                "Why is on the request (not repeated here in case it names the child). Apply it or decline "
                f"it with a reason at {email_link('access:lock-down-request', request.pk)}\n"
            ),
            kind="lock_down_request",
            about=request,
        )
    audit_record(actor=by, action=AuditAction.ACCESS_LOCK_DOWN_REQUESTED, obj=person or request, detail=detail)
    return request


def request_deciders(person: Person | None, *, exclude: set[int]) -> list[User]:
    """Who is told of a new lock-down request: the team managers of the team the case system says holds the
    child's case, or the heads of service where no team is known (or it has no manager, or the request only
    describes the person); never a barred member of staff, nor those in `exclude` (whoever asked, whoever the
    request would bar). All who may decide see it on *Lock-down requests* in any case."""
    barred = (reach_barred(person) if person is not None else set()) | exclude
    active = User.objects.filter(is_active=True).exclude(pk__in=barred).distinct().order_by("pk")
    team = []
    if person is not None and person.allocated_team_key:
        team = list(active.filter(groups__name=Role.TEAM_MANAGER, team_key=person.allocated_team_key))
    return team or list(active.filter(groups__name=Role.HEAD_OF_SERVICE))


_ALREADY: dict[str, str] = {
    LockDownRequest.Status.WAITING: "This request is waiting for a record.",
    LockDownRequest.Status.APPLIED: "This request has already been applied.",
    LockDownRequest.Status.DECLINED: "This request has already been declined.",
    LockDownRequest.Status.CLOSED: "This request has been closed.",
}


def locked_request(lock_down: LockDownRequest, by: User, *, statuses: tuple[str, ...]) -> LockDownRequest:
    """The request locked, if it is in one of `statuses` and `by` may decide it: never whoever asked, nor
    anyone it would bar."""
    lock_down = LockDownRequest.objects.select_for_update(of=("self",)).select_related("person").get(pk=lock_down.pk)
    if lock_down.status not in statuses:
        raise ServiceError(_ALREADY.get(lock_down.status, "This request is not waiting for a decision."))
    if lock_down.requested_by_id == by.pk:
        raise ServiceError("You asked for this lock-down: another manager decides it.", field="reason")
    if lock_down.barred_users.filter(pk=by.pk).exists():
        raise ServiceError("This request asks for you to be barred: another manager decides it.", field="reason")
    return lock_down


def _open_request(lock_down: LockDownRequest, by: User) -> LockDownRequest:
    return locked_request(lock_down, by, statuses=(LockDownRequest.Status.OPEN,))


def _matched(lock_down: LockDownRequest, by: User, person: Person | None) -> Person:
    """The record a request is applied to: its own, or for a request that describes the person, the record
    the manager chose, which they must be able to open (the record's own manager decides it otherwise)."""
    if lock_down.person is not None:
        if person is not None and person.pk != lock_down.person_id:
            raise ServiceError("This request is about another record.", field="person")
        return lock_down.person
    if person is None:
        raise ServiceError("Choose the record this request is about.", field="person")
    if hidden_people(by, [person.pk]):
        raise ServiceError("You may not open that record: ask its manager to decide this request.", field="person")
    lock_down.person = person
    return person


OUTCOME_EMAIL = """{by} {outcome} your request of {asked} to lock a record down (request {number}), at {when}.

{why}See your requests and their outcome at {link}
"""


DESCRIBED_OUTCOME_EMAIL = """{by} dealt with your request of {asked} to lock a record down (request {number}), at
{when}.

You asked without a record, so you are not told whether one was found or what was done: that would tell you
whether the child is known to us. If you need to know more, ask {by}.

See your requests at {link}
"""


def tell_requester(lock_down: LockDownRequest, by: User, outcome: str, why: str) -> None:
    """The requester is emailed the outcome; never the child's name, nor the reasons (which might name the
    child): the page shows them. A request that described the person is only "dealt with", applied or not."""
    if lock_down.described:
        body = DESCRIBED_OUTCOME_EMAIL.format(
            by=by.display_name,
            asked=timezone.localtime(lock_down.requested_at).strftime("%d %B %Y"),
            number=lock_down.pk,
            when=timezone.localtime(lock_down.decided_at).strftime("%H:%M on %d %B %Y"),
            link=email_link("access:requests"),
        )
        subject = "Your lock-down request has been dealt with"
        outbox_enqueue(to=lock_down.requested_by, subject=subject, body=body, kind="lock_down_outcome", about=lock_down)
        return
    body = OUTCOME_EMAIL.format(
        by=by.display_name,
        outcome=outcome,
        asked=timezone.localtime(lock_down.requested_at).strftime("%d %B %Y"),
        number=lock_down.pk,
        when=timezone.localtime(lock_down.decided_at).strftime("%H:%M on %d %B %Y"),
        why=why,
        link=email_link("access:requests"),
    )
    subject = f"Your lock-down request was {'applied' if outcome == 'applied' else 'not applied'}"
    outbox_enqueue(to=lock_down.requested_by, subject=subject, body=body, kind="lock_down_outcome", about=lock_down)


def apply_to(lock_down: LockDownRequest, person: Person, by: User, manager: User | None) -> None:
    """Do what a request asks on `person`: bar the staff named to be barred, then restrict the record to the
    people named (added to those already named on a restriction; whoever applies it and the manager to ask
    are always named), through `access_bar` and `access_restrict`, each with its own audit event."""
    already = reach_barred(person)
    for user in lock_down.barred_users.order_by("pk"):
        if user.pk not in already:
            access_bar(person=person, user=user, by=by, reason=lock_down.reason)
    if lock_down.restrict:
        existing = current_restriction(person)
        named = [*(existing.named_users.all() if existing else []), *lock_down.named_users.all()]
        barred = reach_barred(person)
        chosen = manager or (existing.manager if existing else by)
        access_restrict(
            person=person,
            by=by,
            reason=lock_down.reason,
            manager=chosen,
            named=[u for u in named if u.pk not in barred],
        )


@service
def access_lock_down_apply(
    *,
    lock_down: LockDownRequest,
    by: User,
    manager: User | None = None,
    note: str = "",
    person: Person | None = None,
) -> LockDownRequest:
    """Apply a request as asked (`apply_to`). A request that describes the person is applied to the record
    the manager chose (`person`), including one kept waiting for a record (`access_lock_down_wait`): its
    requester was told then that it was dealt with, and is told nothing more."""
    lock_down = locked_request(lock_down, by, statuses=(LockDownRequest.Status.OPEN, LockDownRequest.Status.WAITING))
    was_waiting = lock_down.status == LockDownRequest.Status.WAITING
    person = _matched(lock_down, by, person)
    apply_to(lock_down, person, by, manager)
    now, note = timezone.now(), (note or "").strip()
    lock_down.status = LockDownRequest.Status.APPLIED
    if was_waiting:
        # The requester's answer ("Dealt with", by whom and when) stays as it was when it was kept waiting.
        lock_down.found_at, lock_down.confirmed_at, lock_down.confirmed_by = now, now, by
    else:
        lock_down.decided_by, lock_down.decided_at, lock_down.decision_reason = by, now, note
    lock_down.save()
    if not was_waiting:
        tell_requester(lock_down, by, "applied", "")
    detail = {"request": lock_down.pk, "note": note}
    audit_record(actor=by, action=AuditAction.ACCESS_LOCK_DOWN_APPLIED, obj=person, detail=detail)
    return lock_down


@service
def access_lock_down_decline(*, lock_down: LockDownRequest, by: User, reason: str) -> LockDownRequest:
    """Decline a request, with a reason the requester reads on their requests page (for a request that
    describes the person, they read only that it was dealt with)."""
    reason = required_text(reason, "Enter why you are declining the request.", field="reason")
    lock_down = _open_request(lock_down, by)
    lock_down.status = LockDownRequest.Status.DECLINED
    lock_down.decided_by, lock_down.decided_at, lock_down.decision_reason = by, timezone.now(), reason
    lock_down.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    why = "Why is on the page (not repeated here in case it names the child). "
    tell_requester(lock_down, by, "declined", why)
    detail = {"request": lock_down.pk, "reason": reason}
    audit_record(
        actor=by, action=AuditAction.ACCESS_LOCK_DOWN_DECLINED, obj=lock_down.person or lock_down, detail=detail
    )
    return lock_down
