"""In Chromium: a team manager finds a child by a short form of the name (R-CHK-1), sees why each
candidate matched, merges a duplicate record and undoes the merge. Every page is checked with axe-core."""

import datetime

import pytest

from frontdoor.people.services import person_create

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


def test_manager_finds_merges_and_undoes(page, live_server, make_user) -> None:  # noqa: ANN001
    manager = make_user("team_manager")
    manager.set_password(PASSWORD)
    manager.save()
    kept = person_create(
        created_by=manager,
        given_names="Alfred",
        family_name="Smith",
        date_of_birth=datetime.date(2015, 3, 7),
        postcode="CB1 2AB",
        address="1 Mill Road",
    )
    duplicate = person_create(
        created_by=manager,
        given_names="Alfie",
        family_name="Smyth",
        date_of_birth=datetime.date(2015, 7, 3),
        postcode="CB1 2AB",
        address="1 Mill Road",
    )
    base = live_server.url
    sign_in(page, base, "team_manager", PASSWORD)
    page.goto(f"{base}/people/")
    assert axe_violations(page) == []
    page.fill("#id_given_names", "Alfie")
    page.fill("#id_family_name", "Smith")
    page.fill("#id_date_of_birth_0", "7")
    page.fill("#id_date_of_birth_1", "3")
    page.fill("#id_date_of_birth_2", "2015")
    page.click("button:has-text('Search')")
    page.wait_for_selector("text=short or formal form")
    assert page.locator("table tbody tr").first.inner_text().startswith("Alfred Smith")
    assert axe_violations(page) == []

    page.click("a:has-text('Alfred Smith')")
    page.wait_for_selector("h1:has-text('Alfred Smith')")
    assert axe_violations(page) == []
    page.click("a:has-text('Merge with another record')")
    page.wait_for_selector("h1:has-text('Merge with another record')")
    assert axe_violations(page) == []
    page.click(f"a[href$='/merge/{duplicate.pk}/']")
    page.wait_for_selector("h1:has-text('Are these the same person?')")
    assert axe_violations(page) == []
    page.click("button:has-text('Merge records')")  # no choice, no reason: errors, nothing merged
    page.wait_for_selector(".govuk-error-summary")
    assert axe_violations(page) == []
    page.check(f"input[name='keep'][value='{kept.pk}']")
    page.fill("textarea[name='reason']", "Same boy: school confirmed the spelling and the date of birth.")
    page.click("button:has-text('Merge records')")
    page.wait_for_selector("text=Merge history")
    assert axe_violations(page) == []

    page.click("a:has-text('Undo this merge')")
    page.wait_for_selector("h1:has-text('Undo this merge')")
    assert axe_violations(page) == []
    page.fill("textarea[name='reason']", "Merged in error: a different child.")
    page.click("button:has-text('Undo this merge')")
    page.wait_for_load_state()
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None
