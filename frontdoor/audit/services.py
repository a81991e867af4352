"""Writing audit events. Callers are services already inside their own transaction."""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.db import models, transaction

from .actions import AuditAction
from .models import AuditEvent

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
    event = AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action.value,
        object_type=obj._meta.label_lower if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else object_id,
        detail=detail or {},
    )
    frames = _frames.get()
    if frames:
        frames[-1].append(action.value)
    return event


def audit_view(*, actor: Any, obj: models.Model, detail: dict[str, Any] | None = None) -> None:
    """R-ACC-1: every view of a child's record is logged."""
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.VIEWED, obj=obj, detail=detail)


def audit_operation(*, action: AuditAction, object_type: str, object_id: str, detail: dict[str, Any]) -> AuditEvent:
    """An operator's command run over the whole index (a batch match, a duplicates list), in its own
    transaction: it writes no records of its own to share one with."""
    with transaction.atomic():
        return audit_record(actor=None, action=action, object_type=object_type, object_id=object_id, detail=detail)
