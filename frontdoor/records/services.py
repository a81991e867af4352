"""Writes of the information governance officer: a subject access export, a retention review."""

import datetime

from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.access.policy import access_subject_access_person
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import ServiceError, required_text

from .models import Decision, RetentionReview
from .retention import retention_item
from .subject_access import SubjectAccess, subject_access


@service
def subject_access_export(*, person_id: int, by: User) -> SubjectAccess:
    """UK GDPR art. 15: the redacted export of everything held about one person, audited with what it held.

    The person is found through the access module (a locked-down record answers "not found", R-ACC-2).
    """
    person = access_subject_access_person(by, person_id, log=False)
    export = subject_access(person, now=timezone.now())
    audit_record(
        actor=by,
        action=AuditAction.SUBJECT_ACCESS_EXPORTED,
        obj=person,
        detail={"counts": export.counts, "redactions": len(export.redactions)},
    )
    return export


@service
def retention_review_record(
    *, kind: str, object_id: str, by: User, decision: str, reason: str, keep_until: datetime.date | None = None
) -> RetentionReview:
    """A record past its retention period is kept until a later date or marked for deletion by the case
    system, with the reason. Nothing is deleted here: deletion is the case system's, by a person."""
    item = retention_item(kind, object_id)
    if item is None:
        raise ServiceError("This record is not past its retention period.")
    if decision not in Decision.values:
        raise ServiceError("Choose whether to keep it or mark it for deletion.", field="decision")
    today = timezone.localdate()
    if decision == Decision.KEEP:
        if keep_until is None:
            raise ServiceError("Enter the date to keep it until.", field="keep_until")
        if keep_until <= today:
            raise ServiceError("The date to keep it until must be in the future.", field="keep_until")
    else:
        keep_until = None
    required_text(reason, "Enter the reason for your decision.", field="reason")
    review = RetentionReview(
        kind=item.kind,
        object_id=item.object_id,
        due_on=item.due_on,
        decision=decision,
        keep_until=keep_until,
        reason=reason.strip(),
        reviewed_at=timezone.now(),
        reviewed_by=by,
    )
    review.full_clean()
    review.save()
    audit_record(
        actor=by,
        action=AuditAction.RETENTION_REVIEWED,
        obj=review,
        detail={"kind": item.kind, "record": item.object_id, "decision": decision},
    )
    return review
