"""Writing audit events. Callers are services already inside their own transaction."""

from typing import Any

from django.db import models, transaction

from .models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record an event about one object, or about a bulk operation named by `object_type`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else object_id,
        detail=detail or {},
    )


def audit_view(*, actor: Any, obj: models.Model, detail: dict[str, Any] | None = None) -> None:
    """R-ACC-1: every view of a child's record is logged."""
    with transaction.atomic():
        audit_record(actor=actor, action="viewed", obj=obj, detail=detail)


def audit_operation(*, action: str, object_type: str, object_id: str, detail: dict[str, Any]) -> AuditEvent:
    """An operator's command run over the whole index (a batch match, a duplicates list), in its own
    transaction: it writes no records of its own to share one with."""
    with transaction.atomic():
        return audit_record(actor=None, action=action, object_type=object_type, object_id=object_id, detail=detail)
