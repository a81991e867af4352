"""Consent and sharing as the seeds say (R-CON-2..6, R-CHK-2, R-DEC-5, R-DEC-7, R-FB-2, R-ROUTE-3)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import SharingDecision
from frontdoor.contacts.selectors import consent_reviews_due_count, referrer_feedback
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.decisions.selectors import offered_outcomes
from frontdoor.decisions.services import ChildDecision, contact_progress_to_referral, decision_authorise

pytestmark = pytest.mark.django_db
CONSENTED = {"consent_status": "obtained", "consent_given_by": "Mum"}


def awaiting(record, officer, **fields):  # noqa: ANN001, ANN003, ANN201
    contact = record(**fields)
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Concern")
    return cs.contact_submit_for_decision(contact=contact, by=officer, recommendation="cfa", recommendation_reason="x")


def decide(contact, manager, rating, outcome, need="cin_moderate", **extra):  # noqa: ANN001, ANN003, ANN201
    child = contact.people.first().person_id
    return decision_authorise(
        contact=contact,
        manager=manager,
        rating=rating,
        rationale="As screened.",
        children=[ChildDecision(person_id=child, opened=True, need_level=need, outcome=outcome)],
        version=contact.version,
        **extra,
    )


def test_r_dec_5_leeds_advanced_practitioner_progresses_but_a_team_manager_authorises_the_outcome(
    record, officer, manager, make_user, settings
) -> None:
    settings.FRONTDOOR_PROFILE = "leeds"
    practitioner = make_user(Role.ADVANCED_PRACTITIONER)
    contact = awaiting(record, officer, initial_rating="standard", **CONSENTED)
    with pytest.raises(PermissionDenied, match="outcome of a referral is authorised by a team manager"):
        decide(contact, practitioner, "standard", "cfa")
    contact = contact_progress_to_referral(contact=contact, by=practitioner, reason="Needs an assessment")
    assert contact.progressed_to_referral_by == practitioner
    made = decide(contact, manager, "standard", "cfa", team_key="fieldwork-east")
    assert made[0].authorised_by == manager


def test_r_con_3_leeds_sharing_without_consent_needs_a_duty_and_advice_manager(
    record, make_user, manager, settings
) -> None:
    settings.FRONTDOOR_PROFILE = "leeds"
    contact = record()
    with pytest.raises(PermissionDenied):
        cs.consent_authorise_share_without(contact=contact, manager=make_user(Role.ADVANCED_PRACTITIONER), reason="x")
    cs.consent_authorise_share_without(contact=contact, manager=manager, reason="Risk of harm if told")


def test_r_con_4_proceeding_without_consent_follows_the_profile_ratings(record, officer, manager, settings) -> None:
    settings.FRONTDOOR_PROFILE = "kent"
    contact = awaiting(record, officer, initial_rating="urgent", consent_status="refused")
    made = decide(
        contact, manager, "urgent", "cfa", consent_reason="Father is the alleged perpetrator", team_key="ait-ashford"
    )
    assert made[0].without_consent_reason == "Father is the alleged perpetrator"
    settings.FRONTDOOR_PROFILE = "cambridgeshire"
    contact = awaiting(record, officer, initial_rating="amber", consent_status="refused")
    made = decide(contact, manager, "amber", "cfa", consent_reason="Risk if the parents are told")
    assert made[0].proceed_without_consent


def test_r_con_4_without_consent_or_safeguarding_only_002s_outcomes_are_offered(record, officer, manager) -> None:
    contact = awaiting(record, officer, initial_rating="green", consent_status="not_yet_sought")
    child = contact.people.first().person
    offered = {o for o, _ in offered_outcomes(contact, [child], may_authorise_referral=True)[child.pk]}
    assert offered == {"referrer_to_seek_consent", "early_help", "nfa"}
    with pytest.raises(ServiceError, match="not accepted as a referral"):
        decide(contact, manager, "green", "information_advice", need="not_cin")
    made = decide(contact, manager, "green", "referrer_to_seek_consent", need="")
    assert made[0].outcome == "referrer_to_seek_consent"


def test_r_con_4_missing_consent_has_a_review_date_and_counts_as_a_reminder(record, officer, manager) -> None:
    contact = record(received_at=timezone.now() - datetime.timedelta(days=5))
    assert contact.consent_review_date is not None
    assert consent_reviews_due_count(user=manager) == 1
    later = timezone.localdate() + datetime.timedelta(days=3)
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, consent_review_date=later)
    assert consent_reviews_due_count(user=manager) == 0
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, **CONSENTED)
    assert contact.consent_review_date is None


def test_r_con_2_consent_time_defaults_to_receipt_and_is_never_overwritten(record, officer) -> None:
    received = timezone.now() - datetime.timedelta(hours=2)
    contact = record(received_at=received, **CONSENTED)
    assert contact.consent_at == received
    assert contact.consent_recorded_by == officer.display_name
    assert contact.consent_given_by_kind == "parent"
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Later save")
    assert contact.consent_at == received
    with pytest.raises(ServiceError, match="cannot be changed"):
        cs.contact_update(contact=contact, by=officer, version=contact.version, consent_at=timezone.now())


def test_r_con_2_who_gave_consent_is_required(record) -> None:
    with pytest.raises(ServiceError, match="who gave consent"):
        record(consent_status="obtained")


def test_r_con_2_a_child_consents_only_from_the_consent_age(record) -> None:
    from frontdoor.contacts.services import ChildInput

    today = timezone.localdate()
    sixteen = today.replace(year=today.year - 16)
    fifteen = sixteen + datetime.timedelta(days=1)
    for born, ok in ((sixteen, True), (fifteen, False)):
        child = ChildInput(given_names="Sam", family_name="Lee", date_of_birth=born, sex="M")
        fields = {"consent_status": "obtained", "consent_given_by": "Sam", "consent_given_by_kind": "child"}
        if ok:
            assert record(children=[child], **fields).consent_given_by_kind == "child"
        else:
            with pytest.raises(ServiceError, match="a parent must give consent"):
                record(children=[child], **fields)


def test_r_con_3_r_con_6_an_agency_check_needs_consent_or_authorisation_and_is_a_sharing_decision(
    record, officer, manager
) -> None:
    contact = record(initial_rating="amber")
    with pytest.raises(ServiceError, match="discusses the referral"):
        cs.agency_check_request(contact=contact, by=officer, agency="police")
    cs.consent_authorise_share_without(contact=contact, manager=manager, reason="Parents may flee")
    check = cs.agency_check_request(contact=contact, by=officer, agency="housing", question="Tenancy?")
    sharing = SharingDecision.objects.get(pk=check.sharing_id)
    assert sharing.shared
    assert "Parents may flee" in sharing.reason


def test_r_con_5_internal_database_checks_need_no_consent(record, officer) -> None:
    from frontdoor.people.selectors import people_search

    record(consent_status="not_yet_sought")
    assert people_search(user=officer, given_names="Alfie", family_name="Smith", limit=5)


def test_r_route_3_check_agencies_come_from_the_profile_and_only_the_agency_answers(record, officer, make_user) -> None:
    contact = record(**CONSENTED)
    with pytest.raises(ServiceError, match="Choose an agency"):
        cs.agency_check_request(contact=contact, by=officer, agency="fire_brigade")
    check = cs.agency_check_request(contact=contact, by=officer, agency="housing")
    with pytest.raises(PermissionDenied):
        cs.agency_check_respond(check=check, by=make_user(Role.MASH_PARTNER, agency="police"), response="x")
    cs.agency_check_respond(check=check, by=make_user(Role.MASH_PARTNER, "h", agency="housing"), response="None")
    with pytest.raises(ValidationError):
        make_user(Role.MASH_PARTNER, "x", agency="fire_brigade").full_clean()


def test_r_fb_2_feedback_to_a_non_professional_follows_the_profile(record, settings) -> None:
    contact = record(referrer_kind="public", referrer_name="A neighbour", referrer_agency="")
    assert referrer_feedback(contact).startswith("None")
    settings.FRONTDOOR_PROFILE = "kent"
    assert "confidentiality" in referrer_feedback(contact)
    assert referrer_feedback(record()).startswith("Tell the referrer the outcome")


def test_r_dec_7_the_consultee_must_hold_the_profile_role(record, officer, manager, make_user) -> None:
    contact = awaiting(record, officer, initial_rating="red", **CONSENTED)
    child = contact.people.first().person_id
    decision = {"person_id": child, "opened": True, "need_level": "immediate_protection"}
    with pytest.raises(ServiceError, match="must be a head of service"):
        decision_authorise(
            contact=contact,
            manager=manager,
            rating="red",
            rationale="Remove now",
            version=contact.version,
            children=[
                ChildDecision(
                    **decision, outcome="immediate_protection", removal_considered=True, consultee_id=officer.pk
                )
            ],
        )
