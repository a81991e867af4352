"""The demo shows strategy meetings at their real times, in different states (R-STRAT-1), whatever the time
it is loaded at: the demo's contacts are replayed relative to now, so a decision may be minutes old."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from frontdoor.demo.loader import load_demo
from frontdoor.strategy.models import StrategyMeeting

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 12, 2, 17, 25, tzinfo=LONDON),  # a decision for a strategy discussion 50 minutes old
        datetime.datetime(2026, 12, 7, 9, 5, tzinfo=LONDON),  # Monday morning
        datetime.datetime(2026, 12, 6, 2, 0, tzinfo=LONDON),  # the small hours of a Sunday
    ],
    ids=["weekday-evening", "monday-morning", "sunday-night"],
)
def test_r_strat_1_the_demo_has_meetings_to_arrange_and_held(moment: datetime.datetime) -> None:
    with time_machine.travel(moment, tick=True):
        load_demo(people=160, contacts=34)
        meetings = list(StrategyMeeting.objects.all())
        states = {m.state for m in meetings}  # a meeting's state is read against now
    assert "to_arrange" in states
    assert states & {"minutes_due", "sign_off", "signed_off"}
    assert all(m.allocated_at < m.requested_at for m in meetings)
    assert all(m.requested_at <= moment + datetime.timedelta(minutes=5) for m in meetings)
