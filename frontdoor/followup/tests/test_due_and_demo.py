"""What falls due after the decision reaches the manager's dashboard (R-TIME-1 for R-FB-1 and R-ESC-1), and the
demo shows feedback given, due and overdue, and a challenge at its second step."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from frontdoor.core import due as core_due
from frontdoor.followup.due import due_items
from frontdoor.followup.models import Challenge, Feedback, Level
from frontdoor.followup.services import challenge_raise, feedback_give
from frontdoor.followup.texts import outcome_text

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_r_time_1_the_outcome_owed_and_each_open_challenge_step_fall_due(
    decided, social_worker, manager, make_user
) -> None:  # noqa: ANN001
    received = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)
    with time_machine.travel(received + datetime.timedelta(minutes=10), tick=False):
        contact = decided(received_at=received)
        challenge_raise(contact=contact, by=social_worker, raised_by="Sam", disagreement="Wants a s47")
    assert "frontdoor.followup.due.due_items" in core_due.SOURCES
    with time_machine.travel(received + datetime.timedelta(hours=1), tick=False):
        assert due_items(manager, received + datetime.timedelta(hours=47)) == []
        items = due_items(manager, received + datetime.timedelta(days=30))
    by_kind = {item.kind: item for item in items}
    outcome = by_kind["Outcome to the referrer"]
    assert outcome.due_at == received + datetime.timedelta(hours=48)
    assert outcome.url == f"/contacts/{contact.reference}/feedback/outcome/"
    assert outcome.label == f"{contact.reference} Alfie Smith"
    step = by_kind["Challenge: answer from the social worker"]
    assert step.url.startswith(f"/contacts/{contact.reference}/challenges/")
    # other agencies and business support never see it (R-CON-8)
    assert due_items(make_user("business_support"), received + datetime.timedelta(days=30)) == []
    assert due_items(make_user("mash_partner"), received + datetime.timedelta(days=30)) == []
    with time_machine.travel(received + datetime.timedelta(hours=2), tick=False):
        feedback_give(
            contact=contact, by=social_worker, kind="outcome", method="phone", to_whom="Sam", text=outcome_text(contact)
        )
    kinds = {item.kind for item in due_items(manager, received + datetime.timedelta(days=30))}
    assert kinds == {"Challenge: answer from the social worker"}


def test_demo_shows_feedback_given_due_and_overdue_and_a_challenge_at_its_second_step(manager) -> None:  # noqa: ANN001
    from frontdoor.demo.loader import load_demo

    load_demo(people=160, contacts=34)
    assert Feedback.objects.filter(kind__in=("outcome", "advice"), method="email").exists()
    assert Feedback.objects.filter(method="phone").exists()
    challenge = Challenge.objects.get()
    assert [s.level for s in challenge.steps.all()] == [Level.SOCIAL_WORKER, Level.TEAM_MANAGER]
    assert challenge.steps.get(level=Level.TEAM_MANAGER).outcome == ""
    from django.utils import timezone

    from frontdoor.accounts.models import User

    items = due_items(User.objects.get(username="team_manager"), timezone.now() + datetime.timedelta(days=30))
    assert any(i.kind == "Outcome to the referrer" and i.due_at < timezone.now() for i in items)
    assert any(i.kind.startswith("Challenge") for i in items)
