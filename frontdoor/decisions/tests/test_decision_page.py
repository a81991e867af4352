"""The threshold decision page shows what a manager needs, asks only what applies, and the contact page
shows the decision's rationale afterwards."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.contacts import services as cs
from frontdoor.decisions.services import ChildDecision, decision_authorise

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(record, officer):  # noqa: ANN001, ANN201
    def make(**fields):  # noqa: ANN003, ANN202
        fields.setdefault("initial_rating", "amber")
        fields.setdefault("consent_status", "obtained")
        fields.setdefault("consent_given_by", "Jo Smith")
        contact = record(**fields)
        contact = cs.contact_update(
            contact=contact,
            by=officer,
            version=contact.version,
            screening_nature="Bruise on the arm",
            screening_how_why="Said dad hit him with a belt",
            hh_mental_illness="yes",
        )
        return cs.contact_submit_for_decision(
            contact=contact, by=officer, recommendation="cfa", recommendation_reason="Needs an assessment"
        )

    return make


def page(client, manager, contact) -> str:  # noqa: ANN001
    client.force_login(manager)
    return client.get(reverse("decisions:decide", args=[contact.reference])).content.decode()


def test_r_dec_2_r_dec_3_decide_page_shows_rating_and_its_clock(client, manager, awaiting) -> None:
    contact = awaiting()
    html = page(client, manager, contact)
    assert "Rating and clock" in html
    assert "govuk-tag--" in html
    assert "Amber" in html
    due = timezone.localtime(contact.decision_due_at)
    assert due.strftime("%a %-d %b %Y, %H:%M") in html
    assert "left" in html or "overdue" in html.lower()


def test_r_con_2_decide_page_shows_who_gave_consent_and_when(client, manager, awaiting) -> None:
    contact = awaiting()
    html = page(client, manager, contact)
    assert "Given by" in html
    assert "Jo Smith" in html
    assert timezone.localtime(contact.consent_at).strftime("%-d %b %Y") in html


def test_r_int_5_decide_page_shows_domestic_abuse_risk_and_assessment(client, manager, awaiting) -> None:
    contact = awaiting(domestic_abuse=True, da_risk_tool="caada_ric", da_risk_result="high")
    html = page(client, manager, contact)
    assert "Domestic abuse" in html
    assert "Assessment used" in html
    assert "Risk level" in html
    assert "High" in html


def test_r_dec_4_decide_page_shows_screening_summary_warnings_and_children(client, manager, awaiting) -> None:
    contact = awaiting(staff_related=True)
    html = page(client, manager, contact)
    assert "Bruise on the arm" in html
    assert "Said dad hit him with a belt" in html
    assert "Mental illness in the household" in html
    assert "Needs an assessment" in html
    assert "govuk-warning-text" in html
    assert "Alfie Smith" in html
    assert "about a member of staff" in html


def test_r_pol_decide_page_shows_the_policy_recommendation(client, manager, awaiting, officer) -> None:
    contact = awaiting(domestic_abuse=True, da_risk="high")
    html = page(client, manager, contact)
    assert "Policy recommendation" in html
    assert "Recommended outcome" in html
    assert 'name="policy_override_reason"' in html
    assert "Only if an outcome differs from the recommendation" in html


def test_r_con_4_without_consent_reason_only_when_consent_is_missing(client, manager, awaiting) -> None:
    html = page(client, manager, awaiting())
    assert 'name="consent_reason"' not in html
    assert 'name="policy_override_reason"' not in html  # nothing recommends an outcome
    html = page(client, manager, awaiting(consent_status="refused", consent_given_by=""))
    assert 'name="consent_reason"' in html
    assert 'data-aria-controls="conditional-id_without_consent"' in html
    assert "Only if a child is referred without consent" in html


def test_r_dec_7_head_of_service_is_revealed_by_removal(client, manager, awaiting) -> None:
    contact = awaiting()
    child = contact.people.get().person_id
    html = page(client, manager, contact)
    assert f'data-aria-controls="conditional-id_removal_{child}"' in html
    assert f'id="conditional-id_removal_{child}"' in html
    assert "Only if removal is being considered" in html


def test_r_int_7_staff_related_asks_head_of_service_without_a_reveal(client, manager, awaiting) -> None:
    contact = awaiting(staff_related=True)
    child = contact.people.get().person_id
    html = page(client, manager, contact)
    assert f'name="hos_{child}"' in html
    assert f'data-aria-controls="conditional-id_removal_{child}"' not in html


def test_r_con_4_the_service_still_refuses_without_consent_reason(client, manager, awaiting) -> None:
    contact = awaiting(consent_status="refused", consent_given_by="")
    child = contact.people.get().person_id
    client.force_login(manager)
    response = client.post(
        reverse("decisions:decide", args=[contact.reference]),
        {
            "version": contact.version,
            "rating": "amber",
            "rationale": "Assess",
            f"opened_{child}": "on",
            f"need_{child}": "cin_moderate",
            f"outcome_{child}": "cfa",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Record why it is right to proceed without consent" in html
    # The reason is revealed, not hidden, when it is what is missing.
    assert 'id="conditional-id_without_consent"' in html
    assert "govuk-checkboxes__conditional--hidden" not in html.split('id="conditional-id_without_consent"')[0][-200:]


def test_r_dec_5_contact_page_shows_the_rationale_with_who_decided_and_when(client, manager, awaiting) -> None:
    contact = awaiting()
    child = contact.people.get().person_id
    decision_authorise(
        contact=contact,
        manager=manager,
        rating="amber",
        rationale="Bruising with a disclosure: assess now.",
        children=[ChildDecision(person_id=child, opened=True, need_level="cin_moderate", outcome="cfa")],
        version=contact.version,
    )
    contact.refresh_from_db()
    client.force_login(manager)
    html = client.get(f"/contacts/{contact.reference}/").content.decode()
    card = html.split('id="decision"')[1].split("Deadlines")[0]
    assert "The manager's rationale" in card
    assert "Bruising with a disclosure: assess now." in card
    assert manager.display_name in card
    assert timezone.localtime(contact.decided_at).strftime("%-d %B %Y, %H:%M") in card
    assert "Alfie Smith" in card


def _post(client, manager, contact, **extra):  # noqa: ANN001, ANN003, ANN202
    child = contact.people.get().person_id
    client.force_login(manager)
    data = {
        "version": contact.version,
        "rating": "amber",
        "rationale": "Assess",
        f"opened_{child}": "on",
        f"need_{child}": "cin_moderate",
        f"outcome_{child}": "cfa",
        **extra,
    }
    return client.post(reverse("decisions:decide", args=[contact.reference]), data)


def test_r_dec_6_decision_blocked_by_the_police_links_to_where_it_is_recorded(client, manager, awaiting) -> None:
    contact = awaiting(suspected_crime=True)
    response = _post(client, manager, contact)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="/contacts/{contact.reference}/police-notified/#id_at_0">' in html


def test_r_int_7_missing_head_of_service_is_reported_beside_the_field(client, manager, awaiting) -> None:
    contact = awaiting(staff_related=True)
    child = contact.people.get().person_id
    html = _post(client, manager, contact).content.decode()
    assert f'id="id_hos_{child}-error"' in html
