"""In Chromium: an information officer records a contact about a family (a mother and three children,
the third child's slot added without JavaScript), and a team manager decides a different outcome for
each child, with the specialist assessments one of them needs. Every page is checked with axe-core."""

import pytest

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105
CHILDREN = (("Bella", "1", "2016", "F"), ("Tom", "9", "2018", "M"), ("Ava", "20", "2021", "F"))


def _fill_child(page, i: int, given: str, day: str, year: str, sex: str) -> None:  # noqa: ANN001
    page.fill(f"#id_child-{i}-given_names", given)
    page.fill(f"#id_child-{i}-family_name", "Jones")
    page.fill(f"#id_child-{i}-date_of_birth_0", day)
    page.fill(f"#id_child-{i}-date_of_birth_1", "2")
    page.fill(f"#id_child-{i}-date_of_birth_2", year)
    page.fill(f"#id_child-{i}-address", "1 Mill Road, Cambridge")
    page.fill(f"#id_child-{i}-postcode", "CB1 2AB")
    page.check(f"input[name='child-{i}-sex'][value='{sex}']")


def _record_family(page, base: str) -> str:  # noqa: ANN001
    sign_in(page, base, "information_officer", PASSWORD)
    page.click("text=Record a contact")
    assert axe_violations(page) == []
    page.select_option("#id_channel", "phone")
    page.check("#id_referrer_kind_0")  # professional
    page.fill("#id_referrer_name", "Sam Teacher")
    page.fill("#id_referrer_agency", "Oak Primary School")
    _fill_child(page, 0, *CHILDREN[0])
    page.click("button:has-text('Add another child')")  # shows the second child's boxes, here in the browser
    _fill_child(page, 1, *CHILDREN[1])
    page.click("button:has-text('Add another child')")  # asks the server for a third
    page.wait_for_selector("#id_child-2-given_names")
    assert page.input_value("#id_child-0-given_names") == "Bella"  # what was typed survives
    assert axe_violations(page) == []
    _fill_child(page, 2, *CHILDREN[2])
    page.select_option("#id_person-0-role", "parent")
    page.fill("#id_person-0-relationship", "Mother")
    page.check("#id_person-0-parental_responsibility")
    page.fill("#id_person-0-given_names", "Kerry")
    page.fill("#id_person-0-family_name", "Jones")
    page.fill("#id_person-0-date_of_birth_0", "3")
    page.fill("#id_person-0-date_of_birth_1", "4")
    page.fill("#id_person-0-date_of_birth_2", "1990")
    page.fill("#id_reason", "Bella said her mother's partner hit her; Tom and Ava were in the house.")
    page.select_option("#id_requested_level", "s17")
    page.fill("#id_staff_risk", "The partner has been aggressive to visitors.")
    page.select_option("#id_consent_status", "obtained")
    page.fill("#id_consent_given_by", "Mother")
    page.select_option("#id_initial_rating", "amber")
    page.click("button:has-text('Record contact')")
    page.wait_for_selector("text=recorded")
    reference = page.locator("h1").inner_text().split()[0]
    content = page.content()
    for given, *_ in CHILDREN:
        assert f"{given} Jones" in content
    assert "Kerry Jones" in content
    assert "Parental responsibility" in content
    assert axe_violations(page) == []

    page.click("a:has-text('Screening and checklist')")
    assert axe_violations(page) == []
    page.fill("#id_screening_nature", "Physical chastisement; siblings present")
    page.click("button:has-text('Save screening')")
    page.wait_for_selector("text=Screening saved")
    page.click("a:has-text('Send for decision')")
    assert axe_violations(page) == []
    page.select_option("#id_recommendation", "cfa")
    page.fill("#id_recommendation_reason", "Assess Bella; early help for the younger two")
    page.click("button:has-text('Send for decision')")
    page.wait_for_selector("text=Sent to a manager")
    page.click("button:has-text('Sign out')")
    return reference


def test_family_of_a_parent_and_three_children_decided_per_child(page, live_server, make_user) -> None:  # noqa: ANN001
    for role in ("information_officer", "team_manager"):
        user = make_user(role)
        user.set_password(PASSWORD)
        user.save()
    base = live_server.url
    reference = _record_family(page, base)

    sign_in(page, base, "team_manager", PASSWORD)
    page.goto(f"{base}/contacts/{reference}/")
    assert axe_violations(page) == []
    page.click("a:has-text('Make the threshold decision')")
    assert axe_violations(page) == []
    bella = page.locator("fieldset.app-child", has_text="Bella Jones")
    bella.locator("select[name^='need_']").select_option("cin_moderate")
    bella.locator("select[name^='outcome_']").select_option("cfa")
    bella.locator("label:has-text('Paediatric or medical assessment')").click()
    bella.locator("textarea[name^='services_']").fill("Family support worker")
    tom = page.locator("fieldset.app-child", has_text="Tom Jones")
    tom.locator("select[name^='need_']").select_option("not_cin")
    tom.locator("select[name^='outcome_']").select_option("early_help")
    ava = page.locator("fieldset.app-child", has_text="Ava Jones")
    ava.locator("input[name^='opened_']").uncheck()
    page.check("input[name='rating'][value='amber']")
    page.fill("#id_rationale", "Bella: assessment. Tom: early help. Ava: not opened, too young to be affected.")
    page.click("button:has-text('Authorise decision')")
    page.wait_for_selector("text=Decision authorised")
    assert axe_violations(page) == []

    page.goto(f"{base}/contacts/{reference}/")
    content = page.content()
    assert "Child and Family Assessment (section 17)" in content
    assert "Early help" in content
    assert "Not opened on this child" in content
    assert "Paediatric or medical assessment" in content
    assert axe_violations(page) == []

    # A baby is expected: added to the contact later, which sends it back for a decision about the baby,
    # and then born.
    page.click("a:has-text('Add a child or another person')")
    assert axe_violations(page) == []
    page.select_option("#id_role", "subject")
    page.fill("#id_family_name", "Jones")
    page.check("#id_is_unborn")
    page.fill("#id_expected_delivery_date_0", "1")
    page.fill("#id_expected_delivery_date_1", "1")
    page.fill("#id_expected_delivery_date_2", "2099")
    page.click("button:has-text('Check the person index')")
    assert axe_violations(page) == []
    page.click("button:has-text('Add to the contact')")
    page.wait_for_selector("text=needs a decision for this child too")
    assert "Awaiting decision" in page.content()
    assert axe_violations(page) == []
    page.click("a:has-text('Record the birth')")
    assert axe_violations(page) == []
    page.click("button:has-text('Record the birth')")
    page.wait_for_selector("text=Enter the baby")
    assert axe_violations(page) == []
