"""A referral opens the child's involvement with the receiving team the moment it is authorised (R-ROUTE-1)."""

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.contacts.services import ChildInput
from frontdoor.decisions.routing import open_case_routing
from frontdoor.decisions.services import ChildDecision, decision_authorise
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db


def _decided(record, officer, manager, *, need: str, outcome: str, children=None):  # noqa: ANN001, ANN202
    contact = record(initial_rating="amber", consent_status="obtained", consent_given_by="Mum", children=children)
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
    contact = cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation=outcome, recommendation_reason="Needs it"
    )
    child = contact.people.first().person
    decision_authorise(
        contact=contact,
        manager=manager,
        rating="amber",
        rationale="Assess the family.",
        children=[ChildDecision(person_id=child.pk, opened=True, need_level=need, outcome=outcome)],
        version=contact.version,
    )
    contact.refresh_from_db()
    child.refresh_from_db()
    return contact, child


@pytest.mark.parametrize(("need", "outcome"), [("cin_moderate", "cfa"), ("significant_harm", "strategy_discussion")])
def test_r_route_1_a_referral_opens_the_case_and_the_next_contact_routes_to_that_team(
    record,
    officer,
    manager,
    need,
    outcome,  # noqa: ANN001
) -> None:
    first, child = _decided(record, officer, manager, need=need, outcome=outcome)
    assert first.team_key == "unit-cambridge"
    assert (child.open_case, child.allocated_team_key) == (True, first.team_key)
    assert AuditEvent.objects.get(action="contact.decided").detail["cases_opened"] == [child.pk]

    second = record(children=[ChildInput(person_id=child.pk)])
    routing = open_case_routing(second)
    assert routing is not None
    assert routing.team_key == first.team_key


def test_r_route_1_early_help_does_not_open_a_case(record, officer, manager) -> None:  # noqa: ANN001
    _, child = _decided(record, officer, manager, need="not_cin", outcome="early_help")
    assert child.open_case is False
    assert child.allocated_team_key == ""


def test_r_route_1_the_case_systems_allocation_is_kept(record, officer, manager) -> None:  # noqa: ANN001
    existing = Person.objects.create(
        given_names="Alfie",
        family_name="Smith",
        family_name_norm="smith",
        open_case=True,
        allocated_team_key="disability",
        allocated_worker="Jo Worker",
    )
    _, child = _decided(
        record, officer, manager, need="cin_moderate", outcome="cfa", children=[ChildInput(person_id=existing.pk)]
    )
    assert (child.allocated_team_key, child.allocated_worker) == ("disability", "Jo Worker")
