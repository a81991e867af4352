"""In Chromium: an information officer screens a contact by its task list and sends it for a decision;
a team manager decides from the decision page alone, without opening the contact page. Every page is
checked with axe-core."""

import pytest
from django.urls import reverse

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


def status_of(page, key: str) -> str:  # noqa: ANN001
    return page.locator(f"#task-{key}-status").inner_text().strip()


def test_screening_by_task_list_then_deciding_from_the_decision_page(
    page, live_server, officer, manager, record
) -> None:  # noqa: ANN001
    for user in (officer, manager):
        user.set_password(PASSWORD)
        user.save()
    # Consent refused and rated Amber: the manager may proceed without consent, with a reason (R-CON-4).
    contact = record(consent_status="refused", initial_rating="amber")
    base = live_server.url

    sign_in(page, base, "information_officer", PASSWORD)
    page.goto(base + reverse("contacts:detail", args=[contact.reference]))
    assert status_of(page, "concern") == "Not started"
    assert axe_violations(page) == []
    page.goto(base + reverse("contacts:screening", args=[contact.reference]))
    assert status_of(page, "concern") == "Not started"
    assert status_of(page, "submit") == "Cannot start yet"
    assert axe_violations(page) == []
    page.click("#task-concern a.govuk-task-list__link")
    page.fill("#id_screening_nature", "Bruise on the arm; said dad hit him")
    page.fill("#id_screening_how_why", "Disclosed to the class teacher this morning")
    page.fill("#id_screening_needs", "Safety at home")
    page.check("#id_screening_significant_harm_0")
    page.check("#id_screening_urgent_action_1")
    page.click("button:has-text('Save screening')")
    page.wait_for_selector("text=Screening saved")

    page.goto(base + reverse("contacts:screening", args=[contact.reference]))
    assert status_of(page, "concern") == "Completed"
    assert status_of(page, "submit") == "Not started"
    page.click("#task-submit a.govuk-task-list__link")
    assert axe_violations(page) == []
    page.select_option("#id_recommendation", "cfa")
    page.fill("#id_recommendation_reason", "Child in need; assess the household")
    page.click("button:has-text('Send for decision')")
    page.wait_for_selector("text=Sent to a manager")
    page.click("button:has-text('Sign out')")

    sign_in(page, base, "team_manager", PASSWORD)
    page.goto(base + reverse("decisions:decide", args=[contact.reference]))
    for heading in ("Rating and clock", "Children", "Screening summary", "Consent", "Policy recommendation"):
        assert page.locator("h2", has_text=heading).count() >= 1
    assert "Disclosed to the class teacher this morning" in page.content()
    reason = page.locator("#id_consent_reason")
    assert not reason.is_visible()  # revealed only when a child is referred without consent
    assert axe_violations(page) == []
    page.check("#id_without_consent")
    assert reason.is_visible()
    reason.fill("Disclosure of physical harm: it is not safe to wait for consent.")
    child = page.locator("fieldset.app-child")
    child.locator("select[name^='need_']").select_option("cin_moderate")
    child.locator("select[name^='outcome_']").select_option("cfa")
    page.check("input[name='rating'][value='amber']")
    page.fill("#id_rationale", "Moderate need: Child and Family Assessment.")
    assert axe_violations(page) == []
    page.click("button:has-text('Authorise decision')")
    page.wait_for_selector("text=Decision authorised")
    assert axe_violations(page) == []

    page.goto(base + reverse("contacts:detail", args=[contact.reference]))
    card = page.locator("#decision")
    assert "Moderate need: Child and Family Assessment." in card.inner_text()
    assert "not safe to wait for consent" in card.inner_text()
    assert axe_violations(page) == []
