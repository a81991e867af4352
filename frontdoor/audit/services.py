"""Writing audit events. Callers are services already inside their own transaction."""

import contextlib
import json
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .actions import AuditAction
from .chain import GENESIS, canonical_json, event_hash
from .models import AuditChainHead, AuditEvent

# The actions written by each service call in progress, innermost last (see frontdoor.access.permissions).
_frames: ContextVar[tuple[list[str], ...]] = ContextVar("audit_frames", default=())


@contextlib.contextmanager
def audit_frame() -> Iterator[list[str]]:
    """Collect the actions written directly by one service call (not by the services it calls)."""
    frame: list[str] = []
    token = _frames.set((*_frames.get(), frame))
    try:
        yield frame
    finally:
        _frames.reset(token)


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record an event about one object, or about a bulk operation named by `object_type`."""
    action = AuditAction(action)  # an unnamed action is a programming error, refused before anything is written
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    head = _locked_head()
    event = AuditEvent(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        action=action.value,
        object_type=obj._meta.label_lower if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else object_id,
        # Stored as it will read back, so the hash written is the hash `verify` recomputes.
        detail=json.loads(canonical_json(detail or {})),
        seq=head.seq + 1,
        prev_hash=head.hash,
    )
    event.hash = event_hash(
        seq=event.seq,
        at=event.at,
        actor_id=event.actor_id,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        detail=event.detail,
        prev_hash=event.prev_hash,
    )
    event.save(force_insert=True)
    AuditChainHead.objects.filter(pk=AuditChainHead.ROW).update(seq=event.seq, hash=event.hash)
    frames = _frames.get()
    if frames:
        frames[-1].append(action.value)
    return event


def _locked_head() -> AuditChainHead:
    """The chain head, locked until the writer's transaction ends, so concurrent writers chain one after
    another (SQLite's IMMEDIATE transactions already serialise writers; PostgreSQL waits on the row lock)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=AuditChainHead.ROW).first()
    if head is not None:
        return head
    # A new or flushed database: start the head at the last event there is (none, usually).
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    try:
        with transaction.atomic():
            return AuditChainHead.objects.create(
                pk=AuditChainHead.ROW, seq=last[0] if last else 0, hash=last[1] if last else GENESIS
            )
    except IntegrityError:  # another writer created it first: wait for its lock
        return AuditChainHead.objects.select_for_update().get(pk=AuditChainHead.ROW)


def audit_view(*, actor: Any, obj: models.Model, detail: dict[str, Any] | None = None) -> None:
    """R-ACC-1: every view of a child's record is logged."""
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.VIEWED, obj=obj, detail=detail)


def audit_operation(*, action: AuditAction, object_type: str, object_id: str, detail: dict[str, Any]) -> AuditEvent:
    """An operator's command run over the whole index (a batch match, a duplicates list), in its own
    transaction: it writes no records of its own to share one with."""
    with transaction.atomic():
        return audit_record(actor=None, action=action, object_type=object_type, object_id=object_id, detail=detail)
