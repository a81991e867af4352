"""A contact taken through screening to a manager's decision, for the work that follows it."""

import pytest

from frontdoor.contacts import services as cs
from frontdoor.decisions.services import ChildDecision, decision_authorise
from frontdoor.procedures.loader import get_profile


@pytest.fixture
def decided(record, officer, manager):  # noqa: ANN001, ANN201
    def make(outcome: str = "cfa", need: str = "cin_moderate", rating: str = "amber", **fields):  # noqa: ANN003, ANN202
        fields.setdefault("initial_rating", rating)
        fields.setdefault("consent_status", "obtained")
        fields.setdefault("consent_given_by", "Mum")
        contact = record(**fields)
        contact = cs.contact_update(
            contact=contact,
            by=officer,
            version=contact.version,
            screening_nature="Bruise on the upper arm seen by the class teacher",
        )
        contact = cs.contact_submit_for_decision(
            contact=contact, by=officer, recommendation=outcome, recommendation_reason="As the screening shows"
        )
        child = contact.people.first().person_id
        decision_authorise(
            contact=contact,
            manager=manager,
            rating=rating,
            rationale="Father admits hitting the child with a belt last week.",
            children=[ChildDecision(person_id=child, opened=True, need_level=need, outcome=outcome)],
            version=contact.version,
            team_key=get_profile().teams_of_kind("fieldwork")[0].key,
        )
        contact.refresh_from_db()
        return contact

    return make
