"""Writes of the information governance officer: a subject access export, a retention review."""

from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.access.policy import access_subject_access_person
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record

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
