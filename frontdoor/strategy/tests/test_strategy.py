"""Strategy meetings (R-STRAT-1, 002 s6) and business support's view of them (R-CON-8)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from frontdoor.access.policy import contacts_visible_to, strategy_meetings_visible_to
from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.core.due import due_items
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.procedures.loader import get_profile
from frontdoor.strategy import services as ss
from frontdoor.strategy.models import Reply
from frontdoor.strategy.testing import decide_for_strategy, requested_meeting

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def business_support(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.BUSINESS_SUPPORT, email="bs@cambridgeshire.gov.uk")


@pytest.fixture
def strategy_contact(record, officer, manager):  # noqa: ANN001, ANN201
    return decide_for_strategy(record(initial_rating="red"), officer, manager)


def _held(meeting, business_support, *, police=True, referrer=True):  # noqa: ANN001, ANN202
    if police:
        ss.strategy_partner_invite(meeting=meeting, by=business_support, agency="police", name="DS Kerry Cole")
    if referrer:
        ss.strategy_partner_invite(meeting=meeting, by=business_support, agency="referrer")
    return meeting


def test_r_strat_1_the_manager_allocates_a_social_worker_and_chairs(strategy_contact, manager, social_worker) -> None:
    meeting = ss.strategy_worker_allocate(contact=strategy_contact, manager=manager, social_worker=social_worker)
    assert (meeting.chair, meeting.social_worker) == (manager, social_worker)
    event = AuditEvent.objects.get(action="strategy.worker_allocated")
    assert event.object_id == str(strategy_contact.pk)


def test_r_strat_1_only_a_manager_allocates(strategy_contact, social_worker, business_support) -> None:
    for user in (social_worker, business_support):
        with pytest.raises(PermissionDenied):
            ss.strategy_worker_allocate(contact=strategy_contact, manager=user, social_worker=social_worker)


def test_r_strat_1_a_meeting_follows_a_strategy_decision_only(record, manager, social_worker) -> None:
    with pytest.raises(ServiceError, match="strategy discussion"):
        ss.strategy_worker_allocate(contact=record(), manager=manager, social_worker=social_worker)


def test_r_strat_1_the_worker_allocated_must_be_a_social_worker(strategy_contact, manager, business_support) -> None:
    with pytest.raises(ServiceError) as raised:
        ss.strategy_worker_allocate(contact=strategy_contact, manager=manager, social_worker=business_support)
    assert raised.value.field == "social_worker"


def test_r_strat_1_the_request_is_recorded_with_its_time(strategy_contact, manager, social_worker) -> None:
    with time_machine.travel(at(2026, 11, 30, 10, 5), tick=False):
        meeting = requested_meeting(strategy_contact, manager, social_worker, meeting_at=at(2026, 11, 30, 14, 0))
    assert meeting.requested_at == at(2026, 11, 30, 10, 5)
    assert meeting.meeting_at == at(2026, 11, 30, 14, 0)
    assert meeting.chronology
    assert meeting.initial_analysis


def test_r_strat_1_the_request_needs_the_chronology_and_the_analysis(strategy_contact, manager, social_worker) -> None:
    meeting = ss.strategy_worker_allocate(contact=strategy_contact, manager=manager, social_worker=social_worker)
    when = timezone.now() + datetime.timedelta(hours=1)
    with pytest.raises(ServiceError) as raised:
        ss.strategy_request_record(meeting=meeting, by=social_worker, meeting_at=when, initial_analysis="Harm.")
    assert raised.value.field == "chronology"
    with pytest.raises(ServiceError) as raised:
        ss.strategy_request_record(meeting=meeting, by=social_worker, meeting_at=when, chronology="None known.")
    assert raised.value.field == "initial_analysis"


def test_r_strat_1_only_the_allocated_worker_or_chair_requests(
    strategy_contact, manager, social_worker, make_user
) -> None:
    meeting = ss.strategy_worker_allocate(contact=strategy_contact, manager=manager, social_worker=social_worker)
    other = make_user(Role.DUTY_SOCIAL_WORKER, username="other-worker")
    with pytest.raises(ServiceError, match="allocated social worker"):
        ss.strategy_request_record(
            meeting=meeting, by=other, meeting_at=timezone.now(), chronology="x", initial_analysis="y"
        )


def test_r_strat_1_minutes_due_24_hours_after_the_meeting(strategy_contact, manager, social_worker) -> None:
    """002 s6: "The minutes should be circulated to attendees within 24 hours of the meeting"."""
    assert str(get_profile().strategy_minutes_within) == "24 hours"
    meeting = requested_meeting(strategy_contact, manager, social_worker, meeting_at=at(2026, 11, 27, 16, 0))
    assert meeting.minutes_due_at == at(2026, 11, 28, 16, 0)  # clock hours, over a Saturday


def test_r_strat_1_minutes_clock_follows_the_profile(strategy_contact, manager, social_worker, settings) -> None:
    profile = get_profile()
    changed = profile.model_copy(
        update={
            "strategy_minutes_within": profile.decision_deadline.model_copy(
                update={"amount": 2, "unit": "working_days"}
            )
        }
    )
    from unittest import mock

    with mock.patch("frontdoor.strategy.services.get_profile", return_value=changed):
        meeting = requested_meeting(strategy_contact, manager, social_worker, meeting_at=at(2026, 11, 27, 16, 0))
    assert meeting.minutes_due_at == at(2026, 12, 1, 16, 0)  # Friday + 2 working days


def test_r_strat_1_no_meeting_without_the_police_invited(
    strategy_contact, manager, social_worker, business_support
) -> None:
    """001: "a strategy discussion with the relevant agencies including at least the Police"."""
    meeting = requested_meeting(strategy_contact, manager, social_worker, meeting_at=timezone.now())
    _held(meeting, business_support, police=False)
    with pytest.raises(ServiceError, match="police must be invited"):
        ss.strategy_minutes_record(meeting=meeting, by=business_support, minutes="Discussed.")
    ss.strategy_partner_invite(meeting=meeting, by=business_support, agency="police", name="DS Kerry Cole")
    meeting = ss.strategy_minutes_record(meeting=meeting, by=business_support, minutes="Discussed.")
    assert meeting.minutes_recorded_by == business_support


def test_r_strat_1_the_professional_referrer_is_invited_or_a_reason_recorded(
    strategy_contact, manager, social_worker, business_support
) -> None:
    """002 s6: "A professional who has made the referral should normally be invited"."""
    meeting = requested_meeting(strategy_contact, manager, social_worker, meeting_at=timezone.now())
    _held(meeting, business_support, referrer=False)
    with pytest.raises(ServiceError, match="referral"):
        ss.strategy_minutes_record(meeting=meeting, by=business_support, minutes="Discussed.")
    ss.strategy_referrer_not_invited(meeting=meeting, by=business_support, reason="On leave; sent a report.")
    ss.strategy_minutes_record(meeting=meeting, by=business_support, minutes="Discussed.")


def test_r_strat_1_the_referrer_invited_is_the_professional_recorded(
    strategy_contact, manager, social_worker, business_support
) -> None:
    meeting = requested_meeting(strategy_contact, manager, social_worker)
    invitee = ss.strategy_partner_invite(meeting=meeting, by=business_support, agency="referrer")
    assert invitee.name == "Sam Teacher"


def test_r_con_8_a_non_professional_referrer_is_never_invited(
    record, officer, manager, social_worker, business_support
) -> None:
    contact = decide_for_strategy(
        record(initial_rating="red", referrer_kind="family_member", referrer_name="Nan Jones"), officer, manager
    )
    meeting = requested_meeting(contact, manager, social_worker, meeting_at=timezone.now())
    with pytest.raises(ServiceError, match="professional"):
        ss.strategy_partner_invite(meeting=meeting, by=business_support, agency="referrer")
    invitee = ss.strategy_partner_invite(meeting=meeting, by=business_support, agency="police", name="DS Cole")
    subject, body = ss.invitation_text(invitee)
    assert "Nan" not in subject + body
    assert "Jones" not in subject + body
    ss.strategy_minutes_record(meeting=meeting, by=business_support, minutes="Discussed.")  # no referrer to invite
    client = Client()
    client.force_login(business_support)
    page = client.get(f"/strategy-meetings/{meeting.pk}/").content.decode()
    assert "Nan Jones" not in page
    assert "Nan Jones" not in client.get(f"/strategy-meetings/{meeting.pk}/invite/").content.decode()


def test_r_strat_1_each_reply_is_recorded_with_its_time(
    strategy_contact, manager, social_worker, business_support
) -> None:
    meeting = requested_meeting(strategy_contact, manager, social_worker)
    invitee = ss.strategy_partner_invite(meeting=meeting, by=business_support, agency="health", name="Dr Ada Shah")
    assert invitee.reply == Reply.NO_REPLY
    replied = timezone.now() - datetime.timedelta(minutes=3)
    invitee = ss.strategy_reply_record(invitee=invitee, by=business_support, reply="declined", at=replied)
    assert (invitee.reply, invitee.replied_at) == ("declined", replied)
    with pytest.raises(ServiceError):
        ss.strategy_reply_record(
            invitee=invitee, by=business_support, reply="accepted", at=timezone.now() + datetime.timedelta(hours=1)
        )


def test_r_strat_1_minutes_wait_for_the_meeting(strategy_contact, manager, social_worker, business_support) -> None:
    meeting = _held(requested_meeting(strategy_contact, manager, social_worker), business_support)
    with pytest.raises(ServiceError, match="not taken place"):
        ss.strategy_minutes_record(meeting=meeting, by=business_support, minutes="Too soon.")


def test_r_strat_1_the_chairing_manager_signs_off_the_minutes(
    strategy_contact, manager, social_worker, business_support, make_user
) -> None:
    meeting = requested_meeting(strategy_contact, manager, social_worker, meeting_at=timezone.now())
    _held(meeting, business_support)
    with pytest.raises(ServiceError, match="not been recorded"):
        ss.strategy_minutes_sign_off(meeting=meeting, manager=manager)
    ss.strategy_minutes_record(meeting=meeting, by=business_support, minutes="Police to interview the father.")
    with pytest.raises(PermissionDenied):
        ss.strategy_minutes_sign_off(meeting=meeting, manager=business_support)
    other_manager = make_user(Role.TEAM_MANAGER, username="another-manager")
    with pytest.raises(ServiceError, match="chairs"):
        ss.strategy_minutes_sign_off(meeting=meeting, manager=other_manager)
    meeting = ss.strategy_minutes_sign_off(meeting=meeting, manager=manager)
    assert meeting.signed_off_at is not None
    with pytest.raises(ServiceError):
        ss.strategy_minutes_record(meeting=meeting, by=business_support, minutes="Changed afterwards.")


def test_r_strat_1_the_outcome_for_each_child_with_reasons_and_actions(
    strategy_contact, manager, social_worker, business_support
) -> None:
    meeting = requested_meeting(strategy_contact, manager, social_worker, meeting_at=timezone.now())
    child = strategy_contact.people.get(role="subject").person
    with pytest.raises(ServiceError) as raised:
        ss.strategy_child_outcome_record(meeting=meeting, manager=manager, child=child, section_47=True, reasons=" ")
    assert raised.value.field == "reasons"
    outcome = ss.strategy_child_outcome_record(
        meeting=meeting, manager=manager, child=child, section_47=True, reasons="Injury consistent with the account."
    )
    assert outcome.section_47 is True
    with pytest.raises(PermissionDenied):
        ss.strategy_child_outcome_record(
            meeting=meeting, manager=business_support, child=child, section_47=False, reasons="x"
        )
    action = ss.strategy_action_add(
        meeting=meeting,
        by=business_support,
        what="Joint visit with the police",
        owner="Duty social worker and DS Cole",
        due_on=timezone.localdate() + datetime.timedelta(days=1),
        child=child,
    )
    assert action.owner == "Duty social worker and DS Cole"
    with pytest.raises(ServiceError) as raised:
        ss.strategy_action_add(meeting=meeting, by=business_support, what="Visit", owner="", due_on=action.due_on)
    assert raised.value.field == "owner"


def test_002_business_support_see_meetings_and_not_the_contacts(
    client, strategy_contact, manager, social_worker, business_support
) -> None:
    meeting = requested_meeting(strategy_contact, manager, social_worker)
    assert not contacts_visible_to(business_support).exists()
    assert list(strategy_meetings_visible_to(business_support)) == [meeting]
    client.force_login(business_support)
    assert client.get(f"/contacts/{strategy_contact.reference}/").status_code == 404
    page = client.get(f"/strategy-meetings/{meeting.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alfie Smith" in html
    assert f'href="/contacts/{strategy_contact.reference}/"' not in html
    assert "Sam Teacher" not in html  # the referrer is on the contact, not on the meeting's page until invited


def test_002_business_support_land_on_the_meetings_they_organise(
    client, record, officer, manager, social_worker, business_support
) -> None:
    now = timezone.now()
    to_arrange = requested_meeting(
        decide_for_strategy(record(initial_rating="red"), officer, manager), manager, social_worker
    )
    overdue = requested_meeting(
        decide_for_strategy(record(initial_rating="red"), officer, manager),
        manager,
        social_worker,
        meeting_at=now - datetime.timedelta(hours=30),
    )
    _held(overdue, business_support)
    client.force_login(business_support)
    assert client.get("/").url == "/strategy-meetings/"
    html = client.get("/strategy-meetings/").content.decode()
    due_section = html.split('id="minutes-due"')[1].split('id="to-arrange"')[0]
    arrange_section = html.split('id="to-arrange"')[1].split('id="upcoming"')[0]
    assert f"/strategy-meetings/{overdue.pk}/" in due_section
    assert "Overdue" in due_section
    assert f"/strategy-meetings/{to_arrange.pk}/" in arrange_section
    assert "Waiting for a manager" not in html


def test_r_strat_1_minutes_due_are_on_the_dashboard_for_whoever_may_see_them(
    strategy_contact, manager, social_worker, business_support, make_user
) -> None:
    meeting = requested_meeting(
        strategy_contact, manager, social_worker, meeting_at=timezone.now() - datetime.timedelta(hours=1)
    )
    _held(meeting, business_support)
    soon = timezone.now() + datetime.timedelta(hours=24)
    items = [i for i in due_items(manager, soon) if i.kind == "Strategy meeting minutes"]
    assert [i.url for i in items] == [f"/strategy-meetings/{meeting.pk}/"]
    assert items[0].due_at == meeting.minutes_due_at
    assert not [i for i in due_items(manager, timezone.now()) if i.kind == "Strategy meeting minutes"]
    assert not [i for i in due_items(make_user(Role.MASH_PARTNER, agency="police"), soon) if "Strategy" in i.kind]
    ss.strategy_minutes_record(meeting=meeting, by=business_support, minutes="Done.")
    ss.strategy_minutes_sign_off(meeting=meeting, manager=manager)
    assert not [i for i in due_items(manager, soon) if i.kind == "Strategy meeting minutes"]


def test_r_strat_1_the_contact_page_links_the_meeting(client, strategy_contact, manager, social_worker) -> None:
    client.force_login(manager)
    html = client.get(f"/contacts/{strategy_contact.reference}/").content.decode()
    assert f"/strategy-meetings/new/{strategy_contact.reference}/" in html
    response = client.post(f"/strategy-meetings/new/{strategy_contact.reference}/", {"social_worker": social_worker.pk})
    meeting = strategy_contact.strategy_meetings.get()
    assert response.url == f"/strategy-meetings/{meeting.pk}/"
    html = client.get(f"/contacts/{strategy_contact.reference}/").content.decode()
    assert f"/strategy-meetings/{meeting.pk}/" in html
    assert f"/strategy-meetings/new/{strategy_contact.reference}/" not in html


def test_r_strat_1_a_refusal_shows_on_the_page_not_as_an_error(
    client, strategy_contact, manager, social_worker, business_support
) -> None:
    meeting = requested_meeting(strategy_contact, manager, social_worker, meeting_at=timezone.now())
    client.force_login(business_support)
    response = client.post(f"/strategy-meetings/{meeting.pk}/minutes/", {"minutes": "We met."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The police must be invited" in html
    assert "We met." in html  # typed input survives


def test_r_strat_1_an_invitation_is_emailed_to_a_partner_user_or_an_address(
    strategy_contact, manager, social_worker, business_support, make_user
) -> None:
    from frontdoor.outbox.models import OutboxMessage

    meeting = requested_meeting(strategy_contact, manager, social_worker)
    police = make_user(Role.MASH_PARTNER, username="dc-cole", agency="police", email="dc.cole@cambridgeshire.police.uk")
    ss.strategy_partner_invite(meeting=meeting, by=business_support, agency="police", user=police)
    ss.strategy_partner_invite(
        meeting=meeting, by=business_support, agency="health", name="Dr Ada Shah", email="ada.shah@nhs.net"
    )
    ss.strategy_partner_invite(meeting=meeting, by=business_support, agency="other", name="By phone")
    messages = list(OutboxMessage.objects.order_by("id"))
    assert [m.to_address for m in messages] == ["dc.cole@cambridgeshire.police.uk", "ada.shah@nhs.net"]
    assert all("Alfie Smith" in m.body and "Sam Teacher" not in m.body for m in messages)
    assert messages[0].subject.startswith(f"Strategy meeting {strategy_contact.reference}")


def test_r_strat_1_signed_off_minutes_are_circulated_to_the_attendees(
    record, officer, manager, social_worker, business_support, make_user
) -> None:
    """002 s6: "The minutes should be circulated to attendees within 24 hours of the meeting." Signing off
    sends them to every invitee who accepted and to the social worker; R-CON-8 holds in them."""
    from frontdoor.outbox.models import OutboxMessage

    contact = record(initial_rating="red", referrer_kind="public", referrer_name="Jo Nosy")
    contact = decide_for_strategy(contact, officer, manager)
    meeting = requested_meeting(contact, manager, social_worker, meeting_at=timezone.now())
    police = ss.strategy_partner_invite(
        meeting=meeting, by=business_support, agency="police", name="DS Kerry Cole", email="kc@police.example.gov.uk"
    )
    health = ss.strategy_partner_invite(
        meeting=meeting, by=business_support, agency="health", name="Dr Ada Shah", email="ada@nhs.example.uk"
    )
    ss.strategy_reply_record(invitee=police, by=business_support, reply="accepted", at=timezone.now())
    ss.strategy_reply_record(invitee=health, by=business_support, reply="declined", at=timezone.now())
    ss.strategy_minutes_record(
        meeting=meeting, by=business_support, minutes="Jo Nosy saw bruising. Police to interview the father."
    )
    ss.strategy_minutes_sign_off(meeting=meeting, manager=manager)
    sent = OutboxMessage.objects.filter(kind="strategy_minutes")
    assert sorted(m.to_address for m in sent) == sorted(
        ["kc@police.example.gov.uk", social_worker.email]
    )
    for message in sent:
        assert "Police to interview the father." in message.body
        assert "Jo Nosy" not in message.body
    event = AuditEvent.objects.get(action="strategy.minutes_signed_off")
    assert event.detail["circulated_to"] == 2


def test_r_strat_1_business_support_pick_a_partner_known_to_front_door_or_type_one(
    strategy_contact, manager, social_worker, business_support, make_user
) -> None:
    """The invite form lists the partner users Front Door knows, by agency; a name and email may be typed."""
    from frontdoor.outbox.models import OutboxMessage

    meeting = requested_meeting(strategy_contact, manager, social_worker)
    police = make_user(Role.MASH_PARTNER, username="dc-cole", agency="police", email="dc.cole@cambridgeshire.police.uk")
    nurse = make_user(Role.MASH_PARTNER, username="nurse", agency="health", email="nurse@nhs.net")
    client = Client()
    client.force_login(business_support)
    url = f"/strategy-meetings/{meeting.pk}/invite/"
    page = client.get(url).content.decode()
    names = {a.key: a.name for a in get_profile().check_agencies}
    listed = page[page.index('<select class="govuk-select" id="id_user"') :]
    police_option = f'<option value="{police.pk}">{names["police"]}: {police.display_name}</option>'
    health_option = f'<option value="{nurse.pk}">{names["health"]}: {nurse.display_name}</option>'
    assert listed.index(police_option) < listed.index(health_option)  # in the order the agencies are offered
    # a partner of another agency than the one chosen is refused next to the list, the choice kept
    refused = client.post(url, {"agency": "health", "user": police.pk})
    assert refused.status_code == 200
    assert "is not a partner of the agency chosen" in refused.content.decode()
    assert f'<option value="{police.pk}" selected>' in refused.content.decode()
    # nothing chosen and nothing typed: asked who is invited
    assert "Choose who is being invited" in client.post(url, {"name": ""}).content.decode()
    # the partner alone: their agency, name and email
    assert client.post(url, {"user": police.pk}).status_code == 302
    invitee = meeting.invitees.get(user=police)
    assert (invitee.agency, invitee.name, invitee.email) == ("police", police.display_name, police.email)
    assert OutboxMessage.objects.filter(to_address=police.email).exists()
    # or typed by hand
    typed = {"agency": "education", "name": "Ms Head", "email": "head@school.sch.uk"}
    assert client.post(url, typed).status_code == 302
    assert meeting.invitees.filter(agency="education", name="Ms Head", user__isnull=True).exists()
