"""Closing asks what is still outstanding and records why the contact was closed anyway."""

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Status
from frontdoor.core.errors import ServiceError
from frontdoor.decisions.services import ChildDecision, decision_authorise
from frontdoor.followup.services import child_seen_record, family_told_record, feedback_give

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(record, officer, manager):  # noqa: ANN001, ANN201
    def make(**fields):  # noqa: ANN003, ANN202
        fields.setdefault("initial_rating", "amber")
        fields.setdefault("consent_status", "obtained")
        fields.setdefault("consent_given_by", "Mum")
        contact = record(**fields)
        contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
        contact = cs.contact_submit_for_decision(
            contact=contact, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
        )
        child = contact.people.first().person_id
        decision_authorise(
            contact=contact,
            manager=manager,
            rating="amber",
            rationale="Assess the family.",
            children=[ChildDecision(person_id=child, opened=True, need_level="cin_moderate", outcome="cfa")],
            version=contact.version,
        )
        contact.refresh_from_db()
        return contact

    return make


def _followed_up(contact, officer) -> None:  # noqa: ANN001
    """R-FB-1, R-FB-3: the referrer told the outcome, the family told what will happen, the child seen."""
    feedback_give(contact=contact, by=officer, kind="outcome", method="phone", to_whom="Sam", text="An assessment")
    family_told_record(contact=contact, by=officer, told=False, not_told_reason="Risk to the child")
    child = contact.people.first().person_id
    child_seen_record(contact=contact, by=officer, child_id=child, seen_by="Jo Field, social worker")


def test_r_dec_2_r_int_6_close_with_outstanding_items_requires_a_reason(decided, manager) -> None:
    contact = decided()  # a professional who phoned: a written follow-up is due
    with pytest.raises(ServiceError, match="say why it is being closed anyway") as caught:
        cs.contact_close(contact=contact, by=manager, summary="Assessment allocated")
    assert caught.value.field == "outstanding_reason"
    contact = cs.contact_close(
        contact=contact, by=manager, summary="Assessment allocated", outstanding_reason="Referrer rang back"
    )
    assert contact.status == Status.CLOSED
    *listed, seen = contact.closed_with_outstanding
    assert listed == [
        "The referrer has not been acknowledged.",
        "The referrer's written follow-up has not been received.",
        "The referrer has not been told the outcome.",
        "The child and family have not been told what will happen.",
    ]
    assert seen.startswith(f"{contact.people.first().person.full_name} has not been seen")  # R-FB-3
    assert contact.closed_anyway_reason == "Referrer rang back"
    event = AuditEvent.objects.filter(action="contact.closed").get()
    assert event.detail["closed_anyway_reason"] == "Referrer rang back"
    assert len(event.detail["outstanding"]) == 5


def test_r_dec_2_close_with_nothing_outstanding_needs_no_reason(decided, manager, officer) -> None:
    contact = decided()
    contact = cs.contact_acknowledge(contact=contact, by=officer)
    contact = cs.contact_record_written_follow_up(contact=contact, by=officer)
    _followed_up(contact, officer)
    contact = cs.contact_close(contact=contact, by=manager, summary="Assessment allocated")
    assert contact.status == Status.CLOSED
    assert contact.closed_with_outstanding == []
    assert contact.closed_anyway_reason == ""


def test_r_route_3_an_unanswered_agency_check_is_outstanding(decided, manager, officer) -> None:
    contact = decided()
    contact = cs.contact_acknowledge(contact=contact, by=officer)
    contact = cs.contact_record_written_follow_up(contact=contact, by=officer)
    cs.agency_check_request(contact=contact, by=officer, agency="health")
    contact.refresh_from_db()
    with pytest.raises(ServiceError, match="still outstanding"):
        cs.contact_close(contact=contact, by=manager, summary="Done")


def test_close_page_lists_what_is_outstanding_and_asks_why(client, decided, manager) -> None:
    contact = decided()
    client.force_login(manager)
    url = f"/contacts/{contact.reference}/close/"
    page = client.get(url).content.decode()
    assert "Still outstanding on this contact" in page
    assert "The referrer has not been acknowledged." in page
    assert 'name="outstanding_reason"' in page
    response = client.post(url, {"summary": "Assessment allocated"})
    assert response.status_code == 200
    assert "Say why the contact is being closed with these still outstanding" in response.content.decode()
    response = client.post(url, {"summary": "Assessment allocated", "outstanding_reason": "Told by phone"})
    assert response.status_code == 302
    page = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert "Closed with work outstanding" in page
    assert "Told by phone" in page


def test_close_page_without_outstanding_items_does_not_ask(client, decided, manager, officer) -> None:
    contact = decided()
    contact = cs.contact_acknowledge(contact=contact, by=officer)
    cs.contact_record_written_follow_up(contact=contact, by=officer)
    _followed_up(contact, officer)
    client.force_login(manager)
    page = client.get(f"/contacts/{contact.reference}/close/").content.decode()
    assert "Still outstanding" not in page
    assert 'name="outstanding_reason"' not in page


def test_r_int_5_closing_without_the_dash_requested_links_to_the_request(client, decided, manager) -> None:
    contact = decided(domestic_abuse=True, channel="police_notification")
    client.force_login(manager)
    response = client.post(
        f"/contacts/{contact.reference}/close/", {"summary": "Advice given", "outstanding_reason": "Told by phone"}
    )
    assert response.status_code == 200
    assert (
        f'<a href="/contacts/{contact.reference}/request-dash/">Request the missing DASH' in response.content.decode()
    )
