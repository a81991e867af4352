"""R-ACC-1 (issue 10): field history of case records: what a record said before each change, who changed
it (the service's actor, in a request or not) and when, seen only through the access module."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.services import contact_start_screening, contact_update

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, 24, hour, minute, tzinfo=LONDON)


@pytest.fixture
def changed(record, officer, social_worker):  # noqa: ANN001, ANN201
    with time_machine.travel(at(9), tick=False):
        contact = record(received_at=at(8, 55))
    with time_machine.travel(at(10), tick=False):
        contact = contact_start_screening(contact=contact, by=social_worker)
    with time_machine.travel(at(11, 30), tick=False):
        contact = contact_update(
            contact=contact,
            by=social_worker,
            version=contact.version,
            reason="Bruise on the left arm, seen by the class teacher.",
        )
    return contact


def test_r_acc_1_history_user_is_the_services_actor_outside_a_request(changed, officer, social_worker) -> None:  # noqa: ANN001
    rows = list(changed.history.order_by("history_date", "history_id"))
    assert rows[0].history_type == "+"
    assert rows[0].history_user == officer
    assert rows[-1].history_user == social_worker
    assert rows[-1].history_date == at(11, 30)
    assert rows[-2].reason == "Child came to school with a bruise and said dad hit him."


def test_r_acc_1_change_page_shows_what_it_said_before_who_and_when(changed, manager, social_worker) -> None:  # noqa: ANN001
    client = Client()
    client.force_login(manager)
    page = client.get(reverse("audit:contact-changes", args=[changed.reference])).content.decode()
    assert "Child came to school with a bruise and said dad hit him." in page  # before
    assert "Bruise on the left arm, seen by the class teacher." in page  # after
    assert f"24 Nov 2026, 11:30</time>, {social_worker.display_name}" in page
    assert "Received" in page  # the status before screening started
    assert AuditEvent.objects.filter(action="viewed", actor=manager, object_id=str(changed.pk)).exists()
    person = changed.people.first().person
    page = client.get(reverse("audit:person-changes", args=[person.pk])).content.decode()
    assert "Changes to this record" in page


def test_r_acc_1_change_pages_only_through_the_access_module(changed, make_user) -> None:  # noqa: ANN001
    client = Client()
    client.force_login(make_user(Role.MASH_PARTNER))
    person = changed.people.first().person
    assert client.get(reverse("audit:contact-changes", args=[changed.reference])).status_code == 404
    assert client.get(reverse("audit:person-changes", args=[person.pk])).status_code == 404
