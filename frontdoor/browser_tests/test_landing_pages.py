"""In Chromium: each role signs in and lands on its own work; every landing page passes axe-core, and the
head of service records a consultation from theirs."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.decisions.models import ThresholdDecision

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105

LANDINGS = [
    (Role.TEAM_MANAGER, "/contacts/?queue=authorise", "Awaiting my authorisation"),
    (Role.DUTY_SOCIAL_WORKER, "/contacts/?queue=duty", "Duty queue"),
    (Role.MASH_PARTNER, "/checks/", "Checks for Cambridgeshire Police"),
    (Role.BUSINESS_SUPPORT, "/strategy-meetings/", "Strategy meetings"),
    (Role.HEAD_OF_SERVICE, "/consultations/", "What you must be consulted on"),
    (Role.REFERRER, "/", "Making a referral to the Integrated Front Door"),
    (Role.PERFORMANCE_ANALYST, "/", "Performance"),
    (Role.SYSTEM_ADMIN, "/", "Running the service"),
]


@pytest.fixture
def work(record, officer, manager):  # noqa: ANN001, ANN201
    """A contact with a police check, one about a member of staff, one going to a strategy discussion."""
    checked = record(consent_status="obtained", consent_given_by="Mum")
    cs.agency_check_request(contact=checked, by=officer, agency="police", question="Any call-outs to the address?")
    staff = record(staff_related=True)
    strategy = record()
    ThresholdDecision.objects.create(
        contact=strategy,
        child=strategy.people.get(role="subject").person,
        need_level="significant_harm",
        outcome="strategy_discussion",
        rating="red",
        rationale="Strategy discussion needed.",
        team_key="mash",
        authorised_by=manager,
        authorised_at=timezone.now() - datetime.timedelta(hours=1),
    )
    return {"staff": staff}


def test_each_role_lands_on_its_own_work(page, live_server, make_user, work) -> None:  # noqa: ANN001
    for role, path, heading in LANDINGS:
        user = make_user(role, username=f"b-{role}", agency="police" if role == Role.MASH_PARTNER else "")
        user.set_password(PASSWORD)
        user.save()
        page.context.clear_cookies()
        sign_in(page, live_server.url, user.username, PASSWORD)
        page.wait_for_selector("h1")
        assert page.url == f"{live_server.url}{path}", role
        assert page.locator("h1").inner_text() == heading, role
        assert axe_violations(page) == [], role

    # the head of service records a consultation from their landing page
    page.context.clear_cookies()
    sign_in(page, live_server.url, f"b-{Role.HEAD_OF_SERVICE}", PASSWORD)
    page.click(f"a[href^='/consultations/{work['staff'].reference}/record/']")
    assert axe_violations(page) == []
    page.check("input[name=about][value=staff]")
    when = timezone.localtime() - datetime.timedelta(minutes=1)
    for part, value in enumerate((str(when.day), str(when.month), str(when.year), when.strftime("%H:%M"))):
        page.fill(f"#id_consulted_at_{part}", value)
    page.fill("#id_advice", "A neighbouring authority should assess.")
    page.click("button:has-text('Save consultation')")
    page.wait_for_selector("text=Your consultation and advice are recorded")
    assert "A neighbouring authority should assess." in page.content()
    assert axe_violations(page) == []
