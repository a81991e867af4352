"""In Chromium: a phone contact about two siblings typed with three mistakes. One error summary lists all
three in page order, nothing typed is lost, and once fixed the contact is recorded. The date and time
boxes, "Now", the conditional reveals and "Check the person index" are used as a worker would, with and
without JavaScript. Every state of the page is checked with axe-core."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from frontdoor.contacts.models import Contact

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105
LONDON = ZoneInfo("Europe/London")

TYPED = {
    "#id_referrer_name": "Sam Teacher",
    "#id_referrer_agency": "Oak Primary School",
    "#id_referrer_role": "Designated safeguarding lead",
    "#id_referrer_phone": "01223 000000",
    "#id_child-0-given_names": "Bella",
    "#id_child-0-family_name": "Jones",
    "#id_child-0-date_of_birth_0": "1",
    "#id_child-0-date_of_birth_2": "2016",
    "#id_child-1-given_names": "Tom",
    "#id_child-1-family_name": "Jones",
    "#id_child-1-date_of_birth_0": "9",
    "#id_child-1-date_of_birth_1": "2",
    "#id_child-1-date_of_birth_2": "2019",
    "#id_reason": "Bella said her stepfather hit her with a belt; Tom was present.",
    "#id_consent_given_by": "Mother",
}
MISTAKES = {  # one in each of three fields, and what fixes it
    "#id_received_at_3": ("9.75", "9.15"),
    "#id_referrer_email": ("sam.teacher@", "sam.teacher@oak.example.org"),
    "#id_child-0-date_of_birth_1": ("14", "2"),
}


def axe_violations_without_javascript(page, browser) -> list[dict]:  # noqa: ANN001
    """axe-core on the page as it stands without JavaScript: its markup, scripts removed, in a page that can
    run axe (axe cannot run where scripts are switched off)."""
    origin = "/".join(page.url.split("/")[:3])
    markup = re.sub(r"<script.*?</script>", "", page.content(), flags=re.S)
    markup = markup.replace("<head>", f'<head><base href="{origin}/">', 1)
    copy = browser.new_page()
    try:
        copy.set_content(markup, wait_until="load")
        return axe_violations(copy)
    finally:
        copy.close()


@pytest.fixture
def officer_page(page, live_server, make_user):  # noqa: ANN001, ANN201
    user = make_user("information_officer")
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, live_server.url, "information_officer", PASSWORD)
    return page


def test_three_mistakes_one_summary_nothing_lost_then_recorded(officer_page) -> None:  # noqa: ANN001
    page = officer_page
    page.click("text=Record a contact")
    assert not page.is_visible("#id_referrer_agency")  # revealed only for a professional
    assert not page.is_visible("#id_child-1-given_names")  # the second child waits behind "Add another child"
    assert axe_violations(page) == []

    page.fill("#id_received_at_0", "")
    page.click("button:has-text('Now')")  # in the browser, no round trip
    now = datetime.datetime.now(tz=LONDON)
    assert page.input_value("#id_received_at_2") == str(now.year)
    # Yesterday at 9.15: today's 9.15 is still in the future when the test runs before it.
    day = now - datetime.timedelta(days=1)
    for box, value in ((0, day.day), (1, day.month), (2, day.year)):
        page.fill(f"#id_received_at_{box}", str(value))
    page.select_option("#id_channel", "phone")
    page.check("#id_referrer_kind_0")  # professional: their agency and role appear
    assert page.is_visible("#id_referrer_agency")
    page.click("button:has-text('Add another child')")
    assert page.is_visible("#id_child-1-given_names")
    assert page.url.endswith("/contacts/new/")  # "Now" and "Add another child" asked nothing of the server
    assert axe_violations(page) == []
    for selector, value in TYPED.items():
        page.fill(selector, value)
    page.select_option("#id_consent_status", "obtained")
    for selector, (wrong, _) in MISTAKES.items():
        page.fill(selector, wrong)

    page.click("button:has-text('Record contact')")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert page.locator(".govuk-error-summary").count() == 1
    assert summary.locator("li").all_inner_texts() == [
        "The time the contact was received must be like 14:30",
        "Enter an email address in the correct format, like name@example.org",
        "Date of birth must be a real date",
    ]
    for selector, value in TYPED.items():
        assert page.input_value(selector) == value, selector  # nothing lost
    for selector, (wrong, _) in MISTAKES.items():
        assert page.input_value(selector) == wrong, selector  # not even the mistakes
    assert page.is_visible("#id_child-1-given_names")
    assert axe_violations(page) == []

    summary.locator("a", has_text="Date of birth").click()
    assert page.evaluate("document.activeElement.id") == "id_child-0-date_of_birth_0"
    for selector, (_, right) in MISTAKES.items():
        page.fill(selector, right)
    page.click("button:has-text('Record contact')")
    page.wait_for_selector("text=recorded")
    assert axe_violations(page) == []
    contact = Contact.objects.get()
    assert contact.received_at == datetime.datetime(day.year, day.month, day.day, 9, 15, tzinfo=LONDON)
    assert contact.referrer_email == "sam.teacher@oak.example.org"
    assert sorted(str(p.person.date_of_birth) for p in contact.people.all()) == ["2016-02-01", "2019-02-09"]


def test_without_javascript_everything_is_shown_and_now_asks_the_server(browser, live_server, make_user) -> None:  # noqa: ANN001
    user = make_user("information_officer")
    user.set_password(PASSWORD)
    user.save()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, live_server.url, "information_officer", PASSWORD)
        page.goto(f"{live_server.url}/contacts/new/")
        assert page.is_visible("#id_referrer_agency")  # conditional content is shown
        assert page.is_visible("#id_child-1-given_names")
        assert page.is_visible("#id_child-0-expected_delivery_date_0")
        assert axe_violations_without_javascript(page, browser) == []
        page.fill("#id_child-1-given_names", "Alfie")
        page.fill("#id_child-1-family_name", "Smith")
        page.fill("#id_reason", "Kept")
        for box in range(4):
            page.fill(f"#id_received_at_{box}", "")
        page.click("button[value='now:received_at']")
        page.wait_for_url("**#id_received_at-group")
        now = datetime.datetime.now(tz=LONDON)
        assert page.input_value("#id_received_at_2") == str(now.year)
        assert page.input_value("#id_received_at_3") != ""
        assert page.input_value("#id_reason") == "Kept"
        assert page.locator(".govuk-error-summary").count() == 0
        page.click("button:has-text('Check the person index for child 2')")
        page.wait_for_url("**#child-1")  # back at the second child's candidates
        assert "No existing record found" in page.locator("#child-1").inner_text()
        assert page.input_value("#id_child-1-given_names") == "Alfie"
        assert axe_violations_without_javascript(page, browser) == []
    finally:
        context.close()
