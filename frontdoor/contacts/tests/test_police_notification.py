"""The police told of a suspected crime, as a tracked task with its time and the police's reference (R-DEC-6)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.core.due import due_items

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)


def _police_items(user, until):  # noqa: ANN001, ANN202
    return [i for i in due_items(user, until) if i.kind == "Police to be told of a suspected crime"]


def test_r_dec_6_the_police_reference_and_officer_are_recorded_with_the_time(record, officer) -> None:
    with time_machine.travel(RECEIVED + datetime.timedelta(minutes=30), tick=False):
        contact = record(received_at=RECEIVED, suspected_crime=True)
        contact = cs.contact_record_police_notified(
            contact=contact,
            by=officer,
            at=RECEIVED + datetime.timedelta(minutes=20),
            reference="CC-20261124-0117",
            officer="DC Priya Nair",
        )
    assert contact.police_notified_at == RECEIVED + datetime.timedelta(minutes=20)
    assert (contact.police_reference, contact.police_officer) == ("CC-20261124-0117", "DC Priya Nair")
    assert AuditEvent.objects.get(action="contact.police_notified").detail["reference"] == "CC-20261124-0117"


def test_r_dec_6_the_task_and_its_time_are_on_the_contact_page(record, officer) -> None:
    with time_machine.travel(RECEIVED + datetime.timedelta(minutes=30), tick=False):
        contact = record(received_at=RECEIVED, suspected_crime=True)
        client = Client()
        client.force_login(officer)
        page = client.get(f"/contacts/{contact.reference}/").content.decode()
        assert "Not yet notified: 30 minutes since the contact was received" in page
        response = client.post(
            f"/contacts/{contact.reference}/police-notified/",
            {"at_0": "24", "at_1": "11", "at_2": "2026", "at_3": "10:20", "reference": "CC-0117", "officer": "DC Nair"},
        )
        assert response.status_code == 302
        page = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert "Notified 20 minutes after the contact was received, police reference CC-0117" in page
    assert "spoke to DC Nair" in page


def test_r_dec_6_the_police_task_is_due_at_once_on_the_dashboard(record, officer, manager, make_user) -> None:
    with time_machine.travel(RECEIVED + datetime.timedelta(minutes=5), tick=False):
        contact = record(received_at=RECEIVED, suspected_crime=True)
        items = _police_items(manager, timezone.now())
        assert [(i.due_at, i.url) for i in items] == [(RECEIVED, f"/contacts/{contact.reference}/police-notified/")]
        assert contact.reference in items[0].label
        assert _police_items(make_user(Role.BUSINESS_SUPPORT), timezone.now()) == []
        cs.contact_record_police_notified(contact=contact, by=officer, at=timezone.now(), reference="CC-1")
        assert _police_items(manager, timezone.now()) == []
