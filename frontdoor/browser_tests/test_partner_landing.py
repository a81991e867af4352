"""In Chromium: a MASH partner signs in to their agency's checks and can reach nothing else, and a
manager sees the partner's overdue check on the dashboard (R-ROUTE-3); business support signs in to
the strategy meetings. Every page visited passes axe-core."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


def _user(make_user, role: str, username: str, **extra: str):  # noqa: ANN001, ANN202
    user = make_user(role, username=username, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_r_route_3_a_partner_lands_on_their_checks_and_reaches_nothing_else(
    page, live_server, make_user, record, officer  # noqa: ANN001
) -> None:
    with time_machine.travel(datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=5)):
        contact = record(consent_status="obtained", consent_given_by="Mum", initial_rating="red")
        cs.agency_check_request(contact=contact, by=officer, agency="police", question="Any call-outs?")
    partner = _user(make_user, Role.MASH_PARTNER, "b-police", agency="police")
    sign_in(page, live_server.url, partner.username, PASSWORD)
    page.wait_for_selector("h1:has-text('Checks for')")
    assert page.url == f"{live_server.url}{reverse('landing:checks')}"
    assert "Any call-outs?" in page.content()
    assert "Overdue by" in page.content()
    assert axe_violations(page) == []
    menu = page.locator("#navigation a").all_inner_texts()
    assert menu == ["Checks for Cambridgeshire Police"]
    for path in (
        reverse("contacts:queue"),
        reverse("contacts:detail", args=[contact.reference]),
        reverse("people:search"),
        reverse("decisions:decide", args=[contact.reference]),
        reverse("dashboard:index"),
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 404, path
    assert axe_violations(page) == []

    manager = _user(make_user, Role.TEAM_MANAGER, "b-manager")
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.context.clear_cookies()
    sign_in(page, live_server.url, manager.username, PASSWORD)
    page.click("#navigation a:has-text('What is due')")
    page.wait_for_selector("h1:has-text('What is due')")
    overdue = page.locator("#overdue + div table")
    assert "Agency check" in overdue.inner_text()
    assert contact.reference in overdue.inner_text()
    assert axe_violations(page) == []


def test_business_support_lands_on_the_strategy_meetings(page, live_server, make_user) -> None:  # noqa: ANN001
    support = _user(make_user, Role.BUSINESS_SUPPORT, "b-support")
    sign_in(page, live_server.url, support.username, PASSWORD)
    page.wait_for_selector("h1")
    assert "strategy" in page.url
    assert "Strategy" in page.locator("h1").inner_text()
    assert axe_violations(page) == []
