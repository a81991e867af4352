"""Writing to the outbox. `outbox_enqueue` runs inside the calling service's transaction; the worker
(frontdoor.outbox.delivery) sends what it writes."""

from email.utils import make_msgid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import ServiceError

from .models import OutboxMessage
from .rules import hold_reason


def message_id_domain() -> str:
    """The domain of the Message-ID: the sending address's, so receiving servers see one of ours."""
    sender = settings.DEFAULT_FROM_EMAIL
    return sender.rsplit("@", 1)[-1].strip(" >").lower() or "localhost"


def about_label(about: models.Model) -> str:
    """What a message is about, in words for the held messages page: a contact's reference where the
    record is a contact or belongs to one, else the record's own name."""
    contact = getattr(about, "contact", None)
    reference = getattr(contact, "reference", None) or getattr(about, "reference", None)
    return f"Contact {reference}" if reference else str(about)[:200]


def outbox_enqueue(
    *,
    to: User | str,
    subject: str,
    body: str,
    kind: str,
    about: models.Model | None = None,
    once_key: str = "",
) -> OutboxMessage:
    """Write one email to the outbox, in the caller's transaction (no audit event of its own: the
    caller's event covers it). The Message-ID is fixed now. A message to an address outside the
    profile's secure domains, or to a user with no email, is held for a person to send another way
    (R-CON-7) and never reaches the mail server. With `once_key`, a second call with the same key
    writes nothing and returns the first message."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_enqueue must run inside the calling service's transaction")
    if once_key:
        existing = OutboxMessage.objects.filter(once_key=once_key).first()
        if existing is not None:
            return existing
    if isinstance(to, User):
        recipient: User | None = to
        address = (to.email or "").strip()
        reason = hold_reason(address, who=to.display_name)
    else:
        recipient = None
        address = to.strip()
        reason = hold_reason(address)
    message = OutboxMessage(
        recipient=recipient,
        to_address=address,
        subject=" ".join(subject.split())[:200],
        body=body,
        kind=kind,
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=str(about.pk) if about is not None else "",
        about_label=about_label(about) if about is not None else "",
        message_id=make_msgid(domain=message_id_domain()),
        once_key=once_key,
        status=OutboxMessage.Status.HELD if reason else OutboxMessage.Status.PENDING,
        held_reason=reason,
    )
    message.full_clean(validate_constraints=False)
    if not once_key:
        message.save()
        return message
    try:
        with transaction.atomic():  # a savepoint: losing a race for the key leaves the caller's work intact
            message.save()
    except IntegrityError:
        return OutboxMessage.objects.get(once_key=once_key)
    return message


@service
@transaction.atomic
def outbox_mark_sent_another_way(*, message: OutboxMessage, by: User, note: str = "") -> OutboxMessage:
    """A member of staff sent a held message another way (secure post, phone, a secure portal) and says so."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != OutboxMessage.Status.HELD:
        raise ServiceError("This message is not held: it has already been dealt with.")
    note = note.strip()
    if len(note) > 500:
        raise ServiceError("Say how it was sent in 500 characters or fewer.", field="note")
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.sent_another_way_by = by
    message.sent_another_way_note = note
    message.full_clean(validate_constraints=False)
    message.save(update_fields=["status", "sent_at", "sent_another_way_by", "sent_another_way_note"])
    audit_record(
        actor=by,
        action=AuditAction.OUTBOX_SENT_ANOTHER_WAY,
        obj=message,
        detail={"kind": message.kind, "about": message.about_label, "note": note},
    )
    return message
