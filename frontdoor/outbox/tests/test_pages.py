"""R-CON-7: the held messages page for team managers and business support, and marking one as sent another way."""

import pytest
from django.db import transaction
from django.test import Client

from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.landing.selectors import landing_nav
from frontdoor.outbox.models import OutboxMessage
from frontdoor.outbox.services import outbox_enqueue

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


def _held() -> OutboxMessage:
    with transaction.atomic():
        return outbox_enqueue(
            to="dsl@oakschool.org.uk", subject="Contact received: C-0001", body="Thank you.", kind="t"
        )


def test_r_con_7_the_page_lists_held_messages_with_the_reason_and_what_to_do(make_user) -> None:  # noqa: ANN001
    message = _held()
    with transaction.atomic():
        outbox_enqueue(to="duty@nhs.net", subject="Waiting", body="B", kind="t")
    page = _client(make_user(Role.TEAM_MANAGER)).get("/outbox/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Contact received: C-0001" in text
    assert "oakschool.org.uk is not a secure address for this authority: send it another way." in text
    assert f"/outbox/{message.pk}/sent-another-way/" in text
    assert "Waiting to be emailed</dt>" in text


@pytest.mark.parametrize(
    "role", [Role.DUTY_SOCIAL_WORKER, Role.HEAD_OF_SERVICE, Role.MASH_PARTNER, Role.BUSINESS_SUPPORT]
)
def test_other_roles_get_not_found(make_user, role: str) -> None:  # noqa: ANN001
    message = _held()
    client = _client(make_user(role))
    assert client.get("/outbox/").status_code == 404
    assert client.get(f"/outbox/{message.pk}/sent-another-way/").status_code == 404


def test_r_con_7_marking_a_held_message_as_sent_another_way(make_user) -> None:  # noqa: ANN001
    manager = make_user(Role.TEAM_MANAGER)
    message = _held()
    client = _client(manager)
    page = client.get(f"/outbox/{message.pk}/sent-another-way/")
    assert "Thank you." in page.content.decode()
    long = client.post(f"/outbox/{message.pk}/sent-another-way/", {"note": "x" * 501})
    assert long.status_code == 200  # the note survives, with its error next to it
    assert "x" * 501 in long.content.decode()
    done = client.post(f"/outbox/{message.pk}/sent-another-way/", {"note": "Posted by secure post"}, follow=True)
    assert "Marked as sent another way: Contact received: C-0001" in done.content.decode()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert AuditEvent.objects.filter(action=AuditAction.OUTBOX_SENT_ANOTHER_WAY, actor=manager).count() == 1
    # Dealt with: it is no longer there to mark again.
    assert client.get(f"/outbox/{message.pk}/sent-another-way/").status_code == 404


def test_the_nav_links_to_the_page_for_those_roles(make_user) -> None:  # noqa: ANN001
    for role, shown in [(Role.TEAM_MANAGER, True), (Role.BUSINESS_SUPPORT, False), (Role.DUTY_SOCIAL_WORKER, False)]:
        assert (("Emails held back", "/outbox/") in landing_nav(make_user(role))) is shown, role
