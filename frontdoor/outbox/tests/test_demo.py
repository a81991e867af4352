"""The demo leaves emails waiting in the outbox, to secure addresses only, and the worker delivers them."""

import pytest
from django.core.management import call_command

from frontdoor.accounts.models import User
from frontdoor.demo.loader import load_demo
from frontdoor.outbox.models import OutboxMessage
from frontdoor.outbox.rules import hold_reason

pytestmark = pytest.mark.django_db


def test_r_con_7_demo_staff_and_partners_have_secure_addresses_and_the_worker_delivers(mail_server) -> None:  # noqa: ANN001
    load_demo(people=120, contacts=30)
    users = User.objects.filter(is_active=True)
    assert {u.username: hold_reason(u.email) for u in users if hold_reason(u.email)} == {}
    waiting = list(OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING))
    assert waiting, "the demo leaves emails waiting in the outbox"
    mail_server.start()
    call_command("worker", "--once")
    received = mail_server.recorder.message_ids()
    assert {m.message_id for m in waiting} <= set(received)
    assert set(received.values()) == {1}
