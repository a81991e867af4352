"""Writing notices. `notices_for_allocated_team` runs inside the calling service's transaction."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.outbox.services import outbox_enqueue

from .models import Notice
from .selectors import allocated_recipients, normal_name


@dataclass(frozen=True)
class OpenCaseChild:
    """A child on the contact with an open case with the receiving team, as the notice names them."""

    name: str
    worker: str


def notices_for_allocated_team(
    *,
    contact: Contact,
    kind: str,
    team_key: str,
    team_name: str,
    children: list[OpenCaseChild],
    reason: str,
) -> list[Notice]:
    """R-ROUTE-1: tell the allocated worker and their manager. The caller's audit event records who
    was told (no event of its own: one service, one event)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notices_for_allocated_team must run inside the calling service's transaction")
    workers = [c.worker for c in children if c.worker.strip()]
    recipients = allocated_recipients(team_key=team_key, workers=workers)
    matched = {normal_name(u.get_full_name()) for u, why in recipients if why == Notice.Why.ALLOCATED_WORKER}
    matched |= {normal_name(u.username) for u, why in recipients if why == Notice.Why.ALLOCATED_WORKER}
    unmatched = [w for w in workers if normal_name(w) not in matched]
    cases = "; ".join(f"{c.name} (allocated worker: {c.worker or 'none named'})" for c in children)
    heading = Notice.Kind(kind).label
    lines = [
        f"{heading}: {contact.reference}.",
        f"Open case with {team_name}: {cases}.",
        f"Why: {reason}" if reason.strip() else "",
        "It stays in your team's queue until someone in the team acknowledges it."
        if kind == Notice.Kind.PASSED_ON
        else "",
        f"No account in {team_name} matches {', '.join(unmatched)}: please pass this on." if unmatched else "",
        f"Open the contact: /contacts/{contact.reference}/",
    ]
    body = "\n".join(line for line in lines if line)
    notices = [
        Notice(
            recipient=user,
            contact=contact,
            kind=kind,
            why=why,
            subject=f"{heading}: {contact.reference}",
            body=body,
        )
        for user, why in recipients
    ]
    for notice in notices:
        notice.full_clean()
    created = Notice.objects.bulk_create(notices)
    for notice in created:  # R-ROUTE-1: and by email, in the same transaction (held if it may not be emailed)
        outbox_enqueue(
            to=notice.recipient, subject=notice.subject, body=notice.body, kind=f"notice_{kind}", about=notice
        )
    return created


@service
@transaction.atomic
def notice_mark_read(*, notice: Notice, by: User) -> Notice:
    """The recipient has read the notice."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.recipient_id != by.pk:
        raise PermissionDenied("This notice is for someone else.")
    if notice.read_at is not None:
        raise ServiceError("This notice has already been marked as read.")
    notice.read_at = timezone.now()
    notice.save(update_fields=["read_at"])
    audit_record(actor=by, action=AuditAction.NOTICE_READ, obj=notice, detail={"contact": notice.contact.reference})
    return notice
