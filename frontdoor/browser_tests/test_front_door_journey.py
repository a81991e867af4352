"""In Chromium: an information officer records a contact about two siblings; a team manager rates
and authorises the decision and sees it leave the queue. Every page is checked with axe-core."""

import pytest

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


def test_axe_harness_reports_violations(page) -> None:  # noqa: ANN001
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
    assert "image-alt" in {v["id"] for v in axe_violations(page)}


def test_sign_in_page_is_accessible(page, live_server) -> None:  # noqa: ANN001
    page.goto(f"{live_server.url}/accounts/sign-in/")
    assert page.locator("h1").inner_text().startswith("Sign in")
    assert axe_violations(page) == []


def test_officer_records_siblings_and_manager_decides(page, live_server, make_user) -> None:  # noqa: ANN001
    for role in ("information_officer", "team_manager"):
        user = make_user(role)
        user.set_password(PASSWORD)
        user.save()
    base = live_server.url
    sign_in(page, base, "information_officer", PASSWORD)
    page.click("text=Record a contact")
    assert axe_violations(page) == []
    page.select_option("#id_channel", "phone")
    page.check("#id_referrer_kind_0")  # professional
    page.fill("#id_referrer_name", "Sam Teacher")
    page.fill("#id_referrer_agency", "Oak Primary School")
    for i, (given, day) in enumerate((("Bella", "1"), ("Tom", "9"))):
        if i:
            page.click("button:has-text('Add another child')")  # the second child's boxes appear
        page.fill(f"#id_child-{i}-given_names", given)
        page.fill(f"#id_child-{i}-family_name", "Jones")
        page.fill(f"#id_child-{i}-date_of_birth_0", day)
        page.fill(f"#id_child-{i}-date_of_birth_1", "2")
        page.fill(f"#id_child-{i}-date_of_birth_2", "2016")
        page.fill(f"#id_child-{i}-postcode", "CB1 2AB")
    page.fill("#id_reason", "Bella said her stepfather hit her with a belt; Tom was present.")
    page.select_option("#id_consent_status", "obtained")
    page.fill("#id_consent_given_by", "Mother")
    page.select_option("#id_initial_rating", "amber")
    page.click("button:has-text('Record contact')")
    page.wait_for_selector("text=recorded")
    reference = page.locator("h1").inner_text().split()[0]
    assert "Bella Jones" in page.content()
    assert "Tom Jones" in page.content()
    assert axe_violations(page) == []

    page.click("a:has-text('Screening and checklist')")
    page.fill("#id_screening_nature", "Physical chastisement with an implement")
    page.click("button:has-text('Save screening')")
    page.wait_for_selector("text=Screening saved")
    page.click("a:has-text('Send for decision')")
    page.select_option("#id_recommendation", "cfa")
    page.fill("#id_recommendation_reason", "Child in need; assess the household")
    page.click("button:has-text('Send for decision')")
    page.wait_for_selector("text=Sent to a manager")
    page.click("button:has-text('Sign out')")

    sign_in(page, base, "team_manager", PASSWORD)
    page.goto(f"{base}/contacts/?queue=authorise")
    assert reference in page.content()
    assert axe_violations(page) == []
    page.click(f"a:has-text('{reference}')")
    page.click("a:has-text('Make the threshold decision')")
    assert axe_violations(page) == []
    for name in ("Bella", "Tom"):
        fieldset = page.locator("fieldset.app-child", has_text=f"{name} Jones")
        fieldset.locator("select[name^='need_']").select_option("cin_moderate")
        fieldset.locator("select[name^='outcome_']").select_option("cfa")
    page.check("input[name='rating'][value='amber']")
    page.fill("#id_rationale", "Moderate need: Child and Family Assessment for both children.")
    page.click("button:has-text('Authorise decision')")
    page.wait_for_selector("text=Decision authorised")
    page.goto(f"{base}/contacts/?queue=authorise")
    assert reference not in page.content()
