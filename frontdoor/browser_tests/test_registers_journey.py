"""In Chromium, with axe on every page: a professional consultation made into a contact (R-CONS-1), and a
request for checks from an agency not on the list refused, with the reason shown and recorded (R-CHK-2)."""

import pytest

from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact
from frontdoor.registers.models import ChecksRequest, ChecksStatus, Consultation

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


@pytest.fixture
def officer_page(page, live_server, make_user):  # noqa: ANN001, ANN201
    user = make_user("information_officer")
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, live_server.url, "information_officer", PASSWORD)
    page.click("nav >> text=Registers")
    assert page.locator("h1").inner_text() == "Registers"
    assert axe_violations(page) == []
    return page


def _now(page, field: str) -> None:  # noqa: ANN001
    page.click(f"button[data-app-target='id_{field}'][data-app-fill='now']")


def test_a_consultation_is_made_into_a_contact(officer_page) -> None:  # noqa: ANN001
    page = officer_page
    page.click("a:has-text('Professional consultations')")
    assert axe_violations(page) == []
    page.click("text=Record a consultation")
    assert axe_violations(page) == []
    _now(page, "consulted_at")
    page.fill("#id_professional_name", "Priya Nurse")
    page.fill("#id_professional_role", "School nurse")
    page.fill("#id_agency", "Oak Primary School")
    page.fill("#id_child_given_names", "Zebedee")
    page.fill("#id_child_family_name", "Quarrington")
    page.fill("#id_child_date_of_birth_0", "4")
    page.fill("#id_child_date_of_birth_1", "5")
    page.fill("#id_child_date_of_birth_2", "2017")
    page.fill("#id_concern", "Zebedee told the nurse his mother's partner hit him; a bruise on his cheek.")
    page.check("#id_caller_told_not_recorded")
    page.fill("#id_advice", "This needs a contact now; we will take it from you.")
    page.click("button:has-text('Save consultation')")
    page.wait_for_selector("text=Consultation recorded")
    assert axe_violations(page) == []

    page.click("text=Make this a contact")
    page.wait_for_selector("h1:has-text('Record a contact')")
    assert axe_violations(page) == []
    assert page.input_value("#id_referrer_name") == "Priya Nurse"
    assert page.input_value("#id_referrer_agency") == "Oak Primary School"
    assert page.input_value("#id_child-0-given_names") == "Zebedee"
    assert page.input_value("#id_child-0-family_name") == "Quarrington"
    assert "a bruise on his cheek" in page.input_value("#id_reason")
    page.select_option("#id_channel", "phone")
    page.click("button:has-text('Record contact')")
    page.wait_for_selector("text=recorded")
    assert axe_violations(page) == []
    reference = page.locator("h1").inner_text().split()[0]
    assert "This needs a contact now" not in page.content()  # the advice stays in the confidential log

    contact = Contact.objects.get(reference=reference)
    consultation = Consultation.objects.get()
    assert consultation.contact == contact
    assert AuditEvent.objects.filter(action=AuditAction.CONSULTATION_CONVERTED).count() == 1
    page.goto(f"{page.url.split('/contacts/')[0]}/registers/consultations/{consultation.pk}/")
    assert f"Made into contact {reference}" in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_a_request_from_an_agency_not_on_the_list_is_refused(officer_page) -> None:  # noqa: ANN001
    page = officer_page
    page.click("a:has-text('Requests for checks')")
    assert axe_violations(page) == []
    page.click("text=Record a request for checks")
    assert axe_violations(page) == []
    _now(page, "received_at")
    page.check("input[name='agency'][value='another']")
    page.fill("#id_other_agency", "Acme Debt Collectors")
    page.fill("#id_caller_name", "Sam Caller")
    page.check("input[name='verification'][value='confirmed']")
    page.check("input[name='active_involvement_confirmed'][value='yes']")
    page.fill("#id_child_given_names", "Alfie")
    page.fill("#id_child_family_name", "Smith")
    page.click("button:has-text('Save request')")
    page.wait_for_selector("text=the request is refused and the reason recorded")
    text = page.locator("main").inner_text()
    assert "Acme Debt Collectors is not one of the agencies we may share information with" in text
    assert axe_violations(page) == []

    request = ChecksRequest.objects.get()
    assert request.status == ChecksStatus.REFUSED
    assert "Acme Debt Collectors" in request.refused_reason
    assert AuditEvent.objects.filter(action=AuditAction.CHECKS_REQUEST_REFUSED, object_id=str(request.pk)).exists()
    page.click("text=All requests for checks")
    assert "Acme Debt Collectors" in page.locator("main").inner_text()
    assert axe_violations(page) == []
