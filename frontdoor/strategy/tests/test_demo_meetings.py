"""The demo shows strategy meetings at their real times, in different states (R-STRAT-1)."""

import pytest

from frontdoor.demo.loader import load_demo
from frontdoor.strategy.models import StrategyMeeting

pytestmark = pytest.mark.django_db


def test_r_strat_1_the_demo_has_meetings_to_arrange_and_held() -> None:
    load_demo(people=160, contacts=34)
    meetings = list(StrategyMeeting.objects.all())
    states = {m.state for m in meetings}
    assert "to_arrange" in states
    assert states & {"minutes_due", "sign_off", "signed_off"}
    assert all(m.allocated_at < m.requested_at for m in meetings)
