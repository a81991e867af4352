"""R-FB-3 (004 line 113): "The child should be seen as soon as possible if the decision is taken that the
Referral requires further assessment." When and by whom each such child was seen; owed on the contact's
"After the decision" panel and listed when closing. 004 sets no clock, so none is invented: the panel says
how long it has been since the decision."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.core.errors import ServiceError
from frontdoor.followup import selectors as sel
from frontdoor.followup.models import ChildSeen
from frontdoor.followup.services import child_seen_record

pytestmark = pytest.mark.django_db


def _after_the_decision(client: Client, reference: str) -> str:
    page = client.get(reverse("contacts:detail", args=[reference])).content.decode()
    return page[page.index('id="after-the-decision"') :]


def test_r_fb_3_a_child_decided_for_assessment_is_owed_a_visit_until_recorded_as_seen(
    decided, social_worker  # noqa: ANN001
) -> None:
    contact = decided(outcome="cfa")
    child = contact.people.get(role="subject").person
    client = Client()
    client.force_login(social_worker)
    panel = _after_the_decision(client, contact.reference)
    assert f"See {child.full_name}" in panel
    assert "As soon as possible: decided for assessment 0" in panel  # how long, in words ("0 minutes")
    assert reverse("followup:child-seen", args=[contact.reference, child.pk]) in panel
    owed = sel.followup_outstanding(contact)
    assert any(item.startswith(f"{child.full_name} has not been seen") for item in owed)
    url = reverse("followup:child-seen", args=[contact.reference, child.pk])
    refused = client.post(url, {"seen_by": "", "notes": "At school, with the class teacher"})
    assert "Enter who saw the child" in refused.content.decode()
    assert "At school, with the class teacher" in refused.content.decode()  # nothing typed is lost
    seen_at = timezone.localtime() - datetime.timedelta(minutes=5)
    done = client.post(
        url,
        {
            "seen_by": "Jo Field, social worker, Cambridge unit",
            "seen_at_0": seen_at.day,
            "seen_at_1": seen_at.month,
            "seen_at_2": seen_at.year,
            "seen_at_3": seen_at.strftime("%H:%M"),
            "notes": "At school, with the class teacher",
        },
    )
    assert done.status_code == 302
    record = ChildSeen.objects.get(contact=contact, child=child)
    assert record.seen_by == "Jo Field, social worker, Cambridge unit"
    assert record.recorded_by == social_worker
    event = AuditEvent.objects.get(action=AuditAction.CHILD_SEEN_RECORDED)
    assert event.detail["child"] == child.pk
    panel = _after_the_decision(client, contact.reference)
    assert "Seen by Jo Field, social worker, Cambridge unit" in panel
    assert not any("has not been seen" in item for item in sel.followup_outstanding(contact))
    with pytest.raises(ServiceError, match="already recorded as seen"):
        child_seen_record(contact=contact, by=social_worker, child_id=child.pk, seen_by="Someone")


def test_r_fb_3_closing_lists_a_child_not_yet_seen(decided, manager) -> None:  # noqa: ANN001
    contact = decided(outcome="strategy_discussion", need="significant_harm", rating="red", initial_rating="red")
    child = contact.people.get(role="subject").person
    outstanding = cs.contact_close(
        contact=contact, by=manager, summary="Strategy discussion held", outstanding_reason="Visit booked"
    ).closed_with_outstanding
    assert any(item.startswith(f"{child.full_name} has not been seen") for item in outstanding)


@pytest.mark.parametrize(
    ("outcome", "need"),
    [("information_advice", "not_cin"), ("early_help", "not_cin"), ("mash_enquiries", "cin_moderate")],
)
def test_r_fb_3_no_visit_is_owed_when_the_decision_is_not_for_assessment(
    decided, social_worker, outcome: str, need: str  # noqa: ANN001
) -> None:
    contact = decided(outcome=outcome, need=need)
    child = contact.people.get(role="subject").person
    assert sel.children_to_see(contact) == []
    client = Client()
    client.force_login(social_worker)
    assert f"See {child.full_name}" not in _after_the_decision(client, contact.reference)
    assert client.get(reverse("followup:child-seen", args=[contact.reference, child.pk])).status_code == 404
    with pytest.raises(ServiceError, match="not decided for assessment"):
        child_seen_record(contact=contact, by=social_worker, child_id=child.pk, seen_by="Jo Field")


def test_r_fb_3_the_time_seen_is_not_in_the_future_nor_before_the_contact(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided(outcome="cfa")
    child = contact.people.get(role="subject").person
    with pytest.raises(ServiceError, match="cannot be in the future"):
        child_seen_record(
            contact=contact,
            by=social_worker,
            child_id=child.pk,
            seen_by="Jo Field",
            seen_at=timezone.now() + datetime.timedelta(hours=2),
        )
    with pytest.raises(ServiceError, match="before the contact was received"):
        child_seen_record(
            contact=contact,
            by=social_worker,
            child_id=child.pk,
            seen_by="Jo Field",
            seen_at=contact.received_at - datetime.timedelta(days=1),
        )
    assert not ChildSeen.objects.exists()


def test_r_fb_3_the_time_seen_is_shown_in_london_time_in_summer(decided, social_worker) -> None:  # noqa: ANN001
    """Times are kept in UTC and shown as the clock on the wall said: 11:30 in July is 11:30 British Summer
    Time on the panel, not 10:30."""
    london = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 7, 15, 10, 0, tzinfo=london), tick=False):
        contact = decided(outcome="cfa")
    child = contact.people.get(role="subject").person
    seen_at = datetime.datetime(2026, 7, 15, 11, 30, tzinfo=london)
    with time_machine.travel(datetime.datetime(2026, 7, 15, 12, 0, tzinfo=london), tick=False):
        child_seen_record(contact=contact, by=social_worker, child_id=child.pk, seen_by="Jo Field", seen_at=seen_at)
        client = Client()
        client.force_login(social_worker)
        panel = _after_the_decision(client, contact.reference)
        page = client.get(reverse("followup:child-seen", args=[contact.reference, child.pk])).content.decode()
    assert "Seen by Jo Field, 15 Jul 2026 11:30" in panel
    assert "was seen by Jo Field on 15 July 2026, 11:30." in page
