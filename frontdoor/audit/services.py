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
# The acting user of the innermost service call in progress, for the field history (frontdoor.audit.history).
_NO_SERVICE = object()
_actor: ContextVar[Any] = ContextVar("audit_actor", default=_NO_SERVICE)


@contextlib.contextmanager
def audit_frame(actor: Any = _NO_SERVICE) -> Iterator[list[str]]:
    """Collect the actions written directly by one service call (not by the services it calls), and
    remember who is acting in it."""
    frame: list[str] = []
    token = _frames.set((*_frames.get(), frame))
    actor_token = _actor.set(actor if actor is not _NO_SERVICE else _actor.get())
    try:
        yield frame
    finally:
        _actor.reset(actor_token)
        _frames.reset(token)


def current_actor() -> tuple[bool, Any]:
    """(True, the acting user or None) inside a service call; (False, None) outside one."""
    actor = _actor.get()
    return (False, None) if actor is _NO_SERVICE else (True, actor)


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


def audit_export(*, actor: Any, object_type: str, detail: dict[str, Any]) -> AuditEvent:
    """R-ACC-1: every download and export is logged with its filters and row count, in its own short
    transaction (an export changes nothing to share one with)."""
    with transaction.atomic():
        return audit_record(actor=actor, action=AuditAction.EXPORTED, object_type=object_type, detail=detail)
