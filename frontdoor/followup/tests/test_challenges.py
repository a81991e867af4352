"""A referrer's challenge to the decision, recorded step by step with dates, outcomes and reasons, each step
with its own clock, escalating only to the next level, closed with the solution and when it was reached
(R-ESC-1, 003)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from frontdoor.core.errors import ServiceError
from frontdoor.followup.models import ChallengeStep, Level
from frontdoor.followup.services import challenge_raise, challenge_resolve, challenge_step_record

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _escalate(challenge, by, level_name: str):  # noqa: ANN001, ANN202
    return challenge_step_record(
        challenge=challenge, by=by, handled_by=level_name, outcome="escalated", reasons="Still disagrees"
    )


def test_r_esc_1_a_challenge_starts_with_the_social_worker_on_its_own_clock(decided, social_worker) -> None:  # noqa: ANN001
    monday = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    with time_machine.travel(monday, tick=False):
        contact = decided()
    raised = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)
    with time_machine.travel(raised + datetime.timedelta(hours=1), tick=False):
        challenge = challenge_raise(
            contact=contact, by=social_worker, raised_by="Sam Teacher", disagreement="Wants a s47", raised_at=raised
        )
    step = challenge.steps.get()
    assert step.level == Level.SOCIAL_WORKER
    assert step.raised_at == raised
    # the profile's challenge_step_response: 5 working days (a local choice)
    assert step.due_at == datetime.datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)


def test_r_esc_1_each_step_escalates_only_to_the_next_level(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided()
    challenge = challenge_raise(contact=contact, by=social_worker, raised_by="Sam", disagreement="Wants a s47")
    for name in ("Social worker", "Team manager", "Service manager"):
        step = _escalate(challenge, social_worker, name)
        assert step.outcome == "escalated"
        assert step.handled_by == name
    levels = list(challenge.steps.values_list("level", flat=True))
    assert levels == [Level.SOCIAL_WORKER, Level.TEAM_MANAGER, Level.SERVICE_MANAGER, Level.PARTNERSHIP]
    with pytest.raises(ServiceError, match="last level") as caught:
        _escalate(challenge, social_worker, "Partnership")
    assert caught.value.field == "outcome"
    assert challenge.steps.count() == 4


def test_r_esc_1_each_step_records_who_handled_it_its_outcome_and_reasons(decided, social_worker) -> None:  # noqa: ANN001
    challenge = challenge_raise(contact=decided(), by=social_worker, raised_by="Sam", disagreement="Wants a s47")
    for field, values in (
        ("handled_by", {"handled_by": "", "outcome": "upheld", "reasons": "r"}),
        ("outcome", {"handled_by": "Jo", "outcome": "", "reasons": "r"}),
        ("reasons", {"handled_by": "Jo", "outcome": "upheld", "reasons": " "}),
    ):
        with pytest.raises(ServiceError) as caught:
            challenge_step_record(challenge=challenge, by=social_worker, **values)
        assert caught.value.field == field
    step = challenge_step_record(
        challenge=challenge, by=social_worker, handled_by="Jo Worker", outcome="upheld", reasons="Threshold not met"
    )
    assert (step.outcome, step.reasons, step.outcome_recorded_by) == ("upheld", "Threshold not met", social_worker)
    assert step.outcome_at is not None
    with pytest.raises(ServiceError, match="Every step"):
        challenge_step_record(challenge=challenge, by=social_worker, handled_by="Jo", outcome="upheld", reasons="r")


def test_r_esc_1_the_challenge_closes_with_the_solution_and_when_it_was_reached(decided, social_worker) -> None:  # noqa: ANN001
    challenge = challenge_raise(contact=decided(), by=social_worker, raised_by="Sam", disagreement="Wants a s47")
    reached = timezone.now()
    with pytest.raises(ServiceError, match="step with the social worker first"):
        challenge_resolve(challenge=challenge, by=social_worker, solution="Agreed", resolved_at=reached)
    _escalate(challenge, social_worker, "Jo Worker")
    challenge_step_record(
        challenge=challenge, by=social_worker, handled_by="Team manager", outcome="changed", reasons="New information"
    )
    with pytest.raises(ServiceError) as caught:
        challenge_resolve(challenge=challenge, by=social_worker, solution="Agreed", resolved_at=None)
    assert caught.value.field == "resolved_at"
    with pytest.raises(ServiceError) as caught:
        challenge_resolve(challenge=challenge, by=social_worker, solution="", resolved_at=reached)
    assert caught.value.field == "solution"
    done = challenge_resolve(
        challenge=challenge, by=social_worker, solution="A Child and Family Assessment", resolved_at=reached
    )
    assert (done.solution, done.resolved_at, done.resolved_by) == (
        "A Child and Family Assessment",
        reached,
        social_worker,
    )
    assert not done.is_open
    with pytest.raises(ServiceError, match="resolved"):
        challenge_step_record(challenge=challenge, by=social_worker, handled_by="x", outcome="upheld", reasons="r")


def test_r_esc_1_a_challenge_is_to_a_decision(record, social_worker, decided) -> None:  # noqa: ANN001
    with pytest.raises(ServiceError, match="not been decided"):
        challenge_raise(contact=record(), by=social_worker, raised_by="Sam", disagreement="x")
    contact = decided()
    challenge_raise(contact=contact, by=social_worker, raised_by="Sam", disagreement="x")
    with pytest.raises(ServiceError, match="already open"):
        challenge_raise(contact=contact, by=social_worker, raised_by="Sam", disagreement="x")


def test_r_esc_1_the_pages_walk_a_challenge_from_the_contact_page(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided()
    client = Client()
    client.force_login(social_worker)
    detail = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert "Record a challenge to the decision" in detail
    response = client.post(
        f"/contacts/{contact.reference}/challenges/new/", {"raised_by": "Sam", "disagreement": "Wants a s47"}
    )
    assert response.status_code == 302
    url = response["Location"]
    page = client.get(url).content.decode()
    assert "Social worker" in page
    assert "Record the outcome of this step" in page
    response = client.post(url + "step/", {"handled_by": "Jo", "outcome": "escalated", "reasons": ""})
    assert "Enter reasons" in response.content.decode() or "Enter the reasons" in response.content.decode()
    client.post(url + "step/", {"handled_by": "Jo", "outcome": "escalated", "reasons": "Still disagrees"})
    assert ChallengeStep.objects.filter(level=Level.TEAM_MANAGER, outcome="").exists()
    client.post(url + "step/", {"handled_by": "Team manager", "outcome": "upheld", "reasons": "Threshold not met"})
    now = timezone.localtime()
    response = client.post(
        url + "resolve/",
        {
            "solution": "Agreed early help",
            "resolved_at_0": now.day,
            "resolved_at_1": now.month,
            "resolved_at_2": now.year,
            "resolved_at_3": now.strftime("%H:%M"),
        },
    )
    assert response.status_code == 302
    assert "Agreed early help" in client.get(url).content.decode()
