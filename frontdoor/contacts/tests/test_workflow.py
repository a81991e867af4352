"""The contact workflow table: every (from, to) pair is either a named service or refused."""

import itertools

import pytest

from frontdoor.contacts.models import Status
from frontdoor.contacts.workflow import TRANSITIONS, check_transition, next_steps
from frontdoor.core.errors import TransitionNotAllowed


@pytest.mark.parametrize(("source", "target"), list(itertools.product(Status.values, Status.values)))
def test_every_pair_is_allowed_only_if_in_the_table(source: str, target: str) -> None:
    if (source, target) in TRANSITIONS:
        check_transition(source, target)
    else:
        with pytest.raises(TransitionNotAllowed, match="^(This contact|The allocated team) ") as refused:
            check_transition(source, target)
        # the states in words: never a state's code name, never "from → to"
        assert "_" not in refused.value.message
        assert "→" not in refused.value.message


def test_closed_and_acknowledged_are_final_nothing_is_deleted() -> None:
    assert next_steps(Status.CLOSED) == []
    assert next_steps(Status.TEAM_ACKNOWLEDGED) == []


def test_r_route_1_a_passed_on_contact_can_only_be_acknowledged_by_the_team() -> None:
    assert next_steps(Status.PASSED_ON) == [Status.TEAM_ACKNOWLEDGED]


def test_every_transition_names_an_existing_service() -> None:
    from frontdoor.contacts import services as contact_services
    from frontdoor.decisions import services as decision_services

    for name in TRANSITIONS.values():
        assert hasattr(contact_services, name) or hasattr(decision_services, name), name


def test_nothing_moves_a_contact_back_to_received() -> None:
    assert all(target != Status.RECEIVED for (_, target) in TRANSITIONS)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("source", "target"),
    [(s, t) for s, t in itertools.product(Status.values, Status.values) if t != Status.RECEIVED],
)
def test_services_refuse_illegal_moves_with_a_message(source, target, record, officer, manager, make_user) -> None:  # noqa: ANN001
    """Walks every pair through the real services from a contact placed in `source`."""
    from frontdoor.accounts.models import Role
    from frontdoor.contacts import services as cs
    from frontdoor.decisions import services as ds
    from frontdoor.people.models import Person

    contact = record(initial_rating="amber", consent_status="obtained", consent_given_by="Mum")
    # The child has an open case with the looked-after team, so passing on is allowed (R-ROUTE-1).
    Person.objects.filter(pk=contact.people.get().person_id).update(open_case=True, allocated_team_key="cla")
    cla_worker = make_user(Role.DUTY_SOCIAL_WORKER, username="cla-worker", team_key="cla")
    contact.status = source
    if source in (Status.PASSED_ON, Status.TEAM_ACKNOWLEDGED):
        contact.team_key = "cla"
    contact.screening_nature = "Bruise"
    if source in (Status.CLOSED, Status.PASSED_ON, Status.TEAM_ACKNOWLEDGED):
        contact.closed_at = contact.received_at
    contact.save()
    child = contact.people.get().person_id
    calls = {
        Status.SCREENING: lambda c: (
            cs.contact_start_screening(contact=c, by=officer)
            if c.status == Status.RECEIVED
            else cs.contact_return_for_screening(contact=c, by=manager, reason="More")
        ),
        Status.AWAITING_DECISION: lambda c: (
            ds.decision_reopen_for_review(contact=c, manager=manager, reason="Review")
            if c.status == Status.DECIDED
            else cs.contact_submit_for_decision(
                contact=c, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
            )
        ),
        Status.DECIDED: lambda c: ds.decision_authorise(
            contact=c,
            manager=manager,
            rating="amber",
            rationale="Assess",
            version=c.version,
            children=[ds.ChildDecision(person_id=child, opened=True, need_level="cin_moderate", outcome="cfa")],
        ),
        Status.CLOSED: lambda c: cs.contact_close(
            contact=c, by=manager, summary="Assessment started by unit.", outstanding_reason="Acknowledged by phone"
        ),
        Status.PASSED_ON: lambda c: cs.contact_pass_to_allocated_team(
            contact=c, by=officer, team_key="cla", reason="Open case"
        ),
        Status.TEAM_ACKNOWLEDGED: lambda c: cs.contact_acknowledge_receipt(contact=c, by=cla_worker),
    }
    if (source, target) in TRANSITIONS:
        result = calls[target](contact)
        contact.refresh_from_db()
        assert contact.status == target, result
    else:
        with pytest.raises(TransitionNotAllowed):
            calls[target](contact)
        contact.refresh_from_db()
        assert contact.status == source
