"""The local policies and domestic-abuse risk at the decision (R-POL-1..4, R-INT-5, R-DEC-6)."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.contacts import services as cs
from frontdoor.contacts.guidance import earlier_policy_contacts, policy_guidance
from frontdoor.contacts.selectors import contact_warnings
from frontdoor.core.errors import ServiceError
from frontdoor.decisions.services import ChildDecision, decision_authorise

pytestmark = pytest.mark.django_db

RESPONSE = "Dad said he did not know it was illegal and accepted advice on discipline."


@pytest.fixture
def mash(settings):  # noqa: ANN001, ANN201
    settings.FRONTDOOR_PROFILE = "mash"


def child(**extra):  # noqa: ANN003, ANN201
    values = {"given_names": "Mia", "family_name": "Cole", "date_of_birth": datetime.date(2019, 5, 1), "sex": "F"}
    return cs.ChildInput(**{**values, **extra})


def submit(record, officer, **fields):  # noqa: ANN001, ANN003, ANN201
    fields.setdefault("initial_rating", "standard")
    contact = record(consent_status="obtained", consent_given_by="Mum", **fields)
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Concern")
    return cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="early_help", recommendation_reason="Support"
    )


def decide(contact, manager, outcome, need="not_cin", rating="standard", **extra):  # noqa: ANN001, ANN003, ANN201
    person = contact.people.get().person_id
    return decision_authorise(
        contact=contact,
        manager=manager,
        rating=rating,
        rationale="Decided.",
        children=[ChildDecision(person_id=person, opened=True, need_level=need, outcome=outcome)],
        version=contact.version,
        **{"team_key": "fieldwork-north", **extra},
    )


# --- domestic abuse: high and medium risk (R-INT-5, R-POL-4) ---


def test_r_int_5_high_risk_outcome_is_preselected_on_the_send_and_decision_pages(
    client, record, officer, manager, mash
) -> None:
    contact = record(domestic_abuse=True, channel="police_notification", da_risk_tool="police", da_risk_result="high")
    client.force_login(officer)
    page = client.get(f"/contacts/{contact.reference}/submit/").content.decode()
    assert '<option value="strategy_discussion" selected>' in page
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="DA")
    cs.contact_rate_initial(contact=contact, by=officer, rating="urgent")
    cs.contact_submit_for_decision(contact=contact, by=officer, recommendation="cfa", recommendation_reason="x")
    client.force_login(manager)
    page = client.get(f"/contacts/{contact.reference}/decide/").content.decode()
    assert '<option value="strategy_discussion" selected>' in page
    assert "a strategy meeting is held" in page


def test_r_pol_4_deciding_otherwise_than_high_risk_needs_a_reason(record, officer, manager, mash) -> None:
    contact = submit(record, officer, domestic_abuse=True, da_risk_tool="police", da_risk_result="high")
    with pytest.raises(ServiceError, match="Give a reason for deciding otherwise"):
        decide(contact, manager, "cfa", need="cin_moderate")
    made = decide(contact, manager, "cfa", need="cin_moderate", policy_override_reason="Perpetrator in custody")
    assert made[0].policy_override_reason == "Perpetrator in custody"


@pytest.mark.parametrize(
    ("outcome", "need"),
    [("strategy_discussion", "significant_harm"), ("cfa", "cin_moderate"), ("early_help", "not_cin")],
)
def test_r_pol_4_medium_risk_triage_accepts_any_of_the_three_outcomes_without_a_reason(
    record, officer, manager, mash, outcome, need
) -> None:
    contact = submit(
        record,
        officer,
        domestic_abuse=True,
        da_risk_tool="police",
        da_risk_result="medium",
        policy_key="police_da_medium",
    )
    assert any("a manager triages it" in w for w in contact_warnings(contact))
    made = decide(contact, manager, outcome, need=need, rating="urgent")
    assert made[0].outcome == outcome


def test_r_int_5_mash_enquiries_stay_in_the_mash_and_are_offered_where_the_profile_lists_them(
    record, officer, manager, client, settings
) -> None:
    contact = submit(
        record, officer, domestic_abuse=True, da_risk_tool="barnardos", da_risk_result="3", initial_rating="amber"
    )
    decide(contact, manager, "mash_enquiries", need="significant_harm", rating="amber")
    contact.refresh_from_db()
    assert contact.team_key == "ifd-mash"
    settings.FRONTDOOR_PROFILE = "kent"
    client.force_login(officer)
    other = record(initial_rating="standard")
    page = client.get(f"/contacts/{other.reference}/submit/").content.decode()
    assert "mash_enquiries" not in page


# --- belt/stick (R-POL-1) ---


def test_r_pol_1_belt_or_stick_is_held_on_the_early_help_record_and_goes_to_early_help(
    record, officer, manager, mash
) -> None:
    contact = record(children=[child()], policy_key="belt_stick")
    assert contact.held_on_early_help
    contact = submit(
        record, officer, children=[child(family_name="Lee")], policy_key="belt_stick", parents_response=RESPONSE
    )
    assert contact.held_on_early_help
    decide(contact, manager, "early_help")
    contact.refresh_from_db()
    assert contact.held_on_early_help
    assert contact.team_key == "early-help"


def test_r_pol_1_the_parents_response_is_required_before_the_decision(record, officer, manager, mash) -> None:
    contact = record(children=[child()], policy_key="belt_stick", initial_rating="standard")
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Belt")
    assert any("parents' or carers' response" in w for w in contact_warnings(contact))
    with pytest.raises(ServiceError, match="parents' or carers' response") as error:
        cs.contact_submit_for_decision(
            contact=contact, by=officer, recommendation="early_help", recommendation_reason="x"
        )
    assert error.value.field == "parents_response"
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, parents_response=RESPONSE)
    cs.contact_submit_for_decision(contact=contact, by=officer, recommendation="early_help", recommendation_reason="x")


def test_r_pol_1_a_second_allegation_about_the_same_child_is_detected_and_changes_the_recommendation(
    record, officer, manager, mash
) -> None:
    first = record(children=[child()], policy_key="belt_stick", parents_response=RESPONSE)
    mia = first.people.get().person_id
    other_child = record(children=[child(given_names="Zak")], policy_key="belt_stick")
    assert earlier_policy_contacts(other_child) == []
    second = submit(
        record, officer, children=[cs.ChildInput(person_id=mia)], policy_key="belt_stick", parents_response=RESPONSE
    )
    assert earlier_policy_contacts(second) == [first]
    guidance = policy_guidance(second)
    assert guidance.outcome == "cfa"
    assert not second.held_on_early_help
    assert any(first.reference in w and "second allegation" in w for w in contact_warnings(second))
    with pytest.raises(ServiceError, match="recommends child and family assessment"):
        decide(second, manager, "early_help")
    decide(second, manager, "cfa", need="cin_moderate")
    second.refresh_from_db()
    assert second.record_held_on == "statutory"
    assert second.team_key != "early-help"


def test_r_pol_1_the_second_allegation_is_shown_on_the_contact_page(client, record, officer, mash) -> None:
    first = record(children=[child()], policy_key="belt_stick")
    second = record(children=[cs.ChildInput(person_id=first.people.get().person_id)], policy_key="belt_stick")
    client.force_login(officer)
    page = client.get(f"/contacts/{second.reference}/").content.decode()
    assert f'href="/contacts/{first.reference}/"' in page
    assert "A second allegation brings children&#x27;s social care involvement" in page


# --- under-10 sexual exploration (R-POL-2) and the police (R-DEC-6) ---


def test_r_pol_2_under_10_sexual_exploration_needs_no_police_notification(record, officer, manager, mash) -> None:
    contact = submit(
        record,
        officer,
        children=[child()],
        policy_key="under_10_sexual_exploration",
        parents_response="Both parents engaged and will supervise play.",
        suspected_crime=True,
    )
    warnings = contact_warnings(contact)
    assert any(
        "the police are not informed: the children are below the age of criminal responsibility" in w for w in warnings
    )
    assert not any("notify the police immediately" in w for w in warnings)
    made = decide(contact, manager, "early_help")
    assert made[0].outcome == "early_help"
    contact.refresh_from_db()
    assert contact.police_notified_at is None
    assert contact.held_on_early_help


def test_r_dec_6_without_the_policy_a_suspected_crime_still_needs_the_police(record, officer, manager, mash) -> None:
    contact = submit(record, officer, children=[child()], suspected_crime=True)
    with pytest.raises(ServiceError, match="record when the police were notified"):
        decide(contact, manager, "early_help")


def test_r_pol_2_the_under_10_policy_is_refused_for_an_older_child(record, officer, mash) -> None:
    with pytest.raises(ServiceError, match="for children under 10"):
        record(children=[child(date_of_birth=datetime.date(2014, 1, 1))], policy_key="under_10_sexual_exploration")
    contact = record(children=[child(date_of_birth=datetime.date(2014, 1, 1))])
    with pytest.raises(ServiceError, match="for children under 10"):
        cs.contact_update(
            contact=contact, by=officer, version=contact.version, policy_key="under_10_sexual_exploration"
        )


# --- sexting (R-POL-3) ---


@pytest.mark.parametrize(
    ("policy_key", "told", "words"),
    [
        ("sexting_in_school", "school_officer", "the school's police officer"),
        ("sexting_outside_school", "local_police", "the local police area"),
    ],
)
def test_r_pol_3_sexting_is_shared_with_the_police_the_policy_names_and_that_is_recorded(
    record, officer, manager, mash, policy_key, told, words
) -> None:
    contact = submit(record, officer, children=[child(date_of_birth=datetime.date(2011, 1, 1))], policy_key=policy_key)
    assert any(f"Share this with {words}" in w for w in contact_warnings(contact))
    with pytest.raises(ServiceError, match="record when they were told"):
        decide(contact, manager, "signposting")
    contact = cs.contact_record_police_notified(contact=contact, by=officer, at=timezone.now())
    assert contact.police_notified_to == told
    decide(contact, manager, "signposting")


def test_r_pol_3_who_in_the_police_was_told_can_be_given(record, officer) -> None:
    contact = record(suspected_crime=True)
    contact = cs.contact_record_police_notified(contact=contact, by=officer, at=timezone.now(), to="local_police")
    assert contact.get_police_notified_to_display() == "The local police area"
    with pytest.raises(ServiceError, match="Choose who"):
        cs.contact_record_police_notified(contact=contact, by=officer, at=timezone.now(), to="mi5")
