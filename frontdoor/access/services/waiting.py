"""A lock-down asked for by a description of a child with no record yet, kept waiting for one (R-ACC-2, ADR 0016).

A manager keeps such a request waiting (`access_lock_down_wait`). Every path that creates a person record
(`person_create`, the CSV import, a merge's kept record) calls `lock_down_requests_check` in its own transaction:
each waiting request's description is searched with the person search's matcher (people/selectors.py); a record
just created that is a likely match gets the request's bars and restriction at once, with its own audit event,
under the authority of the manager who kept it waiting, who is told to confirm it or lift it; a possible match
applies nothing and the manager is told to look. The requester's answer stays "Dealt with" throughout.
"""

import logging
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import ServiceError, required_text
from frontdoor.outbox.links import email_link
from frontdoor.outbox.services import outbox_enqueue
from frontdoor.people.models import Person

from ..models import LockDownRequest
from ..permissions import NothingToDo, may_call, service
from .requests import apply_to, locked_request, request_deciders, tell_requester

if TYPE_CHECKING:
    from frontdoor.people.matching import Details

log = logging.getLogger(__name__)

WAITING = LockDownRequest.Status.WAITING


@service
def access_lock_down_wait(*, lock_down: LockDownRequest, by: User, note: str = "") -> LockDownRequest:
    """Keep a request that describes a child no record is held for, until a record of them is created. The
    requester is told it was dealt with, exactly as for one applied or declined (nothing says whether a record
    exists); the manager who keeps it is the one who later acts on, and is told of, a record that matches."""
    lock_down = locked_request(lock_down, by, statuses=(LockDownRequest.Status.OPEN,))
    if not lock_down.described:
        raise ServiceError("Only a request that describes the person can wait for a record: this one has its record.")
    lock_down.status = WAITING
    lock_down.decided_by, lock_down.decided_at, lock_down.decision_reason = by, timezone.now(), (note or "").strip()
    lock_down.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    tell_requester(lock_down, by, "dealt with", "")
    detail = {"request": lock_down.pk, "note": lock_down.decision_reason}
    audit_record(actor=by, action=AuditAction.ACCESS_LOCK_DOWN_WAITING, obj=lock_down, detail=detail)
    return lock_down


@service
def access_lock_down_close(*, lock_down: LockDownRequest, by: User, reason: str) -> LockDownRequest:
    """Stop waiting for a record (none is expected now, or it was dealt with another way). The requester's
    answer stays "Dealt with": they are not told."""
    reason = required_text(reason, "Enter why you are closing the request.", field="reason")
    lock_down = locked_request(lock_down, by, statuses=(WAITING,))
    lock_down.status = LockDownRequest.Status.CLOSED
    lock_down.closed_by, lock_down.closed_at, lock_down.close_reason = by, timezone.now(), reason
    lock_down.save(update_fields=["status", "closed_by", "closed_at", "close_reason"])
    detail = {"request": lock_down.pk, "reason": reason}
    audit_record(actor=by, action=AuditAction.ACCESS_LOCK_DOWN_CLOSED, obj=lock_down, detail=detail)
    return lock_down


@service
def access_lock_down_confirm(*, lock_down: LockDownRequest, by: User) -> LockDownRequest:
    """A manager confirms that the record a waiting request was applied to is the child it describes (had it
    not been, they lift its bars and restriction from the record's "Who may open this record" page)."""
    lock_down = LockDownRequest.objects.select_for_update(of=("self",)).get(pk=lock_down.pk)
    if not lock_down.to_confirm:
        raise ServiceError("This request has nothing to confirm.")
    if lock_down.barred_users.filter(pk=by.pk).exists():
        raise ServiceError("This request asks for you to be barred: another manager confirms it.")
    lock_down.confirmed_by, lock_down.confirmed_at = by, timezone.now()
    lock_down.save(update_fields=["confirmed_by", "confirmed_at"])
    audit_record(
        actor=by, action=AuditAction.ACCESS_LOCK_DOWN_CONFIRMED, obj=lock_down.person, detail={"request": lock_down.pk}
    )
    return lock_down


FOUND_LIKELY = """A record was created just now that is likely the child described in lock-down request {number}
(asked for by {asker} on {asked}). The request has been applied to it: the staff it asks to bar are barred{restricted}.

Check that it is the child. Confirm it, or lift the bars and the restriction, at {link}
"""

FOUND_POSSIBLE = """A record was created just now that may be the child described in lock-down request {number}
(asked for by {asker} on {asked}). Nothing has been applied.

Look at it from the request, and apply the request to it if it is the child, at {link}
"""


@service
def access_lock_down_record_found(
    *, lock_down: LockDownRequest, person: Person, by: User, likely: bool
) -> LockDownRequest | None:
    """A record just created matches a waiting request: `likely`, the request is applied to it at once (bars
    err on the side of privacy: the member of staff is kept from the record from its first moment, and a wrong
    match only keeps them from another child until a manager lifts it); otherwise nothing is applied. Either
    way `by` (the manager who kept it waiting) is emailed, without the child's name."""
    lock_down = LockDownRequest.objects.select_for_update(of=("self",)).get(pk=lock_down.pk)
    if lock_down.status != WAITING:
        raise NothingToDo  # applied or closed meanwhile
    if likely:
        apply_to(lock_down, person, by, None)
        lock_down.person, lock_down.status, lock_down.found_at = person, LockDownRequest.Status.APPLIED, timezone.now()
        lock_down.save(update_fields=["person", "status", "found_at"])
    template = FOUND_LIKELY if likely else FOUND_POSSIBLE
    outbox_enqueue(
        to=by,
        subject="A new record may be the child of a waiting lock-down request",
        body=template.format(
            number=lock_down.pk,
            asker=lock_down.requested_by.display_name,
            asked=timezone.localtime(lock_down.requested_at).strftime("%d %B %Y"),
            restricted=" and the record is restricted to the people named" if lock_down.restrict else "",
            link=email_link("access:lock-down-request", lock_down.pk),
        ),
        kind="lock_down_found",
        about=lock_down,
    )
    if likely:
        audit_record(
            actor=by, action=AuditAction.ACCESS_LOCK_DOWN_FOUND_LIKELY, obj=person, detail={"request": lock_down.pk}
        )
    else:
        detail = {"request": lock_down.pk, "person": person.pk}
        audit_record(actor=by, action=AuditAction.ACCESS_LOCK_DOWN_FOUND_POSSIBLE, obj=lock_down, detail=detail)
    return lock_down


def _acting_manager(lock_down: LockDownRequest) -> User | None:
    """The manager who kept the request waiting; if they can no longer decide (they left, or changed role),
    the first of those a new request would be sent to."""
    exclude = {lock_down.requested_by_id, *lock_down.barred_users.values_list("pk", flat=True)}
    kept = lock_down.decided_by
    candidates = [kept] if kept is not None and kept.is_active else []
    candidates += request_deciders(None, exclude=exclude)
    return next((u for u in candidates if may_call(u, "access_lock_down_record_found")), None)


# Up to this many new records, each is first scored alone against each description (no read beyond the
# records themselves), and the full search runs only for a description one of them could match. A bulk
# import creates more: one search per waiting request then finds which of them match.
SCORED_ALONE = 100


def _query(lock_down: LockDownRequest) -> "Details":
    from frontdoor.people.matching import Details
    from frontdoor.people.query import usable_query

    described = Details(
        lock_down.described_given_names, lock_down.described_family_name, lock_down.described_date_of_birth
    )
    return usable_query(described, timezone.localdate())[0]


def _could_match(queries: dict[int, "Details"], new: set[int]) -> set[int]:
    """The waiting requests (by id) whose description one of the `new` records matches at least "possible"
    when scored alone. Sharing the probability among every candidate a search finds only lowers it, so a
    request none of them could match needs no search."""
    from frontdoor.people.matching import HELD_FIELDS, Held, score_held
    from frontdoor.people.model import current_model

    model = current_model()
    rows = Person.objects.filter(pk__in=new, merged_into__isnull=True).values_list(*HELD_FIELDS)
    held = [Held.from_row(*row) for row in rows]
    return {pk for pk, query in queries.items() if any(score_held(query, h, model).band != "unlikely" for h in held)}


def _best_new_match(query: "Details", new: set[int]) -> tuple[Person, str] | None:
    """The best-ranked record among `new` that the description matches "likely" or "possible", as the person
    search ranks them among everyone held (a namesake already held shares the probability)."""
    from frontdoor.people.selectors import rank_candidates

    for candidate in rank_candidates(people=Person.objects.all(), query=query, limit=50):
        if candidate.person.pk in new and candidate.band in ("likely", "possible"):
            return candidate.person, candidate.band
    return None


def lock_down_requests_check(person_ids: Collection[int]) -> None:
    """Check records just created (`person_ids`) against every waiting request, in the caller's transaction.

    Called by every path that creates a person record. With no request waiting it costs one indexed read."""
    if not person_ids:
        return
    waiting = list(
        LockDownRequest.objects.filter(status=WAITING).select_related("requested_by", "decided_by").order_by("pk")
    )
    if not waiting:
        return
    new = set(person_ids)
    queries = {r.pk: _query(r) for r in waiting}
    searched = _could_match(queries, new) if len(new) <= SCORED_ALONE else set(queries)
    for lock_down in waiting:
        match = _best_new_match(queries[lock_down.pk], new) if lock_down.pk in searched else None
        if match is None:
            continue
        person, band = match
        by = _acting_manager(lock_down)
        if by is None:
            log.warning("lock-down request %s matched a new record and no manager can act on it", lock_down.pk)
            continue
        try:
            access_lock_down_record_found(lock_down=lock_down, person=person, by=by, likely=band == "likely")
        except ServiceError as refused:  # PermissionDenied included
            # Applying it was refused (say, the manager to ask cannot be named): tell the manager to look.
            log.warning("lock-down request %s not applied to a new record: %s", lock_down.pk, refused)
            access_lock_down_record_found(lock_down=lock_down, person=person, by=by, likely=False)
