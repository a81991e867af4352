"""Domestic-abuse contacts: the flag, the DASH prompt and the risk-led next steps (R-INT-5, R-POL-4)."""

import pytest
from django.core.exceptions import ValidationError

from frontdoor.contacts import services
from frontdoor.contacts.guidance import da_guidance, recommended_outcome
from frontdoor.contacts.models import Contact
from frontdoor.contacts.selectors import contact_warnings
from frontdoor.contacts.testing import contact_form_data
from frontdoor.core.errors import ServiceError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("channel", ["phone", "email", "online_form", "letter"])
def test_r_int_5_a_police_referral_about_domestic_abuse_needs_a_dash_whatever_the_channel(record, channel) -> None:
    contact = record(
        channel=channel,
        referrer_name="PC Shah",
        referrer_agency="Cambs Police",
        referrer_agency_kind="police",
        domestic_abuse=True,
    )
    assert contact.from_police
    assert contact.dash_missing
    assert any("DASH" in w for w in contact_warnings(contact))


def test_r_int_5_a_police_notification_is_recorded_as_from_the_police(record) -> None:
    contact = record(channel="police_notification", domestic_abuse=True)
    assert contact.referrer_agency_kind == "police"
    assert contact.dash_missing


def test_r_int_5_no_dash_prompt_for_other_referrers_or_once_attached(record) -> None:
    assert not record(domestic_abuse=True, referrer_agency_kind="education").dash_missing
    assert not record(domestic_abuse=True, referrer_agency_kind="police", dash_attached=True).dash_missing
    assert not record(domestic_abuse=False, referrer_agency_kind="police").dash_missing


def test_r_int_5_a_dash_request_is_recorded_and_refused_when_not_needed(record, officer) -> None:
    contact = record(domestic_abuse=True, referrer_agency_kind="police")
    contact = services.contact_request_dash(contact=contact, by=officer)
    assert contact.dash_requested_at is not None
    assert any("Requested" in w for w in contact_warnings(contact))
    with pytest.raises(ServiceError, match="does not need a DASH"):
        services.contact_request_dash(contact=record(domestic_abuse=True), by=officer)


def test_r_int_5_the_agency_kind_can_be_corrected_at_screening_and_then_prompts(record, officer) -> None:
    contact = record(domestic_abuse=True)
    assert not contact.dash_missing
    contact = services.contact_update(
        contact=contact, by=officer, version=contact.version, referrer_agency_kind="police"
    )
    assert contact.dash_missing


@pytest.mark.parametrize(
    ("tool", "result", "level"),
    [
        ("police", "high", "high"),
        ("police", "medium", "medium"),
        ("caada_ric", "high", "high"),
        ("barnardos", "3", "high"),
        ("barnardos", "4", "high"),
        ("barnardos", "2", "medium"),
        ("barnardos", "1", "standard"),
    ],
)
def test_r_int_5_the_risk_assessment_and_its_result_are_recorded_and_give_the_level(
    record, tool, result, level
) -> None:
    contact = record(domestic_abuse=True, da_risk_tool=tool, da_risk_result=result)
    contact.refresh_from_db()
    assert (contact.da_risk_tool, contact.da_risk_result, contact.da_risk) == (tool, result, level)


def test_r_int_5_a_result_must_belong_to_its_assessment(record) -> None:
    with pytest.raises(ValidationError, match="scale 1"):
        record(domestic_abuse=True, da_risk_tool="barnardos", da_risk_result="high")
    with pytest.raises(ValidationError, match="which risk assessment"):
        record(domestic_abuse=True, da_risk_result="high")


def test_r_int_5_high_risk_in_cambridgeshire_recommends_mash_enquiries(record) -> None:
    contact = record(domestic_abuse=True, da_risk_tool="caada_ric", da_risk_result="high")
    guidance = da_guidance(contact)
    assert guidance.action == "mash_enquiries"
    assert recommended_outcome(contact) == "mash_enquiries"
    assert any("MASH enquiries" in w for w in contact_warnings(contact))


def test_r_pol_4_high_risk_in_the_mash_profile_recommends_a_strategy_meeting(record, settings) -> None:
    settings.FRONTDOOR_PROFILE = "mash"
    contact = record(
        channel="police_notification",
        domestic_abuse=True,
        da_risk_tool="police",
        da_risk_result="high",
        initial_rating="urgent",
    )
    assert da_guidance(contact).action == "strategy_meeting"
    assert recommended_outcome(contact) == "strategy_discussion"


def test_r_pol_4_medium_risk_goes_to_a_manager_triage_with_three_outcomes_none_chosen(record, settings) -> None:
    settings.FRONTDOOR_PROFILE = "mash"
    contact = record(domestic_abuse=True, da_risk_tool="police", da_risk_result="medium", initial_rating="standard")
    guidance = da_guidance(contact)
    assert guidance.triage
    assert guidance.offered == ("strategy_discussion", "cfa", "early_help")
    assert recommended_outcome(contact) is None


def test_r_pol_4_medium_risk_follows_the_profile_setting(record, settings, monkeypatch) -> None:
    from frontdoor.contacts import guidance as module

    profile = module.get_profile().model_copy(update={"da_medium_risk_action": "strategy_meeting"})
    monkeypatch.setattr(module, "get_profile", lambda: profile)
    contact = record(domestic_abuse=True, da_risk="medium")
    assert recommended_outcome(contact) == "strategy_discussion"


def test_r_int_5_domestic_abuse_is_flagged_on_the_contact_page_and_in_every_queue(client, officer, manager) -> None:
    officer.team_key = manager.team_key = "ifd-mash"
    officer.save()
    manager.save()
    client.force_login(officer)
    data = contact_form_data(
        channel="police_notification",
        referrer_name="PC Shah",
        referrer_agency="Police",
        domestic_abuse="on",
        da_risk_tool="police",
        da_risk_result="high",
    )
    response = client.post("/contacts/new/", data)
    assert response.status_code == 302
    contact = Contact.objects.get()
    page = client.get(response.url).content.decode()
    assert "Domestic abuse: high risk" in page
    assert "DASH needed" in page
    assert "request it" in page
    contact = services.contact_assign(contact=contact, by=officer, assignee=officer)
    for queue in ("duty", "mine", "team"):
        page = client.get(f"/contacts/?queue={queue}").content.decode()
        assert "Domestic abuse: high risk" in page, queue
        assert "DASH needed" in page, queue
    contact = services.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="DA")
    services.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="mash_enquiries", recommendation_reason="High risk"
    )
    client.force_login(manager)
    page = client.get("/contacts/?queue=authorise").content.decode()
    assert "Domestic abuse: high risk" in page
