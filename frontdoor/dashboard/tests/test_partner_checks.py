"""MASH partners' checks (R-ROUTE-3): due by the contact's rating clock, queued soonest first, emailed
to the agency's partner users without personal details (R-CON-7, R-CON-8), overdue ones in front of
the duty manager."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
CONSENTED = {"consent_status": "obtained", "consent_given_by": "Mum"}


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(("rating", "hours"), [("red", 4), ("amber", 24)])
def test_r_route_3_a_check_is_due_by_the_rating_clock_from_receipt(record, officer, rating, hours) -> None:  # noqa: ANN001
    """002 s4: Red "within 4 hours", Amber "within 24 hours" of the referral being received, however late
    in that time the check is asked for."""
    received = at(2026, 12, 1, 10, 0)
    with time_machine.travel(received + datetime.timedelta(hours=1), tick=False):
        contact = record(received_at=received, initial_rating=rating, **CONSENTED)
        check = cs.agency_check_request(contact=contact, by=officer, agency="education")
    assert check.due_at == received + datetime.timedelta(hours=hours)


def test_r_route_3_a_partners_queue_is_soonest_due_first(client, record, officer, make_user) -> None:  # noqa: ANN001
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        amber = record(received_at=at(2026, 12, 1, 9, 0), initial_rating="amber", **CONSENTED)
        red = record(received_at=at(2026, 12, 1, 9, 30), initial_rating="red", **CONSENTED)
        cs.agency_check_request(contact=amber, by=officer, agency="probation")
        cs.agency_check_request(contact=red, by=officer, agency="probation")
        client.force_login(make_user(Role.MASH_PARTNER, agency="probation"))
        page = client.get(reverse("landing:checks")).content.decode()
    assert page.index(f"Contact {red.reference}") < page.index(f"Contact {amber.reference}")


def test_r_route_3_asking_for_a_check_emails_the_agencys_partners_and_names_nobody(
    record,
    officer,
    make_user,  # noqa: ANN001
) -> None:
    first = make_user(Role.MASH_PARTNER, username="pc1", agency="police", email="pc1@pnn.police.uk")
    second = make_user(Role.MASH_PARTNER, username="pc2", agency="police", email="pc2@pnn.police.uk")
    make_user(Role.MASH_PARTNER, username="gone", agency="police", email="gone@pnn.police.uk", is_active=False)
    make_user(Role.MASH_PARTNER, username="nurse", agency="health", email="nurse@nhs.net")
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        contact = record(
            received_at=at(2026, 12, 1, 9, 0),
            initial_rating="red",
            referrer_kind="family_member",
            referrer_name="Auntie Val Secret",
            referrer_agency="",
            **CONSENTED,
        )
        check = cs.agency_check_request(
            contact=contact, by=officer, agency="police", question="Any call-outs to 1 Mill Road?"
        )
    messages = list(OutboxMessage.objects.filter(kind="agency_check_request").order_by("to_address"))
    assert [(m.recipient, m.to_address, m.status) for m in messages] == [
        (first, "pc1@pnn.police.uk", OutboxMessage.Status.PENDING),
        (second, "pc2@pnn.police.uk", OutboxMessage.Status.PENDING),
    ]
    message = messages[0]
    assert message.subject == "A check is waiting for Cambridgeshire Police"
    assert reverse("contacts:check-respond", args=[contact.reference, check.pk]) in message.body
    assert "by 13:00 on Tuesday 1 December 2026" in message.body
    for private in ("Alfie", "Smith", "Mill Road", "CB1", "Auntie Val", "Mum", "bruise", "call-outs"):
        assert private.lower() not in f"{message.subject}\n{message.body}".lower(), private


def test_r_con_7_a_partner_without_a_secure_address_is_held_not_sent(record, officer, make_user) -> None:  # noqa: ANN001
    make_user(Role.MASH_PARTNER, username="home", agency="housing", email="officer@gmail.com")
    cs.agency_check_request(contact=record(**CONSENTED), by=officer, agency="housing")
    [message] = OutboxMessage.objects.filter(kind="agency_check_request")
    assert message.status == OutboxMessage.Status.HELD


def test_r_route_3_an_overdue_check_shows_on_the_contact_for_the_duty_manager(
    client,
    record,
    officer,
    manager,  # noqa: ANN001
) -> None:
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        contact = record(received_at=at(2026, 12, 1, 10, 0), initial_rating="red", **CONSENTED)
        cs.agency_check_request(contact=contact, by=officer, agency="health")
    client.force_login(manager)
    with time_machine.travel(at(2026, 12, 1, 15, 0), tick=False):
        page = client.get(reverse("contacts:detail", args=[contact.reference])).content.decode()
        queue = client.get(reverse("contacts:queue") + "?queue=duty&overdue=on").content.decode()
    checks = page[page.index("Agency checks") :]
    assert "NHS Cambridgeshire and Peterborough" in checks
    assert "Overdue by 1 hour" in checks
    assert contact.reference in queue
