"""In Chromium: business support land on the strategy meetings they organise and minute one (002 s6); and
the journey from a Red contact through the police's check to a strategy meeting whose minutes the chair
signs off and whose decision is a section 47 enquiry, then the outcome emailed to the professional referrer
(R-ROUTE-3, R-STRAT-1, R-FB-1). Axe on every page."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.followup.models import Feedback, FeedbackKind
from frontdoor.outbox.models import OutboxMessage
from frontdoor.strategy import services as ss
from frontdoor.strategy.models import StrategyMeeting
from frontdoor.strategy.testing import decide_for_strategy, requested_meeting

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


def _login_user(make_user, role, username, **extra):  # noqa: ANN001, ANN003, ANN202
    user = make_user(role, username=username, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def _as(page, live_server, user) -> None:  # noqa: ANN001
    page.context.clear_cookies()
    sign_in(page, live_server.url, user.username, PASSWORD)
    page.wait_for_selector("h1")


def _checked(page) -> None:  # noqa: ANN001
    assert axe_violations(page) == [], page.url


def _fill_time(page, field: str, when: datetime.datetime) -> None:  # noqa: ANN001
    when = timezone.localtime(when)
    for part, value in enumerate((str(when.day), str(when.month), str(when.year), when.strftime("%H:%M"))):
        page.fill(f"#id_{field}_{part}", value)


def test_002_business_support_land_on_their_meetings_and_minute_one(  # noqa: ANN001
    page, live_server, make_user, record, officer, manager, social_worker
) -> None:
    organiser = _login_user(make_user, Role.BUSINESS_SUPPORT, "b-organiser")
    contact = decide_for_strategy(record(initial_rating="red"), officer, manager)
    meeting = requested_meeting(
        contact, manager, social_worker, meeting_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    ss.strategy_partner_invite(meeting=meeting, by=organiser, agency="police", name="DS Kerry Cole")
    ss.strategy_partner_invite(meeting=meeting, by=organiser, agency="referrer")

    _as(page, live_server, organiser)
    assert page.url == f"{live_server.url}/strategy-meetings/"
    assert page.locator("h1").inner_text() == "Strategy meetings"
    _checked(page)
    page.click(f"#minutes-due a[href='/strategy-meetings/{meeting.pk}/'], a[href='/strategy-meetings/{meeting.pk}/']")
    page.wait_for_selector("h1:has-text('Minutes due')")
    _checked(page)
    page.click("a:has-text('Record the minutes')")
    _checked(page)
    page.fill("#id_minutes", "Police and the school attended. Agreed a section 47 enquiry.")
    page.click("button:has-text('Save the minutes')")
    page.wait_for_selector("text=Minutes recorded")
    assert "Police and the school attended." in page.content()
    _checked(page)
    page.goto(f"{live_server.url}/contacts/{contact.reference}/")
    assert "not found" in page.content().lower()


def test_journey_red_contact_police_check_strategy_meeting_s47(  # noqa: ANN001
    page, live_server, make_user, record, officer
) -> None:
    manager = _login_user(make_user, Role.TEAM_MANAGER, "b-manager")
    worker = _login_user(make_user, Role.DUTY_SOCIAL_WORKER, "b-worker")
    police = _login_user(make_user, Role.MASH_PARTNER, "b-police", agency="police", email="dc.cole@police.uk")
    organiser = _login_user(make_user, Role.BUSINESS_SUPPORT, "b-organiser")
    contact = record(initial_rating="red", consent_status="obtained", consent_given_by="Mum")
    cs.agency_check_request(contact=contact, by=officer, agency="police", question="Any call-outs to the address?")

    # the police answer their check
    _as(page, live_server, police)
    page.click(f"a[href^='/contacts/{contact.reference}/checks/']")
    page.wait_for_selector("h1:has-text('check')")
    _checked(page)
    page.fill("#id_response", "Two domestic incidents at the address this year.")
    page.click("button:has-text('Send response')")
    page.wait_for_selector("text=has been recorded")

    # the manager decides on a strategy discussion (through the service) and allocates a social worker
    contact = decide_for_strategy(contact, officer, manager)
    _as(page, live_server, manager)
    page.goto(f"{live_server.url}/contacts/{contact.reference}/")
    assert "Two domestic incidents at the address this year." in page.content()
    page.click("a:has-text('Allocate a social worker for the strategy meeting')")
    _checked(page)
    page.select_option("#id_social_worker", str(worker.pk))
    page.click("button:has-text('Allocate')")
    page.wait_for_selector("text=Social worker allocated")
    _checked(page)
    meeting = StrategyMeeting.objects.get(contact=contact)

    # the social worker requests the meeting, with its time, the chronology and an initial analysis
    _as(page, live_server, worker)
    page.goto(f"{live_server.url}/strategy-meetings/{meeting.pk}/request/")
    _checked(page)
    _fill_time(page, "meeting_at", timezone.now() - datetime.timedelta(minutes=2))
    page.fill("#id_chronology", "2024: one earlier contact, advice given.")
    page.fill("#id_initial_analysis", "A consistent account of being hit by his father.")
    page.click("button:has-text('Send the request')")
    page.wait_for_selector("text=Request sent to business support")

    # business support invite the police (a user) and the referrer, and minute the meeting
    _as(page, live_server, organiser)
    page.click(f"a[href='/strategy-meetings/{meeting.pk}/']")
    page.click("a:has-text('Invite a partner')")
    _checked(page)
    page.check("input[name=agency][value=police]")
    page.fill("#id_name", "DC Cole")
    page.fill("#id_email", police.email)
    page.click("button:has-text('Invite')")
    page.wait_for_selector("text=Invitation recorded")
    page.click("a:has-text('Invite a partner')")
    page.check("input[name=agency][value=referrer]")
    page.click("button:has-text('Invite')")
    page.wait_for_selector("text=Invitation recorded")
    assert "Sam Teacher" in page.content()  # a professional referrer, invited
    page.click("a:has-text('Record reply')")
    _checked(page)
    page.check("input[name=reply][value=accepted]")
    page.click("button:has-text('Save')")
    page.wait_for_selector("text=Reply recorded")
    page.click("a:has-text('Record the minutes')")
    page.fill("#id_minutes", "Police shared two incidents. Agreed: section 47 enquiry and a joint visit.")
    page.click("button:has-text('Save the minutes')")
    page.wait_for_selector("text=Minutes recorded")
    _checked(page)

    # the chair signs off the minutes and records the decision on the child
    _as(page, live_server, manager)
    page.goto(f"{live_server.url}/strategy-meetings/{meeting.pk}/")
    page.click("a:has-text('Sign off the minutes')")
    _checked(page)
    page.click("button:has-text('Sign off the minutes')")
    page.wait_for_selector("text=Minutes signed off")
    child = contact.people.get(role="subject").person
    page.click(f"a[href='/strategy-meetings/{meeting.pk}/children/{child.pk}/outcome/']")
    _checked(page)
    page.check("input[name=section_47][value=yes]")
    page.fill("#id_reasons", "Reasonable cause to suspect significant harm.")
    page.click("button:has-text('Save the decision')")
    page.wait_for_selector("text=Decision recorded")
    assert "Reasonable cause to suspect significant harm." in page.content()
    _checked(page)
    page.goto(f"{live_server.url}/contacts/{contact.reference}/")
    assert "Minutes signed off" in page.content()
    _checked(page)

    # the professional referrer is told the outcome (R-FB-1), from a text pre-filled from the decision
    page.click("a:has-text('Tell the referrer the outcome')")
    _checked(page)
    assert page.input_value("#id_text").strip()
    page.check("input[name=method][value=email]")
    page.fill("#id_address", "sam.teacher@cambridgeshire.gov.uk")
    page.click("button:has-text('Record and send')")
    page.wait_for_selector("text=Email sent to the outbox")
    _checked(page)
    feedback = Feedback.objects.get(contact=contact, kind=FeedbackKind.OUTCOME)
    email = OutboxMessage.objects.get(to_address="sam.teacher@cambridgeshire.gov.uk")
    assert email.status == OutboxMessage.Status.PENDING  # a secure address: waiting for the worker, not held
    assert feedback.text.strip().splitlines()[0] in email.body
