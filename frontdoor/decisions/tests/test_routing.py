"""Where a decided contact goes: open cases, the family's area, pre-birth referrals (R-ROUTE-1/2, R-DEC-5/8)."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.core.errors import ServiceError
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.decisions.services import ChildDecision, decision_authorise
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(record, officer):  # noqa: ANN001, ANN201
    def make(**fields):  # noqa: ANN003, ANN202
        fields.setdefault("initial_rating", "amber")
        fields.setdefault("consent_status", "obtained")
        fields.setdefault("consent_given_by", "Mum")
        contact = record(**fields)
        contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Concern")
        return cs.contact_submit_for_decision(
            contact=contact, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
        )

    return make


def decide(contact, manager, *, rating="amber", need="cin_moderate", outcome="cfa", **extra):  # noqa: ANN001, ANN003, ANN201
    child = contact.people.first().person_id
    return decision_authorise(
        contact=contact,
        manager=manager,
        rating=rating,
        rationale="Decided.",
        children=[ChildDecision(person_id=child, opened=True, need_level=need, outcome=outcome)],
        version=contact.version,
        **extra,
    )


def unborn(postcode: str = "CB1 2AB") -> cs.ChildInput:
    edd = timezone.localdate() + datetime.timedelta(days=90)
    return cs.ChildInput(family_name="Reed", is_unborn=True, expected_delivery_date=edd, postcode=postcode)


def open_case_child(team: str = "cla", worker: str = "Jo Worker") -> Person:
    return Person.objects.create(
        given_names="Mia",
        family_name="Cole",
        family_name_norm="cole",
        date_of_birth=datetime.date(2014, 5, 1),
        open_case=True,
        allocated_worker=worker,
        allocated_team_key=team,
    )


# R-DEC-8 ----------------------------------------------------------------------------------------


def test_r_dec_8_non_urgent_pre_birth_assessment_goes_to_the_local_unit(awaiting, manager) -> None:
    contact = awaiting(children=[unborn()])
    decide(contact, manager)
    contact.refresh_from_db()
    assert contact.team_key == "local-unit"


def test_r_dec_8_red_pre_birth_referral_is_not_passed_straight_to_the_local_unit(awaiting, manager) -> None:
    contact = awaiting(children=[unborn()], initial_rating="red")
    decide(contact, manager, rating="red")
    contact.refresh_from_db()
    assert contact.team_key == "unit-cambridge"


def test_r_dec_8_urgent_pre_birth_referral_is_not_passed_straight_to_the_local_unit(awaiting, manager, officer) -> None:
    contact = awaiting(children=[unborn()])
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_urgent_action="yes")
    decide(contact, manager)
    contact.refresh_from_db()
    assert contact.team_key == "unit-cambridge"


def test_r_dec_8_pre_birth_referral_going_to_a_strategy_discussion_is_not_passed_to_the_local_unit(
    awaiting, manager
) -> None:
    contact = awaiting(children=[unborn()])
    decide(contact, manager, need="significant_harm", outcome="strategy_discussion")
    contact.refresh_from_db()
    assert contact.team_key == "unit-cambridge"


def test_r_dec_8_not_in_a_profile_that_does_not_say_so(awaiting, manager, settings) -> None:
    settings.FRONTDOOR_PROFILE = "mash"
    contact = awaiting(children=[unborn(postcode="N1 1AA")], initial_rating="standard")
    decide(contact, manager, rating="standard")
    contact.refresh_from_db()
    assert contact.team_key == "fieldwork-north"


# R-ROUTE-2: an address that does not show the area team ---------------------------------------


@pytest.mark.parametrize("postcode", ["", "ZZ9 9ZZ"])
def test_r_route_2_unknown_postcode_is_never_routed_silently(awaiting, manager, postcode) -> None:
    contact = awaiting(children=[cs.ChildInput(given_names="Ann", family_name="Lee", postcode=postcode)])
    with pytest.raises(ServiceError, match="choose the team") as raised:
        decide(contact, manager)
    assert raised.value.field == "team"
    contact.refresh_from_db()
    assert contact.status == "awaiting_decision"
    with pytest.raises(ServiceError, match="Choose one of the teams"):
        decide(contact, manager, team_key="no-such-team")


def test_r_route_2_the_managers_choice_of_team_is_recorded(awaiting, manager) -> None:
    contact = awaiting(children=[cs.ChildInput(given_names="Ann", family_name="Lee")])
    made = decide(contact, manager, team_key="unit-fenland")
    contact.refresh_from_db()
    assert contact.team_key == "unit-fenland"
    assert made[0].team_key == "unit-fenland"
    assert ThresholdDecision.objects.get(contact=contact).team_chosen_by_manager
    event = AuditEvent.objects.get(action="contact.decided")
    assert event.detail["team"] == "unit-fenland"
    assert event.detail["team_chosen_by_manager"] is True


def test_r_route_2_a_known_postcode_ignores_the_choice_and_is_not_marked_chosen(awaiting, manager) -> None:
    contact = awaiting()  # CB1 2AB
    made = decide(contact, manager, team_key="unit-fenland")
    assert made[0].team_key == "unit-cambridge"
    assert not made[0].team_chosen_by_manager


def test_r_route_2_no_referral_needs_no_team_choice(awaiting, manager) -> None:
    contact = awaiting(children=[cs.ChildInput(given_names="Ann", family_name="Lee")])
    decide(contact, manager, need="not_cin", outcome="early_help")
    contact.refresh_from_db()
    assert contact.team_key == "early-help-hub"


def test_r_route_2_decision_page_asks_for_the_team_only_when_the_address_does_not_show_it(
    awaiting, manager, client
) -> None:
    client.force_login(manager)
    known = awaiting()
    assert 'name="team"' not in client.get(f"/contacts/{known.reference}/decide/").content.decode()
    unknown = awaiting(children=[cs.ChildInput(given_names="Ann", family_name="Lee")])
    page = client.get(f"/contacts/{unknown.reference}/decide/").content.decode()
    assert 'name="team"' in page
    assert "does not show which area team" in page
    child = unknown.people.get().person_id
    data = {
        "version": unknown.version,
        "rating": "amber",
        "rationale": "Assess",
        f"opened_{child}": "on",
        f"need_{child}": "cin_moderate",
        f"outcome_{child}": "cfa",
    }
    response = client.post(f"/contacts/{unknown.reference}/decide/", data)
    assert response.status_code == 200
    assert "choose the team" in response.content.decode()
    response = client.post(f"/contacts/{unknown.reference}/decide/", {**data, "team": "unit-huntingdon"})
    assert response.status_code == 302
    unknown.refresh_from_db()
    assert unknown.team_key == "unit-huntingdon"


# R-DEC-5 / R-ROUTE-1: outcomes the profile offers -----------------------------------------------


def test_r_route_1_passed_to_the_allocated_worker_routes_to_the_allocated_team(awaiting, manager) -> None:
    child = open_case_child(team="cla")
    contact = awaiting(children=[cs.ChildInput(person_id=child.pk)])
    made = decide(contact, manager, need="cin_moderate", outcome="passed_to_allocated_worker")
    contact.refresh_from_db()
    assert made[0].outcome == "passed_to_allocated_worker"
    assert contact.team_key == "cla"


def test_r_route_1_the_allocated_worker_and_their_manager_are_told_of_the_decision(
    awaiting, manager, make_user
) -> None:
    from frontdoor.accounts.models import Role
    from frontdoor.notices.models import Notice

    worker = make_user(Role.DUTY_SOCIAL_WORKER, username="Jo Worker", team_key="cla")
    cla_manager = make_user(Role.TEAM_MANAGER, username="cla-manager", team_key="cla")
    child = open_case_child(team="cla", worker="jo worker")
    contact = awaiting(children=[cs.ChildInput(person_id=child.pk)])
    decide(contact, manager, need="cin_moderate", outcome="passed_to_allocated_worker")
    told = {n.recipient: n.why for n in Notice.objects.filter(contact=contact)}
    assert told == {worker: Notice.Why.ALLOCATED_WORKER, cla_manager: Notice.Why.TEAM_MANAGER}
    assert Notice.objects.filter(kind=Notice.Kind.ALLOCATED_WORKER).count() == 2
    assert len(AuditEvent.objects.get(action="contact.decided").detail["told"]) == 2


def test_r_route_1_passed_to_the_allocated_worker_needs_an_open_case(awaiting, manager) -> None:
    contact = awaiting()
    with pytest.raises(ServiceError, match="no open case"):
        decide(contact, manager, outcome="passed_to_allocated_worker")


def test_r_dec_5_kent_does_not_offer_passing_to_the_allocated_worker(awaiting, manager, settings) -> None:
    settings.FRONTDOOR_PROFILE = "kent"
    child = open_case_child(team="cla")
    contact = awaiting(children=[cs.ChildInput(person_id=child.pk)], initial_rating="standard")
    with pytest.raises(ServiceError, match="the outcome must be"):
        decide(contact, manager, rating="standard", outcome="passed_to_allocated_worker")


def test_r_dec_5_mash_offers_a_single_assessment_with_a_view_to_a_strategy_discussion(
    awaiting, manager, settings
) -> None:
    settings.FRONTDOOR_PROFILE = "mash"
    contact = awaiting(
        children=[cs.ChildInput(given_names="Ann", family_name="Lee", postcode="S1 2AB")], initial_rating="urgent"
    )
    made = decide(contact, manager, rating="urgent", need="significant_harm", outcome="single_assessment_strategy")
    contact.refresh_from_db()
    assert made[0].get_outcome_display() == "Single assessment with a view to a strategy discussion"
    assert contact.team_key == "fieldwork-south"


def test_r_dec_5_only_the_mash_profile_offers_the_single_assessment(awaiting, manager) -> None:
    contact = awaiting()
    with pytest.raises(ServiceError, match="the outcome must be"):
        decide(contact, manager, rating="red", need="significant_harm", outcome="single_assessment_strategy")


def test_r_dec_5_forms_offer_only_the_profiles_outcomes(settings) -> None:
    from frontdoor.contacts.forms import SubmitForDecisionForm

    offered = dict(SubmitForDecisionForm().fields["recommendation"].choices)
    assert "single_assessment_strategy" not in offered
    assert "passed_to_allocated_worker" in offered
    settings.FRONTDOOR_PROFILE = "mash"
    assert "single_assessment_strategy" in dict(SubmitForDecisionForm().fields["recommendation"].choices)
    settings.FRONTDOOR_PROFILE = "kent"
    assert "passed_to_allocated_worker" not in dict(SubmitForDecisionForm().fields["recommendation"].choices)
