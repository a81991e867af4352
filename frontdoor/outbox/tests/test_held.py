"""R-CON-7: held messages are sent another way by a person, who says so (one audit event)."""

import pytest

from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.outbox.models import OutboxMessage
from frontdoor.outbox.services import outbox_enqueue, outbox_mark_sent_another_way

pytestmark = pytest.mark.django_db


def _held() -> OutboxMessage:
    return outbox_enqueue(to="parent@example.com", subject="Outcome", body="Text", kind="test")


def test_r_con_7_a_held_message_marked_as_sent_another_way(make_user) -> None:  # noqa: ANN001
    support = make_user(Role.TEAM_MANAGER)
    message = outbox_mark_sent_another_way(message=_held(), by=support, note="Sent by secure post")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_another_way_by == support
    assert message.sent_at is not None
    event = AuditEvent.objects.get(action=AuditAction.OUTBOX_SENT_ANOTHER_WAY)
    assert event.object_id == str(message.pk)
    assert event.detail["note"] == "Sent by secure post"
    with pytest.raises(ServiceError, match="already been dealt with"):
        outbox_mark_sent_another_way(message=message, by=support)


def test_only_held_messages_and_only_outbox_managers(make_user) -> None:  # noqa: ANN001
    pending = outbox_enqueue(to="duty@nhs.net", subject="S", body="B", kind="test")
    with pytest.raises(ServiceError):
        outbox_mark_sent_another_way(message=pending, by=make_user(Role.TEAM_MANAGER))
    with pytest.raises(PermissionDenied):
        outbox_mark_sent_another_way(message=_held(), by=make_user(Role.DUTY_SOCIAL_WORKER))
    with pytest.raises(PermissionDenied):  # 002 s6: business support see only strategy meetings
        outbox_mark_sent_another_way(message=_held(), by=make_user(Role.BUSINESS_SUPPORT))
