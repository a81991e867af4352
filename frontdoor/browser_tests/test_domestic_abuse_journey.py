"""In Chromium: a police notification about domestic abuse arrives without a DASH. The contact page
and the duty queue flag it and prompt for the DASH; the worker records the request (R-INT-5).
Every page is checked with axe-core."""

import pytest

from frontdoor.contacts.models import Contact

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


def test_r_int_5_police_notification_without_a_dash_is_flagged_and_the_request_recorded(
    page, live_server, make_user
) -> None:  # noqa: ANN001
    user = make_user("information_officer")
    user.set_password(PASSWORD)
    user.save()
    base = live_server.url
    sign_in(page, base, "information_officer", PASSWORD)
    page.click("text=Record a contact")
    assert axe_violations(page) == []
    page.select_option("#id_channel", "police_notification")
    page.check("#id_referrer_kind_0")  # professional
    page.fill("#id_referrer_name", "PC Dana Shah")
    page.fill("#id_referrer_agency", "Cambridgeshire Police")
    page.fill("#id_child-0-given_names", "Leo")
    page.fill("#id_child-0-family_name", "Hart")
    page.fill("#id_child-0-date_of_birth_0", "4")
    page.fill("#id_child-0-date_of_birth_1", "6")
    page.fill("#id_child-0-date_of_birth_2", "2017")
    page.fill("#id_reason", "Police called to the home overnight: father assaulted mother; Leo was present.")
    page.check("#id_domestic_abuse")
    page.select_option("#id_da_risk_tool", "police")
    page.select_option("#id_da_risk_result", "high")
    page.select_option("#id_initial_rating", "red")
    page.click("button:has-text('Record contact')")
    page.wait_for_selector("text=recorded")
    reference = page.locator("h1").inner_text().split()[0]
    flags = page.locator(".app-flags")
    assert "Domestic abuse: high risk" in flags.inner_text()
    assert "DASH needed" in flags.inner_text()
    assert "has no DASH risk assessment: request it" in page.content()
    assert "MASH enquiries are undertaken" in page.content()
    assert axe_violations(page) == []

    page.goto(f"{base}/contacts/?queue=duty")
    row = page.locator("tr", has_text=reference)
    assert "Domestic abuse: high risk" in row.inner_text()
    assert "DASH needed" in row.inner_text()
    assert axe_violations(page) == []

    row.locator(f"a:has-text('{reference}')").click()
    page.click("button:has-text('Record that the DASH was requested')")
    page.wait_for_selector("text=DASH request recorded")
    assert "DASH requested" in page.locator(".app-flags").inner_text()
    assert page.locator("button:has-text('Record that the DASH was requested')").count() == 0
    assert axe_violations(page) == []
    assert Contact.objects.get(reference=reference).dash_requested_at is not None

    page.goto(f"{base}/contacts/?queue=duty")
    assert "DASH requested" in page.locator("tr", has_text=reference).inner_text()
    assert axe_violations(page) == []
