"""In Chromium: a Red contact received on a Friday evening is due 4 clock hours later, passes to the
Emergency Duty Team at once, and heads the manager's queue with what happened overnight (R-DEC-3,
R-TIME-1). Every page is checked with axe-core."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105
LONDON = ZoneInfo("Europe/London")


def next_friday_evening() -> datetime.datetime:
    """A Friday after today, so the browser's real clock never finds the session cookie expired."""
    day = datetime.datetime.now(tz=LONDON).date() + datetime.timedelta(days=7)
    day += datetime.timedelta(days=(4 - day.weekday()) % 7)
    return datetime.datetime.combine(day, datetime.time(19, 0), tzinfo=LONDON)


def test_red_contact_on_a_friday_evening_passes_out_of_hours(page, live_server, make_user) -> None:  # noqa: ANN001
    for role in ("information_officer", "team_manager"):
        user = make_user(role)
        user.set_password(PASSWORD)
        user.save()
    base = live_server.url
    received = next_friday_evening()
    due = received + datetime.timedelta(hours=4)

    with time_machine.travel(received + datetime.timedelta(minutes=20), tick=True):
        sign_in(page, base, "information_officer", PASSWORD)
        page.click("text=Record a contact")
        for box, value in enumerate((received.day, received.month, received.year, received.strftime("%H:%M"))):
            page.fill(f"#id_received_at_{box}", str(value))
        page.select_option("#id_channel", "phone")
        page.check("#id_referrer_kind_0")  # professional
        page.fill("#id_referrer_name", "PC Dale")
        page.fill("#id_referrer_agency", "Cambridgeshire Police")
        page.fill("#id_child-0-given_names", "Ruby")
        page.fill("#id_child-0-family_name", "Hart")
        page.fill("#id_child-0-date_of_birth_0", "3")
        page.fill("#id_child-0-date_of_birth_1", "5")
        page.fill("#id_child-0-date_of_birth_2", "2019")
        page.fill("#id_reason", "Ruby found alone at home at night with injuries to her face.")
        page.select_option("#id_consent_status", "obtained")
        page.fill("#id_consent_given_by", "Mother")
        page.select_option("#id_initial_rating", "red")
        page.click("button:has-text('Record contact')")
        page.wait_for_selector("text=recorded")
        reference = page.locator("h1").inner_text().split()[0]
        content = page.content()
        # 4 clock hours from Friday 19:00: due at 23:00 that evening, not on Monday.
        assert f'<time datetime="{due.isoformat()}">' in content
        assert due.strftime("%a %-d %b %Y, 23:00") in content
        assert "Passed to the Emergency Duty Team out of hours" in content
        assert "Out of hours" in content
        assert axe_violations(page) == []
        page.click("a:has-text('what the out-of-hours team did')")
        page.wait_for_selector("h1:has-text('Record what the out-of-hours team did')")
        assert axe_violations(page) == []
        page.fill("#id_outcome", "EDT social worker visited at 21:00; Ruby staying with her grandmother tonight.")
        page.click("button:has-text('Save')")
        page.wait_for_selector("text=What the out-of-hours team did is recorded")
        page.click("button:has-text('Sign out')")

    monday = received + datetime.timedelta(days=3, hours=-9, minutes=5)  # Monday 09:05
    with time_machine.travel(monday, tick=True):
        sign_in(page, base, "team_manager", PASSWORD)
        page.goto(f"{base}/contacts/?queue=authorise")
        first_row = page.locator("table.app-queue-table tbody tr").first.inner_text()
        assert reference in first_row
        assert "Passed to the Emergency Duty Team out of hours" in first_row
        assert "grandmother" in first_row
        assert axe_violations(page) == []
        page.click(f"a:has-text('{reference}')")
        assert "For a manager now" in page.content()
        assert axe_violations(page) == []
        page.click("button:has-text('Mark as seen')")
        page.wait_for_selector("text=Alert marked as seen")
        assert axe_violations(page) == []
