"""In Chromium: a MASH partner answers their agency's check from their checks page (R-ROUTE-3), seeing only
the question and the child; both pages pass axe-core."""

import pytest

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


def test_r_route_3_a_partner_answers_a_check(page, live_server, make_user, record, officer) -> None:  # noqa: ANN001
    contact = record(consent_status="obtained", consent_given_by="Mrs Consent-Giver")
    cs.agency_check_request(contact=contact, by=officer, agency="police", question="Any call-outs to the address?")
    partner = make_user(Role.MASH_PARTNER, username="b-partner", agency="police")
    partner.set_password(PASSWORD)
    partner.save()
    sign_in(page, live_server.url, partner.username, PASSWORD)
    page.click(f"a[href^='/contacts/{contact.reference}/checks/']")
    page.wait_for_selector("h1:has-text('check')")
    assert "Any call-outs to the address?" in page.content()
    assert "Mrs Consent-Giver" not in page.content()
    assert axe_violations(page) == []
    page.fill("#id_response", "One call-out in March.")
    page.click("button:has-text('Send response')")
    page.wait_for_selector("text=has been recorded")
    assert page.url == f"{live_server.url}/checks/"
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/contacts/{contact.reference}/")
    assert "Page not found" in page.content() or "not found" in page.content().lower()
