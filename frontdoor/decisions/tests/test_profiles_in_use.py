"""Rules that change with the authority profile (PRODUCT.md §5), exercised end to end."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.contacts.selectors import contact_warnings
from frontdoor.core.errors import ServiceError
from frontdoor.decisions.services import ChildDecision, decision_authorise

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def submitted(record, officer, **fields):  # noqa: ANN001, ANN003, ANN201
    contact = record(consent_status="obtained", consent_given_by="Mum", **fields)
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Concern")
    return cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="early_help", recommendation_reason="Support"
    )


def test_r_dec_4_screening_must_record_the_concern_before_a_decision(record, officer) -> None:
    contact = record(initial_rating="amber")
    with pytest.raises(ServiceError, match="nature of the concern"):
        cs.contact_submit_for_decision(contact=contact, by=officer, recommendation="cfa", recommendation_reason="x")


def test_r_dec_1_an_initial_rating_is_needed_before_a_decision(record, officer) -> None:
    contact = record()
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Concern")
    with pytest.raises(ServiceError, match="initial rating"):
        cs.contact_submit_for_decision(contact=contact, by=officer, recommendation="cfa", recommendation_reason="x")


def test_r_dec_2_cambridgeshire_decision_due_within_24_hours(record) -> None:
    received = datetime.datetime(2026, 11, 27, 16, 0, tzinfo=LONDON)  # a Friday
    contact = record(received_at=received)
    assert contact.decision_due_at == received + datetime.timedelta(hours=24)


def test_r_dec_2_kent_decision_due_within_1_working_day(record, settings) -> None:
    settings.FRONTDOOR_PROFILE = "kent"
    contact = record(received_at=datetime.datetime(2026, 11, 27, 16, 0, tzinfo=LONDON), initial_rating="standard")
    assert contact.decision_due_at == datetime.datetime(2026, 11, 30, 16, 0, tzinfo=LONDON)


def test_leeds_advanced_practitioner_may_authorise_but_not_in_cambridgeshire(
    record, officer, make_user, settings
) -> None:
    practitioner = make_user(Role.ADVANCED_PRACTITIONER)
    contact = submitted(record, officer, initial_rating="amber")
    child = contact.people.get().person_id
    decision = [ChildDecision(person_id=child, opened=True, need_level="not_cin", outcome="early_help")]
    with pytest.raises(ServiceError, match="Only a manager"):
        decision_authorise(
            contact=contact,
            manager=practitioner,
            rating="amber",
            rationale="x",
            children=decision,
            version=contact.version,
        )
    settings.FRONTDOOR_PROFILE = "leeds"
    decision_authorise(
        contact=contact,
        manager=practitioner,
        rating="urgent",
        rationale="Early help",
        children=decision,
        version=contact.version,
    )


def test_r_pol_1_belt_or_stick_policy_recommends_early_help_in_the_mash_profile(
    record, officer, manager, settings
) -> None:
    settings.FRONTDOOR_PROFILE = "mash"
    contact = submitted(
        record,
        officer,
        initial_rating="standard",
        policy_key="belt_stick",
        parents_response="Mum accepted the advice and asked about parenting support.",
    )
    child = contact.people.get().person_id
    made = decision_authorise(
        contact=contact,
        manager=manager,
        rating="standard",
        rationale="Setting to talk to parents; early-help record",
        children=[ChildDecision(person_id=child, opened=True, need_level="not_cin", outcome="early_help")],
        version=contact.version,
    )
    assert made[0].policy_key == "belt_stick"
    assert made[0].policy_override_reason == ""
    contact.refresh_from_db()
    assert contact.held_on_early_help
    assert contact.team_key == "early-help"


def test_r_int_8_parent_under_18_is_prompted_and_a_refusal_is_recorded(record, officer) -> None:
    contact = record(parent_under_18=True)
    assert any("A parent is under 18" in w for w in contact_warnings(contact))
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, young_parent_offer="declined")
    assert contact.get_young_parent_offer_display() == "Declined an assessment"


def test_r_int_2_every_kind_of_referrer_can_be_recorded(record) -> None:
    for kind in ("professional", "family_member", "public", "anonymous", "child"):
        assert record(referrer_kind=kind).get_referrer_kind_display()
